import {
  assertNever,
  commandHandler,
  dateAfterToday,
  dateOf,
  Decider,
  email,
  FieldError,
  IllegalStateError,
  instant,
  invalid,
  NotFoundError,
  optionalDateAfterToday,
  optionalText,
  requiredText,
  requiredToken,
  siren,
  streamName,
  validateFields,
  ValidationError,
} from '@opn/kernel';
import {
  CLOSED_STATUSES,
  IMPORT_ROWS_MAX,
  MEMBER_NAME_MAX,
  Membership,
  MembershipStatus,
  groups,
  membershipStatusAt,
  sameGroups,
} from '../roster/membership';
import { perimeter, samePerimeter } from './perimeter';
import {
  AcceptInvitation,
  Admit,
  AppointCoordinator,
  Apply,
  ConfigureAlerts,
  CreateTerritory,
  DeclineInvitation,
  EXIT_INITIATORS,
  ExitInitiator,
  ExitMembership,
  ImportMembers,
  ImportRow,
  Invite,
  ProvideInformation,
  Refuse,
  RemoveCoordinator,
  Renew,
  RequestInformation,
  SetMemberGroups,
  TERRITORY_KINDS,
  TERRITORY_LEVELS,
  TerritoryCommand,
  TerritoryKind,
  TerritoryLevel,
  UpdateTerritory,
  WithdrawApplication,
} from './territory.commands';
import { MemberDetailsChanges, Perimeter, RosterEvent, TerritoryChanges, TerritoryDefinition, TerritoryEvent } from './territory.events';

export const NAME_MAX = 120;
export const DESCRIPTION_MAX = 2000;
export const MESSAGE_MAX = 2000;
export const QUESTION_MAX = 2000;
export const ANSWER_MAX = 4000;
export const REASON_MAX = 2000;

export interface AlertSettings {
  /** Alert when the territory's E-I index is at or below this value (-1..1). */
  eiThreshold: number;
  /** Over this many months (1..24). */
  periodMonths: number;
}

/** The alert settings of a territory whose coordinators never configured them. */
export const DEFAULT_ALERTS: Readonly<AlertSettings> = { eiThreshold: -0.5, periodMonths: 3 };

/**
 * The roster: memberships keyed by SIREN, in maps by the SIREN's first two digits, so that
 * evolving one membership copies one small map, not the whole roster (an import of 20,000 firms
 * is 20,000 events to fold: about a second here). Read it with `membershipOf` and `membershipsOf`.
 */
export type Roster = ReadonlyMap<string, ReadonlyMap<string, Membership>>;

export interface Territory {
  status: 'active';
  territoryId: string;
  name: string;
  description?: string;
  kind: TerritoryKind;
  level: TerritoryLevel;
  parentId?: string;
  perimeter: Perimeter;
  /** Person ids, in the order they were appointed. */
  coordinators: string[];
  alerts: AlertSettings;
  roster: Roster;
  createdAt: string;
}

export type TerritoryState = { status: 'none' } | Territory;

/** `territory-<id>` */
export const territoryStreamId = (territoryId: string): string => streamName('territory', territoryId);

export const initialState = (): TerritoryState => ({ status: 'none' });

const bucketOf = (sirenValue: string): string => sirenValue.slice(0, 2);

/** The firm's membership (current or last), if the roster has one. */
export const membershipOf = (state: Pick<Territory, 'roster'>, sirenValue: string): Membership | undefined =>
  state.roster.get(bucketOf(sirenValue))?.get(sirenValue);

/** Every membership of the roster, by SIREN. */
export const membershipsOf = (state: Pick<Territory, 'roster'>): Membership[] =>
  [...state.roster.values()]
    .flatMap((bucket) => [...bucket.values()])
    .sort((a, b) => (a.siren < b.siren ? -1 : a.siren > b.siren ? 1 : 0));

