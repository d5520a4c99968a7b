import { defineContract } from '@opn/contracts';

/**
 * Collectives' public events, for relations, territories and recommendations: what collectives
 * exist and where they stand, who is in them, and the alumni ties they leave when they end.
 * Announcements, documents, votes, reports and reasons stay in the service.
 * Topic `collectives.collective`, message key = the collective id.
 */
export const COLLECTIVES_TOPICS = { collective: 'collectives.collective' } as const;

const isoInstant = { type: 'string', format: 'date-time' } as const;
const isoDate = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } as const;
const id = { type: 'string', minLength: 1 } as const;
const strings = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

export type CollectiveStatus = 'proposed' | 'forming' | 'active' | 'delivering' | 'dissolving' | 'archived';
export const COLLECTIVE_STATUSES: readonly CollectiveStatus[] = ['proposed', 'forming', 'active', 'delivering', 'dissolving', 'archived'];
export type CollectiveRhythm = 'one_off' | 'weekly' | 'fortnightly' | 'monthly' | 'quarterly' | 'irregular';
export const COLLECTIVE_RHYTHMS: readonly CollectiveRhythm[] = ['one_off', 'weekly', 'fortnightly', 'monthly', 'quarterly', 'irregular'];
export type CollectiveAccess = 'open' | 'invitation';
export type CollectiveRole = 'initiator' | 'leader' | 'member' | 'guest';

export type OccasionKind = 'event' | 'purpose' | 'pretext';

export interface CollectiveDefinedV1 {
  collectiveId: string;
  name: string;
  /** What brings it together: a dated event, a lasting purpose or a pretext. */
  occasion: { kind: OccasionKind; title: string; date?: string };
  rhythm: CollectiveRhythm;
  /** `open`: anyone in the perimeter may join; `invitation`: invited people only (consumers show it to its members only). */
  access: CollectiveAccess;
  /** Territory ids and NAF prefixes; an empty list sets no limit on that side. */
  perimeter: { territories: string[]; sectors: string[] };
  /** Last day planned, when there is one. */
  expectedEnd?: string;
  /** Who proposed it: a member from `definedAt` (no membership event is published for them). */
  initiatorId: string;
  /** The company the initiator takes part for, when they named one. */
  initiatorCompanyId?: string;
  definedAt: string;
}

export const CollectiveDefinedV1 = defineContract<CollectiveDefinedV1>()({
  type: 'collectives.CollectiveDefined',
  version: 1,
  topic: COLLECTIVES_TOPICS.collective,
  description: 'A collective was proposed or its description changed: its whole public definition as it now is (an upsert). Its purpose text stays in the service.',
  schema: {
    type: 'object',
    required: ['collectiveId', 'name', 'occasion', 'rhythm', 'access', 'perimeter', 'initiatorId', 'definedAt'],
    properties: {
      collectiveId: id,
      name: { type: 'string', minLength: 1 },
      occasion: {
        type: 'object',
        required: ['kind', 'title'],
        properties: { kind: { enum: ['event', 'purpose', 'pretext'] }, title: { type: 'string', minLength: 1 }, date: isoDate },
        additionalProperties: false,
      },
      rhythm: { enum: [...COLLECTIVE_RHYTHMS] },
      access: { enum: ['open', 'invitation'] },
      perimeter: {
        type: 'object',
        required: ['territories', 'sectors'],
        properties: { territories: strings, sectors: strings },
        additionalProperties: false,
      },
      expectedEnd: isoDate,
      initiatorId: id,
      initiatorCompanyId: id,
      definedAt: isoInstant,
    },
    additionalProperties: false,
  },
});

export interface CollectiveStatusChangedV1 {
  collectiveId: string;
  /** The state it entered: forming, active, delivering, dissolving or archived (a cancelled proposal is archived too). */
  status: CollectiveStatus;
  changedAt: string;
}

