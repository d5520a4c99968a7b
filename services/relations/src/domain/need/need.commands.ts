import { RelationKind } from '../relation/relation.commands';

export type BudgetBand = 'undisclosed' | 'lt_10k' | '10k_50k' | '50k_200k' | '200k_1m' | 'gt_1m';
export const BUDGET_BANDS: readonly BudgetBand[] = ['undisclosed', 'lt_10k', '10k_50k', '50k_200k', '200k_1m', 'gt_1m'];

/** `members`: every signed-in member; `territory`: members of companies in one of its départements (and coordinators, admins). */
export type NeedVisibility = 'members' | 'territory';
export const NEED_VISIBILITIES: readonly NeedVisibility[] = ['members', 'territory'];

/** Where a command that can come from outside the companies comes from (resolved by the handler). */
export type Authority = 'member' | 'coordinator' | 'platform_admin' | 'system';
export const AUTHORITIES: readonly Authority[] = ['member', 'coordinator', 'platform_admin', 'system'];

/** Who may moderate: the handler checks it, the decider refuses anything else too. */
export type ModerationAuthority = 'coordinator' | 'platform_admin';
export const MODERATION_AUTHORITIES: readonly ModerationAuthority[] = ['coordinator', 'platform_admin'];

export type IntroductionVia = 'platform' | 'coordinator' | 'person';
export const INTRODUCTION_VIAS: readonly IntroductionVia[] = ['platform', 'coordinator', 'person'];

/** What a publisher records when closing a need. */
export type RecordedOutcome =
  | { kind: 'agreement'; partnerCompanyId: string; relationKind: RelationKind }
  | { kind: 'no_deal'; reason: string }
  | { kind: 'withdrawn'; reason?: string };

/** How a need ended: what the publisher recorded, or the platform's expiry at the deadline. */
export type NeedOutcome = RecordedOutcome | { kind: 'expired' };

export type ContentTarget = { kind: 'need' } | { kind: 'interest'; companyId: string };

/** Raw input: the decider validates every field. `by` is the acting person, `now` an ISO instant. */
export type PublishNeed = {
  type: 'PublishNeed';
  data: {
    needId: string;
    actingCompanyId: string;
    title: string;
    description: string;
    capabilities: string[];
    /** 1..20 département codes. */
    territory: string[];
    /** YYYY-MM-DD, after today. */
    deadline: string;
    budgetBand: BudgetBand;
    visibility: NeedVisibility;
    by: string;
    now: string;
  };
};

export type ExpressInterest = {
  type: 'ExpressInterest';
  data: { actingCompanyId: string; message?: string; by: string; now: string };
};

export type WithdrawInterest = {
  type: 'WithdrawInterest';
  data: { actingCompanyId: string; by: string; now: string };
};

/** `actingCompanyId` is the publisher. */
export type Shortlist = {
  type: 'Shortlist';
  data: { actingCompanyId: string; partnerCompanyId: string; by: string; now: string };
};

export type RemoveFromShortlist = {
  type: 'RemoveFromShortlist';
  data: { actingCompanyId: string; partnerCompanyId: string; by: string; now: string };
};

export type MakeIntroduction = {
  type: 'MakeIntroduction';
  data: {
    introductionId: string;
    partnerCompanyId: string;
    via: IntroductionVia;
    note?: string;
    by: string;
    authority: Authority;
    now: string;
  };
};

/** `actingCompanyId` is the publisher or the partner itself. */
export type LogMeeting = {
  type: 'LogMeeting';
  data: {
    meetingId: string;
    actingCompanyId: string;
    partnerCompanyId: string;
    /** YYYY-MM-DD, not in the future. */
    on: string;
    note?: string;
    by: string;
    now: string;
  };
};

/** `actingCompanyId` is the publisher. */
export type RecordOutcome = {
  type: 'RecordOutcome';
  data: { actingCompanyId: string; outcome: RecordedOutcome; by: string; now: string };
};

/** The platform, once the deadline has passed. */
export type ExpireNeed = {
  type: 'ExpireNeed';
  data: { now: string };
};

export type ReportContent = {
  type: 'ReportContent';
  data: { reportId: string; target: ContentTarget; reason: string; by: string; now: string };
};

export type HideContent = {
  type: 'HideContent';
  data: { reportId?: string; target: ContentTarget; reason: string; by: string; authority: ModerationAuthority; now: string };
};

export type RestoreContent = {
  type: 'RestoreContent';
  data: { reportId?: string; target: ContentTarget; reason: string; by: string; authority: ModerationAuthority; now: string };
};

export type DismissReport = {
  type: 'DismissReport';
  data: { reportId: string; reason: string; by: string; authority: ModerationAuthority; now: string };
};

export type NeedCommand =
  | PublishNeed
  | ExpressInterest
  | WithdrawInterest
  | Shortlist
  | RemoveFromShortlist
  | MakeIntroduction
  | LogMeeting
  | RecordOutcome
  | ExpireNeed
  | ReportContent
  | HideContent
  | RestoreContent
  | DismissReport;
