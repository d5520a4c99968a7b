import { DomainEvent } from '@opn/kernel';
import { ExitInitiator, TerritoryKind, TerritoryLevel } from './territory.commands';

/** A perimeter as stored: every list present, normalised, deduplicated and sorted. */
export interface Perimeter {
  postcodes: string[];
  communes: string[];
  departements: string[];
  nafCodes: string[];
}

/** How a firm's current membership came about. */
export type MembershipOrigin = 'application' | 'invitation' | 'import';

/**
 * The service's private, stored events: facts in the past tense. Each carries the
 * `territoryId`, the acting person `by` (`'system'` for the platform) and the command's instant
 * `at`; roster events carry the firm's normalised `siren`.
 */
export type TerritoryCreated = DomainEvent<
  'TerritoryCreated',
  {
    territoryId: string;
    name: string;
    description?: string;
    kind: TerritoryKind;
    level: TerritoryLevel;
    parentId?: string;
    perimeter: Perimeter;
    by: string;
    at: string;
  }
>;

/** Only the fields that changed; `description: ''` means the description was removed. */
export type TerritoryChanges = { name?: string; description?: string; perimeter?: Perimeter };

/** The public definition after a change (published whole, so consumers need no earlier event). */
export interface TerritoryDefinition {
  name: string;
  kind: TerritoryKind;
  level: TerritoryLevel;
  parentId?: string;
  perimeter: Perimeter;
}

export type TerritoryUpdated = DomainEvent<'TerritoryUpdated', { territoryId: string; changes: TerritoryChanges; definition: TerritoryDefinition; by: string; at: string }>;

export type CoordinatorAppointed = DomainEvent<'CoordinatorAppointed', { territoryId: string; personId: string; by: string; at: string }>;

export type CoordinatorRemoved = DomainEvent<'CoordinatorRemoved', { territoryId: string; personId: string; by: string; at: string }>;

export type AlertSettingsChanged = DomainEvent<
  'AlertSettingsChanged',
  { territoryId: string; eiThreshold: number; periodMonths: number; by: string; at: string }
>;

export type MembershipApplied = DomainEvent<
  'MembershipApplied',
  { territoryId: string; siren: string; companyId: string; message?: string; by: string; at: string }
>;

export type ApplicationWithdrawn = DomainEvent<'ApplicationWithdrawn', { territoryId: string; siren: string; by: string; at: string }>;

export type MemberInvited = DomainEvent<
  'MemberInvited',
  { territoryId: string; siren: string; companyId?: string; message?: string; validUntil?: string; by: string; at: string }
>;

export type InvitationDeclined = DomainEvent<'InvitationDeclined', { territoryId: string; siren: string; reason?: string; by: string; at: string }>;

export type InformationRequested = DomainEvent<'InformationRequested', { territoryId: string; siren: string; question: string; by: string; at: string }>;

export type InformationProvided = DomainEvent<'InformationProvided', { territoryId: string; siren: string; answer: string; by: string; at: string }>;

/** An application admitted by the coordinators, or an invitation accepted by the firm. */
export type MembershipAdmitted = DomainEvent<
  'MembershipAdmitted',
  {
    territoryId: string;
    siren: string;
    companyId?: string;
    origin: 'application' | 'invitation';
    /** `YYYY-MM-DD`, the last day of the membership; none for an open-ended one. */
    validUntil?: string;
    groups: string[];
    by: string;
    at: string;
  }
>;

export type MembershipRefused = DomainEvent<'MembershipRefused', { territoryId: string; siren: string; reason: string; by: string; at: string }>;

export type MembershipRenewed = DomainEvent<
  'MembershipRenewed',
  { territoryId: string; siren: string; validUntil: string; previousValidUntil: string; by: string; at: string }
>;

export type MembershipEnded = DomainEvent<
  'MembershipEnded',
  { territoryId: string; siren: string; reason: string; initiatedBy: ExitInitiator; by: string; at: string }
>;

export type MemberGroupsChanged = DomainEvent<
  'MemberGroupsChanged',
  { territoryId: string; siren: string; groups: string[]; before: string[]; by: string; at: string }
>;

/** A firm of an imported member list, admitted (origin `import`); `contactEmail` is personal data. */
export type MemberImported = DomainEvent<
  'MemberImported',
  { territoryId: string; siren: string; name: string; contactEmail?: string; groups: string[]; importId: string; by: string; at: string }
>;

/** What an import changed on an admitted member (only the differing fields); `changes.contactEmail` is personal data. */
export type MemberDetailsChanges = { name?: string; contactEmail?: string; groups?: string[] };

export type MemberDetailsUpdated = DomainEvent<
  'MemberDetailsUpdated',
  { territoryId: string; siren: string; changes: MemberDetailsChanges; importId: string; by: string; at: string }
>;

export type TerritoryDefinitionEvent = TerritoryCreated | TerritoryUpdated | CoordinatorAppointed | CoordinatorRemoved | AlertSettingsChanged;

export type RosterEvent =
  | MembershipApplied
  | ApplicationWithdrawn
  | MemberInvited
  | InvitationDeclined
  | InformationRequested
  | InformationProvided
  | MembershipAdmitted
  | MembershipRefused
  | MembershipRenewed
  | MembershipEnded
  | MemberGroupsChanged
  | MemberImported
  | MemberDetailsUpdated;

export type TerritoryEvent = TerritoryDefinitionEvent | RosterEvent;