export const CollectiveStatusChangedV1 = defineContract<CollectiveStatusChangedV1>()({
  type: 'collectives.CollectiveStatusChanged',
  version: 1,
  topic: COLLECTIVES_TOPICS.collective,
  description: 'A collective moved in its lifecycle: proposed, forming, active, delivering, dissolving, archived.',
  schema: {
    type: 'object',
    required: ['collectiveId', 'status', 'changedAt'],
    properties: { collectiveId: id, status: { enum: [...COLLECTIVE_STATUSES] }, changedAt: isoInstant },
    additionalProperties: false,
  },
});

export interface CollectiveMembershipChangedV1 {
  collectiveId: string;
  personId: string;
  /** The company the person takes part for, when they named one. */
  companyId?: string;
  /** The role they joined with (`member` or `guest`), when `active`; the initiator is in the definition. */
  role?: Extract<CollectiveRole, 'member' | 'guest'>;
  /** true: in the collective from `changedAt`; false: left or removed. */
  active: boolean;
  changedAt: string;
}

export const CollectiveMembershipChangedV1 = defineContract<CollectiveMembershipChangedV1>()({
  type: 'collectives.CollectiveMembershipChanged',
  version: 1,
  topic: COLLECTIVES_TOPICS.collective,
  description: 'A person joined a collective (as a member or a guest) or left it (by leaving, being removed or being erased). Leadership stays inside the service.',
  schema: {
    type: 'object',
    required: ['collectiveId', 'personId', 'active', 'changedAt'],
    properties: {
      collectiveId: id,
      personId: id,
      companyId: id,
      role: { enum: ['member', 'guest'] },
      active: { type: 'boolean' },
      changedAt: isoInstant,
    },
    additionalProperties: false,
  },
});

export interface AlumniTieFormedV1 {
  collectiveId: string;
  collectiveName: string;
  /** The two people, sorted. */
  personIds: [string, string];
  /** Their companies when they took part for one, in the order of `personIds` (null: none named). */
  companyIds: [string | null, string | null];
  /** When they were in the active collective together: first and last instant. */
  from: string;
  to: string;
  formedAt: string;
}

export const AlumniTieFormedV1 = defineContract<AlumniTieFormedV1>()({
  type: 'collectives.AlumniTieFormed',
  version: 1,
  topic: COLLECTIVES_TOPICS.collective,
  description:
    'A collective dissolved and two of its members keep a tie: "were in collective X together", from the first to the last instant they were both members while it was active. One event per pair, with a stable id.',
  schema: {
    type: 'object',
    required: ['collectiveId', 'collectiveName', 'personIds', 'companyIds', 'from', 'to', 'formedAt'],
    properties: {
      collectiveId: id,
      collectiveName: { type: 'string', minLength: 1 },
      personIds: { type: 'array', items: id, minItems: 2, maxItems: 2 },
      companyIds: { type: 'array', items: { anyOf: [id, { type: 'null' }] }, minItems: 2, maxItems: 2 },
      from: isoInstant,
      to: isoInstant,
      formedAt: isoInstant,
    },
    additionalProperties: false,
  },
});

export interface AlumniTieErasedV1 {
  collectiveId: string;
  /** The two people, sorted: one of them was erased by identity. */
  personIds: [string, string];
  erasedAt: string;
}

export const AlumniTieErasedV1 = defineContract<AlumniTieErasedV1>()({
  type: 'collectives.AlumniTieErased',
  version: 1,
  topic: COLLECTIVES_TOPICS.collective,
  description: 'An alumni tie is withdrawn because identity erased one of the two people: a consumer forgets it.',
  schema: {
    type: 'object',
    required: ['collectiveId', 'personIds', 'erasedAt'],
    properties: { collectiveId: id, personIds: { type: 'array', items: id, minItems: 2, maxItems: 2 }, erasedAt: isoInstant },
    additionalProperties: false,
  },
});

export const COLLECTIVES_CONTRACTS = [CollectiveDefinedV1, CollectiveStatusChangedV1, CollectiveMembershipChangedV1, AlumniTieFormedV1, AlumniTieErasedV1];
