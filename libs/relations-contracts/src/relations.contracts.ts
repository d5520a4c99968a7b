import { defineContract } from '@opn/contracts';

/**
 * Relations' public events, for territories and recommendations. They carry only what the
 * visibility of their subject allows: a personal tie is published only while its effective
 * visibility is `territory` or `members` (the narrower of the two people's choices), never its
 * note; free-text reasons, messages and notes stay in the service.
 * Topics: `<service>.<aggregate>`, message key = the aggregate id.
 */
export const RELATIONS_TOPICS = { relation: 'relations.relation', tie: 'relations.tie', need: 'relations.need' } as const;

const isoInstant = { type: 'string', format: 'date-time' } as const;
const isoDate = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } as const;
const id = { type: 'string', minLength: 1 } as const;
const pair = { type: 'array', items: id, minItems: 2, maxItems: 2 } as const;

export type RelationKind = 'client' | 'supplier' | 'partner' | 'co_contractor' | 'subcontractor' | 'contractor' | 'investor' | 'investee' | 'other';
const relationKind = { enum: ['client', 'supplier', 'partner', 'co_contractor', 'subcontractor', 'contractor', 'investor', 'investee', 'other'] } as const;

export interface RelationActivatedV1 {
  relationId: string;
  /** Sorted; `kind` is what companies[1] is to companies[0] (companies[1] is companies[0]'s `client`, ...). */
  companies: [string, string];
  kind: RelationKind;
  label?: string;
  startsOn: string;
  /** `confirmation`: both companies confirmed it; `agreement`: an agreement on a need created it. */
  origin: 'confirmation' | 'agreement';
  needId?: string;
  activatedAt: string;
}

export const RelationActivatedV1 = defineContract<RelationActivatedV1>()({
  type: 'relations.RelationActivated',
  version: 1,
  topic: RELATIONS_TOPICS.relation,
  description: 'A company relation became active: confirmed by the second company, or created by an agreement on a need.',
  schema: {
    type: 'object',
    required: ['relationId', 'companies', 'kind', 'startsOn', 'origin', 'activatedAt'],
    properties: { relationId: id, companies: pair, kind: relationKind, label: { type: 'string' }, startsOn: isoDate, origin: { enum: ['confirmation', 'agreement'] }, needId: id, activatedAt: isoInstant },
    additionalProperties: false,
  },
});

export interface RelationStatusChangedV1 {
  relationId: string;
  status: 'suspended' | 'active' | 'ended';
  /** The company that suspended, resumed or ended it. */
  byCompanyId: string;
  endsOn?: string;
  changedAt: string;
}

export const RelationStatusChangedV1 = defineContract<RelationStatusChangedV1>()({
  type: 'relations.RelationStatusChanged',
  version: 1,
  topic: RELATIONS_TOPICS.relation,
  description: 'An active relation was suspended, resumed (active again) or ended (with its end date) by one of its companies.',
  schema: {
    type: 'object',
    required: ['relationId', 'status', 'byCompanyId', 'changedAt'],
    properties: { relationId: id, status: { enum: ['suspended', 'active', 'ended'] }, byCompanyId: id, endsOn: isoDate, changedAt: isoInstant },
    additionalProperties: false,
  },
});

export interface RelationStrengthenedV1 {
  relationId: string;
  needId: string;
  strengthenedAt: string;
}

export const RelationStrengthenedV1 = defineContract<RelationStrengthenedV1>()({
  type: 'relations.RelationStrengthened',
  version: 1,
  topic: RELATIONS_TOPICS.relation,
  description: 'Another agreement on a need was reached between the companies of a live relation.',
  schema: {
    type: 'object',
    required: ['relationId', 'needId', 'strengthenedAt'],
    properties: { relationId: id, needId: id, strengthenedAt: isoInstant },
    additionalProperties: false,
  },
});

export type TieKind =
  | 'family'
  | 'classmates'
  | 'home_region'
  | 'former_colleagues'
  | 'current_colleagues'
  | 'client'
  | 'supplier'
  | 'partner'
  | 'hobby'
  | 'association'
  | 'investment_club';
const tieKind = {
  enum: ['family', 'classmates', 'home_region', 'former_colleagues', 'current_colleagues', 'client', 'supplier', 'partner', 'hobby', 'association', 'investment_club'],
} as const;

export interface TieVisibleV1 {
  tieId: string;
  /** The two people, sorted. */
  people: [string, string];
  kinds: TieKind[];
  strength: number;
  lastContactOn?: string;
  /** `territory`: for aggregates by territory coordinators only (k-anonymous); `members`: may be shown to members. */
  visibility: 'territory' | 'members';
  changedAt: string;
}

export const TieVisibleV1 = defineContract<TieVisibleV1>()({
  type: 'relations.TieVisible',
  version: 1,
  topic: RELATIONS_TOPICS.tie,
  description:
    "A confirmed personal tie as it now is, while both people allow it beyond their companies: the whole current tie (an upsert), sent when it is confirmed, changes or is widened. Consumers honour `visibility`.",
  schema: {
    type: 'object',
    required: ['tieId', 'people', 'kinds', 'strength', 'visibility', 'changedAt'],
    properties: {
      tieId: id,
      people: pair,
      kinds: { type: 'array', items: tieKind, minItems: 1 },
      strength: { type: 'integer', minimum: 1, maximum: 5 },
      lastContactOn: isoDate,
      visibility: { enum: ['territory', 'members'] },
      changedAt: isoInstant,
    },
    additionalProperties: false,
  },
});

