/** What the partner company is to the proposer ("the partner company is my `client`"). */
export type RelationKind =
  | 'client'
  | 'supplier'
  | 'partner'
  | 'co_contractor'
  | 'subcontractor'
  | 'contractor'
  | 'investor'
  | 'investee'
  | 'other';

export const RELATION_KINDS: readonly RelationKind[] = [
  'client',
  'supplier',
  'partner',
  'co_contractor',
  'subcontractor',
  'contractor',
  'investor',
  'investee',
  'other',
];

/**
 * Raw input: the decider validates every field. `by` is the acting person and
 * `actingCompanyId` a company the handler checked they belong to; `now` is an ISO instant.
 */
export type ProposeRelation = {
  type: 'ProposeRelation';
  data: {
    relationId: string;
    actingCompanyId: string;
    partnerCompanyId: string;
    /** From the proposer's side: what the partner company is to the acting company. */
    kind: RelationKind;
    /** 1..60 characters, required for `other`. */
    label?: string;
    /** YYYY-MM-DD */
    startsOn?: string;
    note?: string;
    by: string;
    now: string;
  };
};

export type ConfirmRelation = {
  type: 'ConfirmRelation';
  data: { actingCompanyId: string; startsOn?: string; by: string; now: string };
};

export type DeclineRelation = {
  type: 'DeclineRelation';
  data: { actingCompanyId: string; reason?: string; by: string; now: string };
};

export type WithdrawRelationProposal = {
  type: 'WithdrawRelationProposal';
  data: { actingCompanyId: string; by: string; now: string };
};

export type SuspendRelation = {
  type: 'SuspendRelation';
  data: { actingCompanyId: string; reason?: string; by: string; now: string };
};

export type ResumeRelation = {
  type: 'ResumeRelation';
  data: { actingCompanyId: string; by: string; now: string };
};

export type EndRelation = {
  type: 'EndRelation';
  data: { actingCompanyId: string; endsOn?: string; reason?: string; by: string; now: string };
};

/**
 * Issued by the platform when a need closes with an agreement: `companies` is
 * `[publisher, partner]` and `kind` is what the partner is to the publisher.
 */
export type RecordAgreement = {
  type: 'RecordAgreement';
  data: {
    relationId: string;
    companies: [string, string];
    kind: RelationKind;
    needId: string;
    by: string;
    now: string;
  };
};

export type RelationCommand =
  | ProposeRelation
  | ConfirmRelation
  | DeclineRelation
  | WithdrawRelationProposal
  | SuspendRelation
  | ResumeRelation
  | EndRelation
  | RecordAgreement;
