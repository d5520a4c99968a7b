import { createHash } from 'node:crypto';
import {
  assertNever,
  commandHandler,
  dateOf,
  Decider,
  IllegalStateError,
  instant,
  invalid,
  NotFoundError,
  optionalLocalDate,
  optionalText,
  requiredText,
  requiredToken,
  streamName,
  validateFields,
} from '@opn/kernel';
import {
  ConfirmRelation,
  DeclineRelation,
  EndRelation,
  ProposeRelation,
  RELATION_KINDS,
  RecordAgreement,
  RelationCommand,
  RelationKind,
  ResumeRelation,
  SuspendRelation,
  WithdrawRelationProposal,
} from './relation.commands';
import { RelationEvent } from './relation.events';

export { RELATION_KINDS, type RelationKind } from './relation.commands';

export const LABEL_MAX = 60;
export const NOTE_MAX = 2000;
export const REASON_MAX = 1000;

export type RelationStatus = 'proposed' | 'active' | 'suspended' | 'ended' | 'declined' | 'withdrawn';

export interface Relation {
  status: RelationStatus;
  relationId: string;
  /** Sorted. */
  companies: [string, string];
  /** Canonical: what `companies[1]` is to `companies[0]`. */
  kind: RelationKind;
  label?: string;
  /** Absent when the current period was established by an agreement rather than proposed. */
  proposedBy?: { companyId: string; personId: string };
  startsOn?: string;
  endsOn?: string;
  suspendedBy?: string;
  /** Needs whose agreement was recorded on this relation, in order. */
  agreements: string[];
  /** Periods started so far (a proposal or an establishment from nothing, ended, declined or withdrawn). */
  periods: number;
}

export type RelationState = { status: 'none' } | Relation;

/** `relation-<id>` */
export const relationStreamId = (relationId: string): string => streamName('relation', relationId);

export const initialState = (): RelationState => ({ status: 'none' });

// ---------------------------------------------------------------------------------------------
// canonical form

const INVERSE: Record<RelationKind, RelationKind> = {
  client: 'supplier',
  supplier: 'client',
  subcontractor: 'contractor',
  contractor: 'subcontractor',
  investor: 'investee',
  investee: 'investor',
  partner: 'partner',
  co_contractor: 'co_contractor',
  other: 'other',
};

/** The kind as seen from the other company: my client is the one I am a supplier of. */
export const inverseKind = (kind: RelationKind): RelationKind => INVERSE[kind];

export const isRelationKind = (value: unknown): value is RelationKind => (RELATION_KINDS as readonly unknown[]).includes(value);

export function relationKind(value: unknown, field = 'kind'): RelationKind {
  if (!isRelationKind(value)) throw invalid(field, `must be one of ${RELATION_KINDS.join(', ')}`);
  return value;
}

/**
 * The pair sorted, with the kind restated from the first company's side: "B is my supplier"
 * proposed by A and "A is my client" proposed by B give the same result.
 */
export function canonicalRelation(
  proposerCompanyId: string,
  partnerCompanyId: string,
  kind: RelationKind,
): { companies: [string, string]; kind: RelationKind } {
  return proposerCompanyId <= partnerCompanyId
    ? { companies: [proposerCompanyId, partnerCompanyId], kind }
    : { companies: [partnerCompanyId, proposerCompanyId], kind: inverseKind(kind) };
}

/** The relation id of a pair and kind: 22 characters of base64url(sha256("a|b|canonicalKind")). */
export function relationIdOf(proposerCompanyId: string, partnerCompanyId: string, kind: RelationKind): string {
  const c = canonicalRelation(proposerCompanyId, partnerCompanyId, kind);
  return createHash('sha256').update(`${c.companies[0]}|${c.companies[1]}|${c.kind}`).digest('base64url').slice(0, 22);
}

/**
 * What the other company is to `companyId` ("client" to one side, "supplier" to the other);
 * undefined when `companyId` is not a party.
 */
export function kindFromSide(state: RelationState | Pick<Relation, 'companies' | 'kind'>, companyId: string): RelationKind | undefined {
  if (!('companies' in state)) return undefined;
  if (state.companies[0] === companyId) return state.kind;
  if (state.companies[1] === companyId) return inverseKind(state.kind);
  return undefined;
}

