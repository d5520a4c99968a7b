export type TerritoryKind = 'geographic' | 'thematic';
export const TERRITORY_KINDS: readonly TerritoryKind[] = ['geographic', 'thematic'];

export type TerritoryLevel = 'region' | 'departement' | 'city' | 'employment_area' | 'sector' | 'value_chain' | 'other';
export const TERRITORY_LEVELS: readonly TerritoryLevel[] = ['region', 'departement', 'city', 'employment_area', 'sector', 'value_chain', 'other'];

/**
 * What a territory covers, as sent. A geographic territory lists postcodes, INSEE commune codes
 * and/or départements (at least one entry, no NAF code); a thematic one lists NAF prefixes only.
 */
export interface PerimeterInput {
  /** 5 digits, e.g. `69003`. */
  postcodes?: string[];
  /** INSEE commune codes: 5 digits, or `2A`/`2B` and 3 digits for Corsica. */
  communes?: string[];
  /** `01`..`95`, `2A`, `2B`, `971`..`976`. */
  departements?: string[];
  /** NAF rev. 2 prefixes: a division `25`, a group `25.6`, a class `25.62` or a subclass `25.62A`. */
  nafCodes?: string[];
}

/** Who ended a membership: the firm itself, or the coordinators. */
export type ExitInitiator = 'firm' | 'coordinator';
export const EXIT_INITIATORS: readonly ExitInitiator[] = ['firm', 'coordinator'];

/**
 * One line of a member list, as `parseMemberCsv` produces it (already checked there; the
 * decider checks again, since a command may come from elsewhere).
 */
export interface ImportRow {
  /** 1-based physical line of the file, for the messages. */
  line: number;
  siren: string;
  name: string;
  contactEmail?: string;
  /** Absent when the file has no `groups` column: an admitted member's groups then stay as they are. */
  groups?: string[];
}

// Raw input: the decider validates every field. `by` is the acting person id (or 'system'),
// `now` an ISO instant. Who may send a command (a coordinator, the firm's members) is checked by
// the application layer before the decider.

export type CreateTerritory = {
  type: 'CreateTerritory';
  data: {
    territoryId: string;
    /** 1..120 characters, trimmed. */
    name: string;
    /** Up to 2000 characters. */
    description?: string;
    kind: TerritoryKind;
    level: TerritoryLevel;
    /** The territory this one is part of (a département's territory inside a region's). */
    parentId?: string;
    perimeter: PerimeterInput;
    by: string;
    now: string;
  };
};

/** The fields given replace the current ones; `description: ''` removes the description. */
export type UpdateTerritory = {
  type: 'UpdateTerritory';
  data: { name?: string; description?: string; perimeter?: PerimeterInput; by: string; now: string };
};

export type AppointCoordinator = { type: 'AppointCoordinator'; data: { personId: string; by: string; now: string } };

export type RemoveCoordinator = { type: 'RemoveCoordinator'; data: { personId: string; by: string; now: string } };

/**
 * When the territory's openness alerts fire: an E-I index at or below `eiThreshold` (-1..1)
 * over the last `periodMonths` months (1..24).
 */
export type ConfigureAlerts = {
  type: 'ConfigureAlerts';
  data: { eiThreshold: number; periodMonths: number; by: string; now: string };
};

/** A firm asks to join (sent by one of its members). */
export type Apply = {
  type: 'Apply';
  data: { siren: string; companyId: string; message?: string; by: string; now: string };
};

export type WithdrawApplication = { type: 'WithdrawApplication'; data: { siren: string; by: string; now: string } };

/**
 * A coordinator invites a firm, on the platform (`companyId`) or not yet. `validUntil`
 * (`YYYY-MM-DD`, after today) is the end of the membership offered, if it has one.
 */
export type Invite = {
  type: 'Invite';
  data: { siren: string; companyId?: string; message?: string; validUntil?: string; by: string; now: string };
};

export type AcceptInvitation = { type: 'AcceptInvitation'; data: { siren: string; companyId: string; by: string; now: string } };

export type DeclineInvitation = { type: 'DeclineInvitation'; data: { siren: string; reason?: string; by: string; now: string } };

export type RequestInformation = { type: 'RequestInformation'; data: { siren: string; question: string; by: string; now: string } };

export type ProvideInformation = { type: 'ProvideInformation'; data: { siren: string; answer: string; by: string; now: string } };

/** `validUntil`: `YYYY-MM-DD` after today; `groups`: the member's groups (none when absent). */
export type Admit = {
  type: 'Admit';
  data: { siren: string; validUntil?: string; groups?: string[]; by: string; now: string };
};

export type Refuse = { type: 'Refuse'; data: { siren: string; reason: string; by: string; now: string } };

export type Renew = { type: 'Renew'; data: { siren: string; validUntil: string; by: string; now: string } };

export type ExitMembership = {
  type: 'ExitMembership';
  data: { siren: string; reason: string; initiatedBy: ExitInitiator; by: string; now: string };
};

export type SetMemberGroups = { type: 'SetMemberGroups'; data: { siren: string; groups: string[]; by: string; now: string } };

/** A member list imported at once (one atomic append); `importId` comes from the application layer. */
export type ImportMembers = { type: 'ImportMembers'; data: { importId: string; rows: ImportRow[]; by: string; now: string } };

export type TerritoryDefinitionCommand = CreateTerritory | UpdateTerritory | AppointCoordinator | RemoveCoordinator | ConfigureAlerts;

export type RosterCommand =
  | Apply
  | WithdrawApplication
  | Invite
  | AcceptInvitation
  | DeclineInvitation
  | RequestInformation
  | ProvideInformation
  | Admit
  | Refuse
  | Renew
  | ExitMembership
  | SetMemberGroups
  | ImportMembers;

export type TerritoryCommand = TerritoryDefinitionCommand | RosterCommand;
