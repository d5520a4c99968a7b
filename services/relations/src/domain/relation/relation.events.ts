import { DomainEvent } from '@opn/kernel';
import { RelationKind } from './relation.commands';

/**
 * The service's private, stored events. `companies` is always the sorted pair `[a, b]` and
 * `kind` is canonical: what `b` is to `a`. `by` is the acting person (`'system'` for the
 * platform) and `at` the command's instant.
 */
export type RelationProposed = DomainEvent<
  'RelationProposed',
  {
    relationId: string;
    companies: [string, string];
    proposerCompanyId: string;
    partnerCompanyId: string;
    kind: RelationKind;
    label?: string;
    startsOn?: string;
    note?: string;
    by: string;
    at: string;
  }
>;

/** Carries the relation's pair, kind and label so that its public form needs no state. */
export type RelationConfirmed = DomainEvent<
  'RelationConfirmed',
  { relationId: string; companyId: string; companies: [string, string]; kind: RelationKind; label?: string; startsOn: string; by: string; at: string }
>;

export type RelationDeclined = DomainEvent<
  'RelationDeclined',
  { relationId: string; companyId: string; reason?: string; by: string; at: string }
>;

export type RelationProposalWithdrawn = DomainEvent<
  'RelationProposalWithdrawn',
  { relationId: string; companyId: string; by: string; at: string }
>;

export type RelationSuspended = DomainEvent<
  'RelationSuspended',
  { relationId: string; companyId: string; reason?: string; by: string; at: string }
>;

export type RelationResumed = DomainEvent<'RelationResumed', { relationId: string; companyId: string; by: string; at: string }>;

export type RelationEnded = DomainEvent<
  'RelationEnded',
  { relationId: string; companyId: string; endsOn: string; reason?: string; by: string; at: string }
>;

/** A need's agreement made the relation live at once (both sides were engaged on the need). */
export type RelationEstablished = DomainEvent<
  'RelationEstablished',
  { relationId: string; companies: [string, string]; kind: RelationKind; needId: string; startsOn: string; by: string; at: string }
>;

/** Another agreement on a relation that was already live (active or suspended). */
export type RelationStrengthened = DomainEvent<'RelationStrengthened', { relationId: string; needId: string; by: string; at: string }>;

export type RelationEvent =
  | RelationProposed
  | RelationConfirmed
  | RelationDeclined
  | RelationProposalWithdrawn
  | RelationSuspended
  | RelationResumed
  | RelationEnded
  | RelationEstablished
  | RelationStrengthened;