const isParty = (state: Relation, companyId: string): boolean => state.companies.includes(companyId);

// ---------------------------------------------------------------------------------------------
// evolve

export function evolve(state: RelationState, event: RelationEvent): RelationState {
  switch (event.type) {
    case 'RelationProposed': {
      const d = event.data;
      const previous = state.status === 'none' ? undefined : state;
      return {
        status: 'proposed',
        relationId: d.relationId,
        companies: d.companies,
        kind: d.kind,
        ...(d.label !== undefined ? { label: d.label } : {}),
        proposedBy: { companyId: d.proposerCompanyId, personId: d.by },
        ...(d.startsOn !== undefined ? { startsOn: d.startsOn } : {}),
        agreements: previous?.agreements ?? [],
        periods: (previous?.periods ?? 0) + 1,
      };
    }
    case 'RelationEstablished': {
      const d = event.data;
      if (state.status === 'proposed') {
        return { ...state, status: 'active', startsOn: d.startsOn, agreements: [...state.agreements, d.needId] };
      }
      const previous = state.status === 'none' ? undefined : state;
      return {
        status: 'active',
        relationId: d.relationId,
        companies: d.companies,
        kind: d.kind,
        startsOn: d.startsOn,
        agreements: [...(previous?.agreements ?? []), d.needId],
        periods: (previous?.periods ?? 0) + 1,
      };
    }
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'RelationConfirmed':
      return { ...state, status: 'active', startsOn: event.data.startsOn };
    case 'RelationDeclined':
      return { ...state, status: 'declined' };
    case 'RelationProposalWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'RelationSuspended':
      return { ...state, status: 'suspended', suspendedBy: event.data.companyId };
    case 'RelationResumed': {
      const { suspendedBy: _s, ...rest } = state;
      return { ...rest, status: 'active' };
    }
    case 'RelationEnded': {
      const { suspendedBy: _s, ...rest } = state;
      return { ...rest, status: 'ended', endsOn: event.data.endsOn };
    }
    case 'RelationStrengthened':
      return { ...state, agreements: [...state.agreements, event.data.needId] };
    default:
      return assertNever(event);
  }
}

// ---------------------------------------------------------------------------------------------
// decide

export function decide(command: RelationCommand, state: RelationState): RelationEvent[] {
  switch (command.type) {
    case 'ProposeRelation':
      return propose(command, state);
    case 'RecordAgreement':
      return recordAgreement(command, state);
  }
  if (state.status === 'none') throw notFound();
  switch (command.type) {
    case 'ConfirmRelation':
      return confirm(command, state);
    case 'DeclineRelation':
      return decline(command, state);
    case 'WithdrawRelationProposal':
      return withdraw(command, state);
    case 'SuspendRelation':
      return suspend(command, state);
    case 'ResumeRelation':
      return resume(command, state);
    case 'EndRelation':
      return end(command, state);
    default:
      return assertNever(command);
  }
}

/** The same answer for an unknown relation and for a company that is not one of its two. */
const notFound = () => new NotFoundError('relation not found');

/** How a state reads in a refusal. */
const described = (status: RelationStatus): string =>
  status === 'declined' || status === 'withdrawn' ? `relation proposal was ${status}` : `relation is ${status}`;

/** 409 for a command that needs `expected`: "already" when the relation is where the command would lead. */
function requireStatus(state: Relation, expected: RelationStatus, verb: string, target: RelationStatus): void {
  if (state.status === expected) return;
  if (state.status === target) {
    throw new IllegalStateError(target === 'declined' || target === 'withdrawn' ? `relation proposal was already ${target}` : `relation is already ${target}`);
  }
  throw new IllegalStateError(`cannot ${verb}: ${described(state.status)}`);
}

/** Checks the common fields of a command on an existing relation, then that the acting company is a party. */
function actingParty<More extends Record<string, () => unknown>>(
  state: Relation,
  data: { actingCompanyId: string; by: string; now: string },
  more: More = {} as More,
) {
  const v = validateFields({
    actingCompanyId: () => requiredToken(data.actingCompanyId, 'actingCompanyId'),
    by: () => requiredToken(data.by, 'by'),
    now: () => instant(data.now, 'now'),
    ...more,
  });
  if (!isParty(state, v.actingCompanyId as string)) throw notFound();
  return v;
}