const withMembership = (roster: Roster, m: Membership): Roster => {
  const b = bucketOf(m.siren);
  return new Map(roster).set(b, new Map(roster.get(b)).set(m.siren, m));
};

export const isTerritoryKind = (value: unknown): value is TerritoryKind => (TERRITORY_KINDS as readonly unknown[]).includes(value);

export function territoryKind(value: unknown, field = 'kind'): TerritoryKind {
  if (!isTerritoryKind(value)) throw invalid(field, `must be one of ${TERRITORY_KINDS.join(', ')}`);
  return value;
}

export function territoryLevel(value: unknown, field = 'level'): TerritoryLevel {
  if (!(TERRITORY_LEVELS as readonly unknown[]).includes(value)) throw invalid(field, `must be one of ${TERRITORY_LEVELS.join(', ')}`);
  return value as TerritoryLevel;
}

export function eiThreshold(value: unknown, field = 'eiThreshold'): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < -1 || value > 1) throw invalid(field, 'must be a number from -1 to 1');
  return value;
}

export function periodMonths(value: unknown, field = 'periodMonths'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 24) {
    throw invalid(field, 'must be a whole number of months from 1 to 24');
  }
  return value;
}

function exitInitiator(value: unknown, field = 'initiatedBy'): ExitInitiator {
  if (!(EXIT_INITIATORS as readonly unknown[]).includes(value)) throw invalid(field, `must be one of ${EXIT_INITIATORS.join(', ')}`);
  return value as ExitInitiator;
}

// ---------------------------------------------------------------------------------------------
// evolve

/** A new request (application or invitation) for a firm: what the roster knew of the firm stays, the rest starts over. */
function newRequest(previous: Membership | undefined, sirenValue: string, at: string): Omit<Membership, 'status' | 'origin'> {
  return {
    siren: sirenValue,
    ...(previous?.companyId !== undefined ? { companyId: previous.companyId } : {}),
    ...(previous?.name !== undefined ? { name: previous.name } : {}),
    ...(previous?.contactEmail !== undefined ? { contactEmail: previous.contactEmail } : {}),
    groups: [],
    since: at,
    admissions: previous?.admissions ?? 0,
  };
}

/** A membership moved to `status`, without the fields of the state it leaves. */
function moved(m: Membership, status: MembershipStatus, at: string, more: Partial<Membership> = {}): Membership {
  const { question: _q, reason: _r, endedBy: _e, ...rest } = m;
  return { ...rest, status, since: at, ...more };
}