export interface TieWithdrawnV1 {
  tieId: string;
  /** `narrowed`: a person narrowed its visibility below `territory`; `ended`; `erased`: a person was erased. */
  reason: 'narrowed' | 'ended' | 'erased';
  withdrawnAt: string;
}

export const TieWithdrawnV1 = defineContract<TieWithdrawnV1>()({
  type: 'relations.TieWithdrawn',
  version: 1,
  topic: RELATIONS_TOPICS.tie,
  description: 'A tie published before may no longer be used: consumers delete it and everything they derived from it.',
  schema: {
    type: 'object',
    required: ['tieId', 'reason', 'withdrawnAt'],
    properties: { tieId: id, reason: { enum: ['narrowed', 'ended', 'erased'] }, withdrawnAt: isoInstant },
    additionalProperties: false,
  },
});

export type BudgetBand = 'undisclosed' | 'lt_10k' | '10k_50k' | '50k_200k' | '200k_1m' | 'gt_1m';

export interface NeedPublishedV1 {
  needId: string;
  companyId: string;
  title: string;
  description: string;
  capabilities: string[];
  /** Département codes. */
  territory: string[];
  deadline: string;
  budgetBand: BudgetBand;
  visibility: 'members' | 'territory';
  publishedAt: string;
}

export const NeedPublishedV1 = defineContract<NeedPublishedV1>()({
  type: 'relations.NeedPublished',
  version: 1,
  topic: RELATIONS_TOPICS.need,
  description: 'A company published a partnership need. `territory` visibility: show it only to companies of those départements.',
  schema: {
    type: 'object',
    required: ['needId', 'companyId', 'title', 'description', 'capabilities', 'territory', 'deadline', 'budgetBand', 'visibility', 'publishedAt'],
    properties: {
      needId: id,
      companyId: id,
      title: { type: 'string', minLength: 1 },
      description: { type: 'string', minLength: 1 },
      capabilities: { type: 'array', items: { type: 'string', minLength: 1 } },
      territory: { type: 'array', items: { type: 'string', pattern: '^([0-9]{2}|2[AB]|97[1-6])$' }, minItems: 1 },
      deadline: isoDate,
      budgetBand: { enum: ['undisclosed', 'lt_10k', '10k_50k', '50k_200k', '200k_1m', 'gt_1m'] },
      visibility: { enum: ['members', 'territory'] },
      publishedAt: isoInstant,
    },
    additionalProperties: false,
  },
});

export interface NeedStepV1 {
  needId: string;
  /** What happened; the company is the one it happened with (never the publisher). */
  step: 'interest_expressed' | 'interest_withdrawn' | 'shortlisted' | 'removed_from_shortlist' | 'introduced' | 'meeting_logged';
  companyId: string;
  /** For `introduced`: who made the introduction. */
  via?: 'platform' | 'coordinator' | 'person';
  /** For `meeting_logged`: the date of the meeting. */
  on?: string;
  occurredAt: string;
}

export const NeedStepV1 = defineContract<NeedStepV1>()({
  type: 'relations.NeedStep',
  version: 1,
  topic: RELATIONS_TOPICS.need,
  description: "A step of a need between publication and outcome, with the partner company it concerns (messages and notes stay private).",
  schema: {
    type: 'object',
    required: ['needId', 'step', 'companyId', 'occurredAt'],
    properties: {
      needId: id,
      step: { enum: ['interest_expressed', 'interest_withdrawn', 'shortlisted', 'removed_from_shortlist', 'introduced', 'meeting_logged'] },
      companyId: id,
      via: { enum: ['platform', 'coordinator', 'person'] },
      on: isoDate,
      occurredAt: isoInstant,
    },
    additionalProperties: false,
  },
});

export interface NeedClosedV1 {
  needId: string;
  companyId: string;
  outcome: 'agreement' | 'no_deal' | 'withdrawn' | 'expired';
  /** For an agreement: the partner and the kind of relation it makes (what the partner is to the publisher). */
  partnerCompanyId?: string;
  relationKind?: RelationKind;
  closedAt: string;
}

export const NeedClosedV1 = defineContract<NeedClosedV1>()({
  type: 'relations.NeedClosed',
  version: 1,
  topic: RELATIONS_TOPICS.need,
  description: 'A need reached its outcome: an agreement with a partner (which creates or strengthens their relation), no deal, withdrawn, or expired at its deadline.',
  schema: {
    type: 'object',
    required: ['needId', 'companyId', 'outcome', 'closedAt'],
    properties: {
      needId: id,
      companyId: id,
      outcome: { enum: ['agreement', 'no_deal', 'withdrawn', 'expired'] },
      partnerCompanyId: id,
      relationKind: relationKind,
      closedAt: isoInstant,
    },
    additionalProperties: false,
  },
});

export interface NeedModeratedV1 {
  needId: string;
  hidden: boolean;
  moderatedAt: string;
}

export const NeedModeratedV1 = defineContract<NeedModeratedV1>()({
  type: 'relations.NeedModerated',
  version: 1,
  topic: RELATIONS_TOPICS.need,
  description: 'A moderator hid a need (consumers stop showing and recommending it) or restored it.',
  schema: {
    type: 'object',
    required: ['needId', 'hidden', 'moderatedAt'],
    properties: { needId: id, hidden: { type: 'boolean' }, moderatedAt: isoInstant },
    additionalProperties: false,
  },
});

export const RELATIONS_CONTRACTS = [
  RelationActivatedV1,
  RelationStatusChangedV1,
  RelationStrengthenedV1,
  TieVisibleV1,
  TieWithdrawnV1,
  NeedPublishedV1,
  NeedStepV1,
  NeedClosedV1,
  NeedModeratedV1,
];