function propose({ data }: ProposeRelation, state: RelationState): RelationEvent[] {
  const v = validateFields({
    relationId: () => requiredToken(data.relationId, 'relationId'),
    actingCompanyId: () => requiredToken(data.actingCompanyId, 'actingCompanyId'),
    partnerCompanyId: () => requiredToken(data.partnerCompanyId, 'partnerCompanyId'),
    kind: () => relationKind(data.kind),
    label: () =>
      data.kind === 'other' || data.label !== undefined ? requiredText(data.label, 'label', LABEL_MAX) : undefined,
    startsOn: () => optionalLocalDate(data.startsOn, 'startsOn'),
    note: () => optionalText(data.note, 'note', NOTE_MAX) || undefined,
    by: () => requiredToken(data.by, 'by'),
    now: () => instant(data.now, 'now'),
  });
  if (v.partnerCompanyId === v.actingCompanyId) throw invalid('partnerCompanyId', 'must be another company than actingCompanyId');
  if (v.relationId !== relationIdOf(v.actingCompanyId, v.partnerCompanyId, v.kind)) {
    throw invalid('relationId', 'must be relationIdOf(actingCompanyId, partnerCompanyId, kind)');
  }
  if (state.status === 'proposed' || state.status === 'active' || state.status === 'suspended') {
    throw new IllegalStateError(`relation is already ${state.status}`);
  }
  const c = canonicalRelation(v.actingCompanyId, v.partnerCompanyId, v.kind);
  return [
    {
      type: 'RelationProposed',
      data: {
        relationId: v.relationId,
        companies: c.companies,
        proposerCompanyId: v.actingCompanyId,
        partnerCompanyId: v.partnerCompanyId,
        kind: c.kind,
        ...(v.label !== undefined ? { label: v.label } : {}),
        ...(v.startsOn !== undefined ? { startsOn: v.startsOn } : {}),
        ...(v.note !== undefined ? { note: v.note } : {}),
        by: v.by,
        at: v.now,
      },
    },
  ];
}

function confirm({ data }: ConfirmRelation, state: Relation): RelationEvent[] {
  const v = actingParty(state, data, { startsOn: () => optionalLocalDate(data.startsOn, 'startsOn') });
  requireStatus(state, 'proposed', 'confirm', 'active');
  if (state.proposedBy?.companyId === v.actingCompanyId) throw new IllegalStateError('only the other company can confirm');
  const startsOn = v.startsOn ?? state.startsOn ?? dateOf(v.now);
  const { companies, kind, label } = state;
  return [
    {
      type: 'RelationConfirmed',
      data: { relationId: state.relationId, companyId: v.actingCompanyId, companies, kind, ...(label !== undefined ? { label } : {}), startsOn, by: v.by, at: v.now },
    },
  ];
}

function decline({ data }: DeclineRelation, state: Relation): RelationEvent[] {
  const v = actingParty(state, data, { reason: () => optionalText(data.reason, 'reason', REASON_MAX) || undefined });
  requireStatus(state, 'proposed', 'decline', 'declined');
  if (state.proposedBy?.companyId === v.actingCompanyId) {
    throw new IllegalStateError('only the other company can decline: withdraw the proposal instead');
  }
  const reason = v.reason;
  return [
    {
      type: 'RelationDeclined',
      data: { relationId: state.relationId, companyId: v.actingCompanyId, ...(reason !== undefined ? { reason } : {}), by: v.by, at: v.now },
    },
  ];
}

function withdraw({ data }: WithdrawRelationProposal, state: Relation): RelationEvent[] {
  const v = actingParty(state, data);
  requireStatus(state, 'proposed', 'withdraw the proposal', 'withdrawn');
  if (state.proposedBy?.companyId !== v.actingCompanyId) {
    throw new IllegalStateError('only the proposing company can withdraw the proposal: decline it instead');
  }
  return [{ type: 'RelationProposalWithdrawn', data: { relationId: state.relationId, companyId: v.actingCompanyId, by: v.by, at: v.now } }];
}