function evolveRoster(state: Territory, event: RosterEvent): Territory {
  const d = event.data;
  const previous = membershipOf(state, d.siren);
  const put = (m: Membership): Territory => ({ ...state, roster: withMembership(state.roster, m) });
  switch (event.type) {
    case 'MembershipApplied':
      return put({ ...newRequest(previous, d.siren, d.at), companyId: event.data.companyId, status: 'applied', origin: 'application' });
    case 'MemberInvited': {
      const { companyId, validUntil } = event.data;
      return put({
        ...newRequest(previous, d.siren, d.at),
        ...(companyId !== undefined ? { companyId } : {}),
        ...(validUntil !== undefined ? { validUntil } : {}),
        status: 'invited',
        origin: 'invitation',
      });
    }
    case 'MemberImported': {
      const { name, contactEmail, groups: g, at } = event.data;
      const base = previous ?? { siren: d.siren, groups: [], admissions: 0 };
      const { question: _q, reason: _r, endedBy: _e, validUntil: _v, ...rest } = base as Membership;
      return put({
        ...rest,
        name,
        ...(contactEmail !== undefined ? { contactEmail } : {}),
        groups: g,
        status: 'admitted',
        origin: 'import',
        since: at,
        admittedAt: at,
        admissions: base.admissions + 1,
      });
    }
  }
  if (previous === undefined) return state;
  switch (event.type) {
    case 'ApplicationWithdrawn':
      return put(moved(previous, 'withdrawn', d.at));
    case 'InvitationDeclined': {
      const { validUntil: _v, ...rest } = moved(previous, 'declined', d.at);
      return put(event.data.reason !== undefined ? { ...rest, reason: event.data.reason } : rest);
    }
    case 'InformationRequested':
      return put(moved(previous, 'info_requested', d.at, { question: event.data.question }));
    case 'InformationProvided':
      return put(moved(previous, 'applied', d.at));
    case 'MembershipAdmitted': {
      const { companyId, validUntil, origin, groups: g, at } = event.data;
      const { validUntil: _v, ...rest } = moved(previous, 'admitted', at);
      return put({
        ...rest,
        ...(companyId !== undefined ? { companyId } : {}),
        ...(validUntil !== undefined ? { validUntil } : {}),
        origin,
        groups: g,
        admittedAt: at,
        admissions: previous.admissions + 1,
      });
    }
    case 'MembershipRefused':
      return put(moved(previous, 'refused', d.at, { reason: event.data.reason }));
    case 'MembershipRenewed':
      return put({ ...previous, validUntil: event.data.validUntil });
    case 'MembershipEnded':
      return put(moved(previous, 'exited', d.at, { reason: event.data.reason, endedBy: event.data.initiatedBy }));
    case 'MemberGroupsChanged':
      return put({ ...previous, groups: event.data.groups });
    case 'MemberDetailsUpdated':
      return put({ ...previous, ...event.data.changes });
    default:
      return assertNever(event);
  }
}

export function evolve(state: TerritoryState, event: TerritoryEvent): TerritoryState {
  if (event.type === 'TerritoryCreated') {
    const d = event.data;
    return {
      status: 'active',
      territoryId: d.territoryId,
      name: d.name,
      ...(d.description !== undefined ? { description: d.description } : {}),
      kind: d.kind,
      level: d.level,
      ...(d.parentId !== undefined ? { parentId: d.parentId } : {}),
      perimeter: d.perimeter,
      coordinators: [],
      alerts: { ...DEFAULT_ALERTS },
      roster: new Map(),
      createdAt: d.at,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'TerritoryUpdated': {
      const { description, ...changes } = event.data.changes;
      const { description: _d, ...rest } = state;
      if (description === undefined) return { ...state, ...changes };
      return description === '' ? { ...rest, ...changes } : { ...rest, ...changes, description };
    }
    case 'CoordinatorAppointed':
      return { ...state, coordinators: [...state.coordinators, event.data.personId] };
    case 'CoordinatorRemoved':
      return { ...state, coordinators: state.coordinators.filter((p) => p !== event.data.personId) };
    case 'AlertSettingsChanged':
      return { ...state, alerts: { eiThreshold: event.data.eiThreshold, periodMonths: event.data.periodMonths } };
    default:
      return evolveRoster(state, event);
  }
}

// ---------------------------------------------------------------------------------------------
// decide

export function decide(command: TerritoryCommand, state: TerritoryState): TerritoryEvent[] {
  if (command.type === 'CreateTerritory') return create(command, state);
  if (state.status === 'none') throw new NotFoundError('territory not found');
  switch (command.type) {
    case 'UpdateTerritory':
      return update(command, state);
    case 'AppointCoordinator':
      return appoint(command, state);
    case 'RemoveCoordinator':
      return removeCoordinator(command, state);
    case 'ConfigureAlerts':
      return configureAlerts(command, state);
    case 'Apply':
      return apply(command, state);
    case 'WithdrawApplication':
      return withdrawApplication(command, state);
    case 'Invite':
      return invite(command, state);
    case 'AcceptInvitation':
      return acceptInvitation(command, state);
    case 'DeclineInvitation':
      return declineInvitation(command, state);
    case 'RequestInformation':
      return requestInformation(command, state);
    case 'ProvideInformation':
      return provideInformation(command, state);
    case 'Admit':
      return admit(command, state);
    case 'Refuse':
      return refuse(command, state);
    case 'Renew':
      return renew(command, state);
    case 'ExitMembership':
      return exitMembership(command, state);
    case 'SetMemberGroups':
      return setMemberGroups(command, state);
    case 'ImportMembers':
      return importMembers(command, state);
    default:
      return assertNever(command);
  }
}

/** Checks `by`, `now` and the command's own fields, reporting every bad field at once. */
function validated<More extends Record<string, () => unknown>>(data: { by: string; now: string }, more: More) {
  return validateFields({ ...more, by: () => requiredToken(data.by, 'by'), now: () => instant(data.now, 'now') });
}

function create({ data }: CreateTerritory, state: TerritoryState): TerritoryEvent[] {
  const v = validated(data, {
    territoryId: () => requiredToken(data.territoryId, 'territoryId'),
    name: () => requiredText(data.name, 'name', NAME_MAX),
    description: () => optionalText(data.description, 'description', DESCRIPTION_MAX) || undefined,
    kind: () => territoryKind(data.kind),
    level: () => territoryLevel(data.level),
    parentId: () => (data.parentId === undefined ? undefined : requiredToken(data.parentId, 'parentId')),
    perimeter: () => perimeter(data.perimeter, data.kind),
  });
  if (v.parentId !== undefined && v.parentId === v.territoryId) throw invalid('parentId', 'must be another territory');
  if (state.status !== 'none') throw new IllegalStateError('territory already exists');
  return [
    {
      type: 'TerritoryCreated',
      data: {
        territoryId: v.territoryId,
        name: v.name,
        ...(v.description !== undefined ? { description: v.description } : {}),
        kind: v.kind,
        level: v.level,
        ...(v.parentId !== undefined ? { parentId: v.parentId } : {}),
        perimeter: v.perimeter,
        by: v.by,
        at: v.now,
      },
    },
  ];
}

function update({ data }: UpdateTerritory, state: Territory): TerritoryEvent[] {
  const v = validated(data, {
    name: () => (data.name === undefined ? undefined : requiredText(data.name, 'name', NAME_MAX)),
    description: () => optionalText(data.description, 'description', DESCRIPTION_MAX),
    perimeter: () => (data.perimeter === undefined ? undefined : perimeter(data.perimeter, state.kind)),
  });
  const changes: TerritoryChanges = {};
  if (v.name !== undefined && v.name !== state.name) changes.name = v.name;
  if (v.description !== undefined && v.description !== (state.description ?? '')) changes.description = v.description;
  if (v.perimeter !== undefined && !samePerimeter(v.perimeter, state.perimeter)) changes.perimeter = v.perimeter;
  if (Object.keys(changes).length === 0) return [];
  const definition: TerritoryDefinition = {
    name: changes.name ?? state.name,
    kind: state.kind,
    level: state.level,
    ...(state.parentId !== undefined ? { parentId: state.parentId } : {}),
    perimeter: changes.perimeter ?? state.perimeter,
  };
  return [{ type: 'TerritoryUpdated', data: { territoryId: state.territoryId, changes, definition, by: v.by, at: v.now } }];
}

function appoint({ data }: AppointCoordinator, state: Territory): TerritoryEvent[] {
  const v = validated(data, { personId: () => requiredToken(data.personId, 'personId') });
  if (state.coordinators.includes(v.personId)) throw new IllegalStateError('person is already a coordinator of the territory');
  return [{ type: 'CoordinatorAppointed', data: { territoryId: state.territoryId, personId: v.personId, by: v.by, at: v.now } }];
}

function removeCoordinator({ data }: RemoveCoordinator, state: Territory): TerritoryEvent[] {
  const v = validated(data, { personId: () => requiredToken(data.personId, 'personId') });
  if (!state.coordinators.includes(v.personId)) throw new NotFoundError('person is not a coordinator of the territory');
  return [{ type: 'CoordinatorRemoved', data: { territoryId: state.territoryId, personId: v.personId, by: v.by, at: v.now } }];
}

function configureAlerts({ data }: ConfigureAlerts, state: Territory): TerritoryEvent[] {
  const v = validated(data, { eiThreshold: () => eiThreshold(data.eiThreshold), periodMonths: () => periodMonths(data.periodMonths) });
  if (v.eiThreshold === state.alerts.eiThreshold && v.periodMonths === state.alerts.periodMonths) return [];
  return [
    {
      type: 'AlertSettingsChanged',
      data: { territoryId: state.territoryId, eiThreshold: v.eiThreshold, periodMonths: v.periodMonths, by: v.by, at: v.now },
    },
  ];
}

// --- roster ----------------------------------------------------------------------------------

/** How a membership's status reads in a refusal. */
const DESCRIBED: Record<MembershipStatus, string> = {
  invited: 'the firm is invited',
  applied: 'the firm has applied',
  info_requested: 'the firm has applied and a question waits for its answer',
  admitted: 'the firm is admitted',
  refused: "the firm's application was refused",
  declined: 'the firm declined the invitation',
  withdrawn: 'the firm withdrew its application',
  exited: 'the firm has left the territory',
};

/** The refusal when a command would lead where the membership already is. */
const ALREADY: Partial<Record<MembershipStatus, string>> = {
  invited: 'firm is already invited',
  admitted: 'firm is already admitted',
  refused: 'application was already refused',
  declined: 'invitation was already declined',
  withdrawn: 'application was already withdrawn',
  exited: 'firm has already left the territory',
};

const PENDING: readonly MembershipStatus[] = ['applied', 'info_requested'];

const membershipNotFound = (sirenValue: string) => new NotFoundError(`no membership for SIREN ${sirenValue}`);

/** The firm's membership; 404 when the roster has none. */
function existing(state: Territory, sirenValue: string): Membership {
  const m = membershipOf(state, sirenValue);
  if (m === undefined) throw membershipNotFound(sirenValue);
  return m;
}

/** 409 unless the membership is in one of `allowed`; "already" when it is where the command leads. */
function requireStatus(m: Membership, allowed: readonly MembershipStatus[], verb: string, target?: MembershipStatus): void {
  if (allowed.includes(m.status)) return;
  if (m.status === target && ALREADY[target] !== undefined) throw new IllegalStateError(ALREADY[target]);
  throw new IllegalStateError(`cannot ${verb}: ${DESCRIBED[m.status]}`);
}

/** A firm may apply, or be invited, when the roster has nothing for it or its last request or membership is over. */
function requireOpen(m: Membership | undefined, command: 'Apply' | 'Invite', now: string): void {
  if (m === undefined || CLOSED_STATUSES.includes(m.status)) return;
  switch (m.status) {
    case 'admitted': {
      const lapsed = membershipStatusAt(m, now) === 'lapsed';
      throw new IllegalStateError(lapsed ? `firm is already admitted (its membership lapsed after ${m.validUntil}: renew it)` : 'firm is already admitted');
    }
    case 'invited':
      throw new IllegalStateError(command === 'Apply' ? 'an invitation is waiting: accept it' : 'firm is already invited');
    default:
      throw new IllegalStateError(command === 'Apply' ? 'an application is already pending' : 'an application is pending: admit or refuse it');
  }
}

function apply({ data }: Apply, state: Territory): TerritoryEvent[] {
  const v = validated(data, {
    siren: () => siren(data.siren),
    companyId: () => requiredToken(data.companyId, 'companyId'),
    message: () => optionalText(data.message, 'message', MESSAGE_MAX) || undefined,
  });
  requireOpen(membershipOf(state, v.siren), 'Apply', v.now);
  const { message } = v;
  return [
    {
      type: 'MembershipApplied',
      data: { territoryId: state.territoryId, siren: v.siren, companyId: v.companyId, ...(message !== undefined ? { message } : {}), by: v.by, at: v.now },
    },
  ];
}

function withdrawApplication({ data }: WithdrawApplication, state: Territory): TerritoryEvent[] {
  const v = validated(data, { siren: () => siren(data.siren) });
  requireStatus(existing(state, v.siren), PENDING, 'withdraw the application', 'withdrawn');
  return [{ type: 'ApplicationWithdrawn', data: { territoryId: state.territoryId, siren: v.siren, by: v.by, at: v.now } }];
}

function invite({ data }: Invite, state: Territory): TerritoryEvent[] {
  const v = validated(data, {
    siren: () => siren(data.siren),
    companyId: () => (data.companyId === undefined ? undefined : requiredToken(data.companyId, 'companyId')),
    message: () => optionalText(data.message, 'message', MESSAGE_MAX) || undefined,
    validUntil: () => optionalDateAfterToday(data.validUntil, 'validUntil', data.now),
  });
  requireOpen(membershipOf(state, v.siren), 'Invite', v.now);
  const { companyId, message, validUntil } = v;
  return [
    {
      type: 'MemberInvited',
      data: {
        territoryId: state.territoryId,
        siren: v.siren,
        ...(companyId !== undefined ? { companyId } : {}),
        ...(message !== undefined ? { message } : {}),
        ...(validUntil !== undefined ? { validUntil } : {}),
        by: v.by,
        at: v.now,
      },
    },
  ];
}

function acceptInvitation({ data }: AcceptInvitation, state: Territory): TerritoryEvent[] {
  const v = validated(data, { siren: () => siren(data.siren), companyId: () => requiredToken(data.companyId, 'companyId') });
  const m = existing(state, v.siren);
  requireStatus(m, ['invited'], 'accept the invitation', 'admitted');
  if (m.validUntil !== undefined && m.validUntil <= dateOf(v.now)) {
    throw new IllegalStateError(`cannot accept the invitation: the membership it offered ends on ${m.validUntil}, ask for a new invitation`);
  }
  return [
    {
      type: 'MembershipAdmitted',
      data: {
        territoryId: state.territoryId,
        siren: v.siren,
        companyId: v.companyId,
        origin: 'invitation',
        ...(m.validUntil !== undefined ? { validUntil: m.validUntil } : {}),
        groups: [],
        by: v.by,
        at: v.now,
      },
    },
  ];
}

function declineInvitation({ data }: DeclineInvitation, state: Territory): TerritoryEvent[] {
  const v = validated(data, { siren: () => siren(data.siren), reason: () => optionalText(data.reason, 'reason', REASON_MAX) || undefined });
  requireStatus(existing(state, v.siren), ['invited'], 'decline the invitation', 'declined');
  const { reason } = v;
  return [
    { type: 'InvitationDeclined', data: { territoryId: state.territoryId, siren: v.siren, ...(reason !== undefined ? { reason } : {}), by: v.by, at: v.now } },
  ];
}

function requestInformation({ data }: RequestInformation, state: Territory): TerritoryEvent[] {
  const v = validated(data, { siren: () => siren(data.siren), question: () => requiredText(data.question, 'question', QUESTION_MAX) });
  requireStatus(existing(state, v.siren), PENDING, 'request information');
  return [{ type: 'InformationRequested', data: { territoryId: state.territoryId, siren: v.siren, question: v.question, by: v.by, at: v.now } }];
}

function provideInformation({ data }: ProvideInformation, state: Territory): TerritoryEvent[] {
  const v = validated(data, { siren: () => siren(data.siren), answer: () => requiredText(data.answer, 'answer', ANSWER_MAX) });
  const m = existing(state, v.siren);
  if (m.status === 'applied') throw new IllegalStateError('cannot provide information: no question waits for an answer');
  requireStatus(m, ['info_requested'], 'provide information');
  return [{ type: 'InformationProvided', data: { territoryId: state.territoryId, siren: v.siren, answer: v.answer, by: v.by, at: v.now } }];
}

function admit({ data }: Admit, state: Territory): TerritoryEvent[] {
  const v = validated(data, {
    siren: () => siren(data.siren),
    validUntil: () => optionalDateAfterToday(data.validUntil, 'validUntil', data.now),
    groups: () => (data.groups === undefined ? [] : groups(data.groups)),
  });
  const m = existing(state, v.siren);
  if (m.status === 'invited') throw new IllegalStateError('cannot admit: the firm is invited, it accepts the invitation itself');
  requireStatus(m, PENDING, 'admit', 'admitted');
  const { validUntil } = v;
  return [
    {
      type: 'MembershipAdmitted',
      data: {
        territoryId: state.territoryId,
        siren: v.siren,
        ...(m.companyId !== undefined ? { companyId: m.companyId } : {}),
        origin: 'application',
        ...(validUntil !== undefined ? { validUntil } : {}),
        groups: v.groups,
        by: v.by,
        at: v.now,
      },
    },
  ];
}

function refuse({ data }: Refuse, state: Territory): TerritoryEvent[] {
  const v = validated(data, { siren: () => siren(data.siren), reason: () => requiredText(data.reason, 'reason', REASON_MAX) });
  requireStatus(existing(state, v.siren), PENDING, 'refuse', 'refused');
  return [{ type: 'MembershipRefused', data: { territoryId: state.territoryId, siren: v.siren, reason: v.reason, by: v.by, at: v.now } }];
}

function renew({ data }: Renew, state: Territory): TerritoryEvent[] {
  const v = validated(data, { siren: () => siren(data.siren), validUntil: () => dateAfterToday(data.validUntil, 'validUntil', data.now) });
  const m = existing(state, v.siren);
  requireStatus(m, ['admitted'], 'renew');
  if (m.validUntil === undefined) throw new IllegalStateError('cannot renew: the membership has no end date');
  if (v.validUntil <= m.validUntil) throw invalid('validUntil', `must be after the membership's current last day (${m.validUntil})`);
  return [
    {
      type: 'MembershipRenewed',
      data: { territoryId: state.territoryId, siren: v.siren, validUntil: v.validUntil, previousValidUntil: m.validUntil, by: v.by, at: v.now },
    },
  ];
}

function exitMembership({ data }: ExitMembership, state: Territory): TerritoryEvent[] {
  const v = validated(data, {
    siren: () => siren(data.siren),
    reason: () => requiredText(data.reason, 'reason', REASON_MAX),
    initiatedBy: () => exitInitiator(data.initiatedBy),
  });
  requireStatus(existing(state, v.siren), ['admitted'], 'end the membership', 'exited');
  return [
    {
      type: 'MembershipEnded',
      data: { territoryId: state.territoryId, siren: v.siren, reason: v.reason, initiatedBy: v.initiatedBy, by: v.by, at: v.now },
    },
  ];
}

function setMemberGroups({ data }: SetMemberGroups, state: Territory): TerritoryEvent[] {
  const v = validated(data, { siren: () => siren(data.siren), groups: () => groups(data.groups) });
  const m = existing(state, v.siren);
  requireStatus(m, ['admitted'], 'set the groups');
  if (sameGroups(v.groups, m.groups)) return [];
  return [
    { type: 'MemberGroupsChanged', data: { territoryId: state.territoryId, siren: v.siren, groups: v.groups, before: m.groups, by: v.by, at: v.now } },
  ];
}

const fieldErrors = (e: ValidationError): FieldError[] =>
  Array.isArray(e.details) ? e.details.map((d) => ({ field: String(d.field), message: String(d.message) })) : [{ field: 'rows', message: e.message }];

/** The rows normalised, or one ValidationError naming every bad field of every row and every repeated SIREN. */
export function importRows(value: unknown, field = 'rows'): ImportRow[] {
  if (!Array.isArray(value)) throw invalid(field, 'must be a list of rows');
  if (value.length > IMPORT_ROWS_MAX) throw invalid(field, `must hold at most ${IMPORT_ROWS_MAX} rows`);
  const rows: ImportRow[] = [];
  const errors: FieldError[] = [];
  const lineOf = new Map<string, number>();
  value.forEach((raw: Partial<Record<keyof ImportRow, unknown>> | null, i) => {
    const at = `${field}[${i}]`;
    if (raw === null || typeof raw !== 'object') {
      errors.push({ field: at, message: 'must be a row' });
      return;
    }
    let row: ImportRow;
    try {
      const r = validateFields({
        line: () => {
          if (typeof raw.line !== 'number' || !Number.isInteger(raw.line) || raw.line < 1) throw invalid(`${at}.line`, 'must be a line number from 1');
          return raw.line;
        },
        siren: () => siren(raw.siren, `${at}.siren`),
        name: () => requiredText(raw.name, `${at}.name`, MEMBER_NAME_MAX),
        contactEmail: () => (raw.contactEmail === undefined || raw.contactEmail === '' ? undefined : email(raw.contactEmail, `${at}.contactEmail`)),
        groups: () => (raw.groups === undefined ? undefined : groups(raw.groups, `${at}.groups`)),
      });
      row = { line: r.line, siren: r.siren, name: r.name, ...(r.contactEmail !== undefined ? { contactEmail: r.contactEmail } : {}), ...(r.groups !== undefined ? { groups: r.groups } : {}) };
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      errors.push(...fieldErrors(e));
      return;
    }
    const first = lineOf.get(row.siren);
    if (first !== undefined) {
      errors.push({ field: at, message: `SIREN ${row.siren} is on line ${first} and line ${row.line}` });
      return;
    }
    lineOf.set(row.siren, row.line);
    rows.push(row);
  });
  if (errors.length > 0) throw new ValidationError(errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  return rows;
}

/**
 * One event per row that changes the roster: the firm is admitted (`MemberImported`) unless it
 * already is; an admitted firm whose name, contact or groups differ gets `MemberDetailsUpdated`
 * with the differences (a row without a contact leaves the known contact as it is, a file
 * without a groups column the known groups). Importing
 * the same rows again decides nothing.
 */
function importMembers({ data }: ImportMembers, state: Territory): TerritoryEvent[] {
  const v = validated(data, { importId: () => requiredToken(data.importId, 'importId'), rows: () => importRows(data.rows) });
  const events: TerritoryEvent[] = [];
  const common = { territoryId: state.territoryId };
  for (const row of v.rows) {
    const m = membershipOf(state, row.siren);
    if (m === undefined || m.status !== 'admitted') {
      events.push({
        type: 'MemberImported',
        data: {
          ...common,
          siren: row.siren,
          name: row.name,
          ...(row.contactEmail !== undefined ? { contactEmail: row.contactEmail } : {}),
          groups: row.groups ?? [],
          importId: v.importId,
          by: v.by,
          at: v.now,
        },
      });
      continue;
    }
    const changes: MemberDetailsChanges = {};
    if (row.name !== m.name) changes.name = row.name;
    if (row.contactEmail !== undefined && row.contactEmail !== m.contactEmail) changes.contactEmail = row.contactEmail;
    if (row.groups !== undefined && !sameGroups(row.groups, m.groups)) changes.groups = row.groups;
    if (Object.keys(changes).length > 0) {
      events.push({ type: 'MemberDetailsUpdated', data: { ...common, siren: row.siren, changes, importId: v.importId, by: v.by, at: v.now } });
    }
  }
  return events;
}

export const territoryDecider: Decider<TerritoryState, TerritoryCommand, TerritoryEvent> = {
  initialState,
  evolve,
  decide,
};

/** The decider bound to its stream naming: call sites pass the territory id only. */
export const territories = commandHandler(territoryDecider, territoryStreamId);