function suspend({ data }: SuspendRelation, state: Relation): RelationEvent[] {
  const v = actingParty(state, data, { reason: () => optionalText(data.reason, 'reason', REASON_MAX) || undefined });
  requireStatus(state, 'active', 'suspend', 'suspended');
  const reason = v.reason;
  return [
    {
      type: 'RelationSuspended',
      data: { relationId: state.relationId, companyId: v.actingCompanyId, ...(reason !== undefined ? { reason } : {}), by: v.by, at: v.now },
    },
  ];
}

function resume({ data }: ResumeRelation, state: Relation): RelationEvent[] {
  const v = actingParty(state, data);
  requireStatus(state, 'suspended', 'resume', 'active');
  return [{ type: 'RelationResumed', data: { relationId: state.relationId, companyId: v.actingCompanyId, by: v.by, at: v.now } }];
}

function end({ data }: EndRelation, state: Relation): RelationEvent[] {
  const v = actingParty(state, data, {
    endsOn: () => optionalLocalDate(data.endsOn, 'endsOn'),
    reason: () => optionalText(data.reason, 'reason', REASON_MAX) || undefined,
  });
  if (state.status === 'proposed') throw new IllegalStateError('cannot end a proposed relation: withdraw or decline the proposal instead');
  if (state.status !== 'suspended') requireStatus(state, 'active', 'end', 'ended');
  const given = v.endsOn;
  if (given !== undefined && state.startsOn !== undefined && given < state.startsOn) {
    throw invalid('endsOn', `must not be before the relation's start (${state.startsOn})`);
  }
  // Today by default, but never before the start of a relation that had not started yet.
  const today = dateOf(v.now);
  const endsOn = given ?? (state.startsOn !== undefined && state.startsOn > today ? state.startsOn : today);
  const reason = v.reason;
  return [
    {
      type: 'RelationEnded',
      data: { relationId: state.relationId, companyId: v.actingCompanyId, endsOn, ...(reason !== undefined ? { reason } : {}), by: v.by, at: v.now },
    },
  ];
}

function recordAgreement({ data }: RecordAgreement, state: RelationState): RelationEvent[] {
  const companies: unknown[] = Array.isArray(data.companies) ? data.companies : [];
  const v = validateFields({
    relationId: () => requiredToken(data.relationId, 'relationId'),
    companies: () => {
      if (!Array.isArray(data.companies) || data.companies.length !== 2) throw invalid('companies', 'must be [publisher, partner]');
      const [publisher, partner] = [requiredToken(companies[0], 'companies[0]'), requiredToken(companies[1], 'companies[1]')];
      if (publisher === partner) throw invalid('companies', 'must be two different companies');
      return [publisher, partner] as const;
    },
    kind: () => relationKind(data.kind),
    needId: () => requiredToken(data.needId, 'needId'),
    by: () => requiredToken(data.by, 'by'),
    now: () => instant(data.now, 'now'),
  });
  const [publisher, partner] = v.companies;
  if (v.relationId !== relationIdOf(publisher, partner, v.kind)) {
    throw invalid('relationId', 'must be relationIdOf(publisher, partner, kind)');
  }
  if (state.status !== 'none' && state.agreements.includes(v.needId)) return [];
  if (state.status === 'active' || state.status === 'suspended') {
    return [{ type: 'RelationStrengthened', data: { relationId: v.relationId, needId: v.needId, by: v.by, at: v.now } }];
  }
  const c = canonicalRelation(publisher, partner, v.kind);
  const startsOn = (state.status === 'proposed' ? state.startsOn : undefined) ?? dateOf(v.now);
  return [
    {
      type: 'RelationEstablished',
      data: { relationId: v.relationId, companies: c.companies, kind: c.kind, needId: v.needId, startsOn, by: v.by, at: v.now },
    },
  ];
}

export const relationDecider: Decider<RelationState, RelationCommand, RelationEvent> = {
  initialState,
  evolve,
  decide,
};

export const relations = commandHandler(relationDecider, relationStreamId);
