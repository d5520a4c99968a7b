import {
  assertNever,
  commandHandler,
  dateOf,
  Decider,
  ForbiddenError,
  IllegalStateError,
  instant,
  invalid,
  localDate,
  NotFoundError,
  optionalText,
  requiredText,
  requiredToken,
  streamName,
  tags,
  validateFields,
  ValidationError,
} from '@opn/kernel';
import { relationKind } from '../relation/relation.decider';
import {
  AUTHORITIES,
  Authority,
  BUDGET_BANDS,
  ContentTarget,
  DismissReport,
  ExpireNeed,
  ExpressInterest,
  HideContent,
  INTRODUCTION_VIAS,
  IntroductionVia,
  LogMeeting,
  MODERATION_AUTHORITIES,
  MakeIntroduction,
  ModerationAuthority,
  NEED_VISIBILITIES,
  NeedCommand,
  NeedOutcome,
  PublishNeed,
  RecordOutcome,
  RecordedOutcome,
  RemoveFromShortlist,
  ReportContent,
  RestoreContent,
  Shortlist,
  WithdrawInterest,
} from './need.commands';
import { NeedDetails, NeedEvent } from './need.events';

export { BUDGET_BANDS, NEED_VISIBILITIES } from './need.commands';

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const CAPABILITIES_MAX = 20;
export const TERRITORY_MAX = 20;
export const MESSAGE_MAX = 2000;
export const NOTE_MAX = 2000;
export const REASON_MAX = 1000;

export interface Interest {
  status: 'interested' | 'withdrawn';
  message?: string;
  /** Hidden by moderation. */
  hidden: boolean;
}

export interface Report {
  status: 'open' | 'resolved';
  target: ContentTarget;
}

export interface PublishedNeed extends NeedDetails {
  status: 'open' | 'closed';
  publishedAt: string;
  interests: Record<string, Interest>;
  shortlist: string[];
  introductions: Record<string, { partnerCompanyId: string }>;
  meetings: string[];
  outcome?: NeedOutcome;
  /** The need itself hidden by moderation. */
  hidden: boolean;
  reports: Record<string, Report>;
}

export type NeedState = { status: 'none' } | PublishedNeed;

/** `need-<id>` */
export const needStreamId = (needId: string): string => streamName('need', needId);

export const initialState = (): NeedState => ({ status: 'none' });

/**
 * A partner company is engaged on a need when it has expressed interest (not withdrawn), is
 * shortlisted or was introduced. Meetings and agreements need an engaged partner.
 */
export function isEngaged(state: NeedState, companyId: string): boolean {
  if (state.status === 'none') return false;
  return (
    state.interests[companyId]?.status === 'interested' ||
    state.shortlist.includes(companyId) ||
    Object.values(state.introductions).some((i) => i.partnerCompanyId === companyId)
  );
}

// ---------------------------------------------------------------------------------------------
// values

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: unknown, field: string): T => {
    if (!(values as readonly unknown[]).includes(value)) throw invalid(field, `must be one of ${values.join(', ')}`);
    return value as T;
  };

export const budgetBand = oneOf(BUDGET_BANDS);
export const needVisibility = oneOf(NEED_VISIBILITIES);
const authority = oneOf<Authority>(AUTHORITIES);
const moderationAuthority = oneOf<ModerationAuthority>(MODERATION_AUTHORITIES);
const introductionVia = oneOf<IntroductionVia>(INTRODUCTION_VIAS);

const DEPARTEMENT = /^(0[1-9]|1\d|[3-8]\d|9[0-5]|2[1-9]|2A|2B|97[1-6])$/;

/** A French département code: `01`..`95` (no `20`), `2A`, `2B`, `971`..`976`; `2a` reads as `2A`. */
export function departementCode(value: unknown, field: string): string {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : undefined;
  if (code === undefined || !DEPARTEMENT.test(code)) throw invalid(field, 'must be a département code: 01..95, 2A, 2B or 971..976');
  return code;
}

/** 1..20 distinct département codes, every bad one reported. */
function territory(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw invalid(field, 'must be a list of département codes');
  const errors: ValidationError[] = [];
  const out: string[] = [];
  value.forEach((raw, i) => {
    try {
      const code = departementCode(raw, `${field}[${i}]`);
      if (!out.includes(code)) out.push(code);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      errors.push(e);
    }
  });
  if (errors.length > 0) {
    const details = errors.flatMap((e) => (Array.isArray(e.details) ? e.details : []));
    throw new ValidationError(errors.map((e) => e.message).join('; '), details);
  }
  if (out.length === 0) throw invalid(field, 'must hold at least one département');
  if (out.length > TERRITORY_MAX) throw invalid(field, `must hold at most ${TERRITORY_MAX} départements`);
  return out;
}

function capabilities(value: unknown, field: string): string[] {
  const list = tags(value, field);
  if (list.length > CAPABILITIES_MAX) throw invalid(field, `must hold at most ${CAPABILITIES_MAX} distinct tags`);
  return list;
}

function contentTarget(value: unknown, field: string): ContentTarget {
  const t = value as Partial<{ kind: unknown; companyId: unknown }> | undefined;
  if (t === null || typeof t !== 'object') throw invalid(field, "must be {kind: 'need'} or {kind: 'interest', companyId}");
  if (t.kind === 'need') return { kind: 'need' };
  if (t.kind === 'interest') return { kind: 'interest', companyId: requiredToken(t.companyId, `${field}.companyId`) };
  throw invalid(`${field}.kind`, 'must be one of need, interest');
}

function recordedOutcome(value: unknown, publisher: string): RecordedOutcome {
  const o = value as Partial<{ kind: unknown; partnerCompanyId: unknown; relationKind: unknown; reason: unknown }> | undefined;
  if (o === null || typeof o !== 'object') throw invalid('outcome', 'must be an agreement, a no_deal or a withdrawal');
  switch (o.kind) {
    case 'agreement': {
      const v = validateFields({
        partnerCompanyId: () => {
          const partner = requiredToken(o.partnerCompanyId, 'outcome.partnerCompanyId');
          if (partner === publisher) throw invalid('outcome.partnerCompanyId', 'must be another company than the publisher');
          return partner;
        },
        relationKind: () => relationKind(o.relationKind, 'outcome.relationKind'),
      });
      return { kind: 'agreement', partnerCompanyId: v.partnerCompanyId, relationKind: v.relationKind };
    }
    case 'no_deal':
      return { kind: 'no_deal', reason: requiredText(o.reason, 'outcome.reason', REASON_MAX) };
    case 'withdrawn': {
      const reason = optionalText(o.reason, 'outcome.reason', REASON_MAX) || undefined;
      return { kind: 'withdrawn', ...(reason !== undefined ? { reason } : {}) };
    }
    default:
      throw invalid('outcome.kind', 'must be one of agreement, no_deal, withdrawn');
  }
}

const sameTarget = (a: ContentTarget, b: ContentTarget): boolean =>
  a.kind === b.kind && (a.kind === 'need' || a.companyId === (b as { companyId: string }).companyId);

const describeTarget = (t: ContentTarget): string => (t.kind === 'need' ? 'need' : 'interest');

// ---------------------------------------------------------------------------------------------
// evolve

export function evolve(state: NeedState, event: NeedEvent): NeedState {
  if (event.type === 'NeedPublished') {
    const { by: _by, at, ...need } = event.data;
    return {
      status: 'open',
      ...need,
      publishedAt: at,
      interests: {},
      shortlist: [],
      introductions: {},
      meetings: [],
      hidden: false,
      reports: {},
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'InterestExpressed': {
      const { companyId, message } = event.data;
      // A moderator's decision outlives a withdrawal: expressing interest again does not unhide it.
      const hidden = state.interests[companyId]?.hidden ?? false;
      return {
        ...state,
        interests: { ...state.interests, [companyId]: { status: 'interested', ...(message !== undefined ? { message } : {}), hidden } },
      };
    }
    case 'InterestWithdrawn': {
      const interest = state.interests[event.data.companyId];
      if (!interest) return state;
      return { ...state, interests: { ...state.interests, [event.data.companyId]: { ...interest, status: 'withdrawn' } } };
    }
    case 'PartnerShortlisted':
      return { ...state, shortlist: [...state.shortlist, event.data.partnerCompanyId] };
    case 'PartnerRemovedFromShortlist':
      return { ...state, shortlist: state.shortlist.filter((c) => c !== event.data.partnerCompanyId) };
    case 'IntroductionMade':
      return {
        ...state,
        introductions: { ...state.introductions, [event.data.introductionId]: { partnerCompanyId: event.data.partnerCompanyId } },
      };
    case 'MeetingLogged':
      return { ...state, meetings: [...state.meetings, event.data.meetingId] };
    case 'NeedClosed':
      return { ...state, status: 'closed', outcome: event.data.outcome };
    case 'ContentReported':
      return { ...state, reports: { ...state.reports, [event.data.reportId]: { status: 'open', target: event.data.target } } };
    case 'ContentHidden':
      return withHidden(state, event.data.target, true);
    case 'ContentRestored':
      return withHidden(state, event.data.target, false);
    case 'ReportResolved': {
      const report = state.reports[event.data.reportId];
      if (!report) return state;
      return { ...state, reports: { ...state.reports, [event.data.reportId]: { ...report, status: 'resolved' } } };
    }
    default:
      return assertNever(event);
  }
}

function withHidden(state: PublishedNeed, target: ContentTarget, hidden: boolean): PublishedNeed {
  if (target.kind === 'need') return { ...state, hidden };
  const interest = state.interests[target.companyId];
  if (!interest) return state;
  return { ...state, interests: { ...state.interests, [target.companyId]: { ...interest, hidden } } };
}

// ---------------------------------------------------------------------------------------------
// decide

export function decide(command: NeedCommand, state: NeedState): NeedEvent[] {
  if (command.type === 'PublishNeed') return publish(command, state);
  if (state.status === 'none') throw notFound();
  switch (command.type) {
    case 'ExpressInterest':
      return expressInterest(command, state);
    case 'WithdrawInterest':
      return withdrawInterest(command, state);
    case 'Shortlist':
      return shortlist(command, state);
    case 'RemoveFromShortlist':
      return removeFromShortlist(command, state);
    case 'MakeIntroduction':
      return makeIntroduction(command, state);
    case 'LogMeeting':
      return logMeeting(command, state);
    case 'RecordOutcome':
      return recordOutcome(command, state);
    case 'ExpireNeed':
      return expire(command, state);
    case 'ReportContent':
      return report(command, state);
    case 'HideContent':
      return hide(command, state);
    case 'RestoreContent':
      return restore(command, state);
    case 'DismissReport':
      return dismiss(command, state);
    default:
      return assertNever(command);
  }
}

/** The same answer for an unknown need and for a company that has no part in the command. */
const notFound = () => new NotFoundError('need not found');

function requireOpen(state: PublishedNeed): void {
  if (state.status === 'closed') throw new IllegalStateError('need is closed');
}

/** The deadline is the last day: interest and meetings are refused from the next day on. */
function requireBeforeDeadlinePassed(state: PublishedNeed, now: string): void {
  if (state.deadline < dateOf(now)) throw new IllegalStateError('deadline has passed');
}

function requirePublisher(state: PublishedNeed, companyId: string): void {
  if (companyId !== state.companyId) throw notFound();
}

function requireModerator(value: ModerationAuthority): void {
  if (!MODERATION_AUTHORITIES.includes(value)) throw new ForbiddenError('only a coordinator or a platform admin can moderate');
}

const person = (data: { by: string; now: string }) => ({
  by: () => requiredToken(data.by, 'by'),
  now: () => instant(data.now, 'now'),
});

function publish({ data }: PublishNeed, state: NeedState): NeedEvent[] {
  const v = validateFields({
    needId: () => requiredToken(data.needId, 'needId'),
    actingCompanyId: () => requiredToken(data.actingCompanyId, 'actingCompanyId'),
    title: () => requiredText(data.title, 'title', TITLE_MAX),
    description: () => requiredText(data.description, 'description', DESCRIPTION_MAX),
    capabilities: () => capabilities(data.capabilities ?? [], 'capabilities'),
    territory: () => territory(data.territory, 'territory'),
    deadline: () => {
      const deadline = localDate(data.deadline, 'deadline');
      if (typeof data.now === 'string' && instantOk(data.now) && deadline <= dateOf(data.now)) {
        throw invalid('deadline', 'must be after today');
      }
      return deadline;
    },
    budgetBand: () => budgetBand(data.budgetBand, 'budgetBand'),
    visibility: () => needVisibility(data.visibility, 'visibility'),
    ...person(data),
  });
  if (state.status !== 'none') throw new IllegalStateError('need is already published');
  return [
    {
      type: 'NeedPublished',
      data: {
        needId: v.needId,
        companyId: v.actingCompanyId,
        title: v.title,
        description: v.description,
        capabilities: v.capabilities,
        territory: v.territory,
        deadline: v.deadline,
        budgetBand: v.budgetBand,
        visibility: v.visibility,
        by: v.by,
        at: v.now,
      },
    },
  ];
}

const instantOk = (value: string): boolean => {
  try {
    instant(value, 'now');
    return true;
  } catch {
    return false;
  }
};

function expressInterest({ data }: ExpressInterest, state: PublishedNeed): NeedEvent[] {
  const v = validateFields({
    actingCompanyId: () => requiredToken(data.actingCompanyId, 'actingCompanyId'),
    message: () => optionalText(data.message, 'message', MESSAGE_MAX) || undefined,
    ...person(data),
  });
  requireOpen(state);
  if (v.actingCompanyId === state.companyId) throw new IllegalStateError('cannot express interest in your own need');
  if (state.hidden) throw new IllegalStateError('need is hidden by moderation');
  requireBeforeDeadlinePassed(state, v.now);
  if (state.interests[v.actingCompanyId]?.status === 'interested') throw new IllegalStateError('interest is already expressed');
  return [
    {
      type: 'InterestExpressed',
      data: { needId: state.needId, companyId: v.actingCompanyId, ...(v.message !== undefined ? { message: v.message } : {}), by: v.by, at: v.now },
    },
  ];
}

function withdrawInterest({ data }: WithdrawInterest, state: PublishedNeed): NeedEvent[] {
  const v = validateFields({ actingCompanyId: () => requiredToken(data.actingCompanyId, 'actingCompanyId'), ...person(data) });
  requireOpen(state);
  if (state.interests[v.actingCompanyId]?.status !== 'interested') throw new NotFoundError('interest not found');
  return [{ type: 'InterestWithdrawn', data: { needId: state.needId, companyId: v.actingCompanyId, by: v.by, at: v.now } }];
}

function publisherAndPartner(state: PublishedNeed, data: { actingCompanyId: string; partnerCompanyId: string; by: string; now: string }) {
  const v = validateFields({
    actingCompanyId: () => requiredToken(data.actingCompanyId, 'actingCompanyId'),
    partnerCompanyId: () => requiredToken(data.partnerCompanyId, 'partnerCompanyId'),
    ...person(data),
  });
  requirePublisher(state, v.actingCompanyId);
  if (v.partnerCompanyId === state.companyId) throw invalid('partnerCompanyId', 'must be another company than the publisher');
  requireOpen(state);
  return v;
}

function shortlist({ data }: Shortlist, state: PublishedNeed): NeedEvent[] {
  const v = publisherAndPartner(state, data);
  if (state.shortlist.includes(v.partnerCompanyId)) throw new IllegalStateError('partner is already shortlisted');
  if (state.interests[v.partnerCompanyId]?.status !== 'interested') throw new IllegalStateError('partner has not expressed interest');
  return [
    { type: 'PartnerShortlisted', data: { needId: state.needId, companyId: state.companyId, partnerCompanyId: v.partnerCompanyId, by: v.by, at: v.now } },
  ];
}

function removeFromShortlist({ data }: RemoveFromShortlist, state: PublishedNeed): NeedEvent[] {
  const v = publisherAndPartner(state, data);
  if (!state.shortlist.includes(v.partnerCompanyId)) throw new NotFoundError('partner is not shortlisted');
  return [
    {
      type: 'PartnerRemovedFromShortlist',
      data: { needId: state.needId, companyId: state.companyId, partnerCompanyId: v.partnerCompanyId, by: v.by, at: v.now },
    },
  ];
}

function makeIntroduction({ data }: MakeIntroduction, state: PublishedNeed): NeedEvent[] {
  const v = validateFields({
    introductionId: () => requiredToken(data.introductionId, 'introductionId'),
    partnerCompanyId: () => {
      const partner = requiredToken(data.partnerCompanyId, 'partnerCompanyId');
      if (partner === state.companyId) throw invalid('partnerCompanyId', 'must be another company than the publisher');
      return partner;
    },
    via: () => introductionVia(data.via, 'via'),
    note: () => optionalText(data.note, 'note', NOTE_MAX) || undefined,
    authority: () => authority(data.authority, 'authority'),
    ...person(data),
  });
  requireOpen(state);
  if (state.introductions[v.introductionId]) throw new IllegalStateError('introduction id already used');
  if (Object.values(state.introductions).some((i) => i.partnerCompanyId === v.partnerCompanyId)) {
    throw new IllegalStateError('partner is already introduced');
  }
  return [
    {
      type: 'IntroductionMade',
      data: {
        needId: state.needId,
        introductionId: v.introductionId,
        companyId: state.companyId,
        partnerCompanyId: v.partnerCompanyId,
        via: v.via,
        ...(v.note !== undefined ? { note: v.note } : {}),
        authority: v.authority,
        by: v.by,
        at: v.now,
      },
    },
  ];
}

function logMeeting({ data }: LogMeeting, state: PublishedNeed): NeedEvent[] {
  const v = validateFields({
    meetingId: () => requiredToken(data.meetingId, 'meetingId'),
    actingCompanyId: () => requiredToken(data.actingCompanyId, 'actingCompanyId'),
    partnerCompanyId: () => {
      const partner = requiredToken(data.partnerCompanyId, 'partnerCompanyId');
      if (partner === state.companyId) throw invalid('partnerCompanyId', 'must be another company than the publisher');
      return partner;
    },
    on: () => {
      const on = localDate(data.on, 'on');
      if (instantOk(data.now) && on > dateOf(data.now)) throw invalid('on', 'must not be in the future');
      if (on < dateOf(state.publishedAt)) throw invalid('on', 'must not be before the need was published');
      return on;
    },
    note: () => optionalText(data.note, 'note', NOTE_MAX) || undefined,
    ...person(data),
  });
  if (v.actingCompanyId !== state.companyId && v.actingCompanyId !== v.partnerCompanyId) throw notFound();
  requireOpen(state);
  requireBeforeDeadlinePassed(state, v.now);
  if (!isEngaged(state, v.partnerCompanyId)) throw new IllegalStateError('partner is not engaged on this need');
  if (state.meetings.includes(v.meetingId)) throw new IllegalStateError('meeting is already logged');
  return [
    {
      type: 'MeetingLogged',
      data: {
        needId: state.needId,
        meetingId: v.meetingId,
        companyId: v.actingCompanyId,
        publisherCompanyId: state.companyId,
        partnerCompanyId: v.partnerCompanyId,
        on: v.on,
        ...(v.note !== undefined ? { note: v.note } : {}),
        by: v.by,
        at: v.now,
      },
    },
  ];
}

function recordOutcome({ data }: RecordOutcome, state: PublishedNeed): NeedEvent[] {
  const v = validateFields({
    actingCompanyId: () => requiredToken(data.actingCompanyId, 'actingCompanyId'),
    outcome: () => recordedOutcome(data.outcome, state.companyId),
    ...person(data),
  });
  requirePublisher(state, v.actingCompanyId);
  requireOpen(state);
  if (v.outcome.kind === 'agreement' && !isEngaged(state, v.outcome.partnerCompanyId)) {
    throw new IllegalStateError('agreement partner is not engaged on this need');
  }
  return [{ type: 'NeedClosed', data: { needId: state.needId, companyId: state.companyId, outcome: v.outcome, by: v.by, at: v.now } }];
}

function expire({ data }: ExpireNeed, state: PublishedNeed): NeedEvent[] {
  const now = instant(data.now, 'now');
  if (state.status === 'closed') return [];
  if (state.deadline >= dateOf(now)) throw new IllegalStateError(`deadline has not passed yet (${state.deadline})`);
  return [{ type: 'NeedClosed', data: { needId: state.needId, companyId: state.companyId, outcome: { kind: 'expired' }, by: 'system', at: now } }];
}

function requireTargetExists(state: PublishedNeed, target: ContentTarget): void {
  if (target.kind === 'interest' && !state.interests[target.companyId]) throw new NotFoundError('interest not found');
}

const isHidden = (state: PublishedNeed, target: ContentTarget): boolean =>
  target.kind === 'need' ? state.hidden : state.interests[target.companyId]?.hidden === true;

function report({ data }: ReportContent, state: PublishedNeed): NeedEvent[] {
  const v = validateFields({
    reportId: () => requiredToken(data.reportId, 'reportId'),
    target: () => contentTarget(data.target, 'target'),
    reason: () => requiredText(data.reason, 'reason', REASON_MAX),
    ...person(data),
  });
  requireTargetExists(state, v.target);
  if (state.reports[v.reportId]) throw new IllegalStateError('report id already used');
  return [{ type: 'ContentReported', data: { needId: state.needId, reportId: v.reportId, target: v.target, reason: v.reason, by: v.by, at: v.now } }];
}

function moderation(data: { reportId?: string; target: ContentTarget; reason: string; authority: ModerationAuthority; by: string; now: string }) {
  return validateFields({
    reportId: () => (data.reportId === undefined ? undefined : requiredToken(data.reportId, 'reportId')),
    target: () => contentTarget(data.target, 'target'),
    reason: () => requiredText(data.reason, 'reason', REASON_MAX),
    authority: () => moderationAuthorityOrForbidden(data.authority),
    ...person(data),
  });
}

/** An authority that is not a moderator's is a refusal of the person (403), not a bad field. */
function moderationAuthorityOrForbidden(value: unknown): ModerationAuthority {
  if ((AUTHORITIES as readonly unknown[]).includes(value)) {
    requireModerator(value as ModerationAuthority);
    return value as ModerationAuthority;
  }
  return moderationAuthority(value, 'authority');
}

function reportOf(state: PublishedNeed, reportId: string | undefined, target: ContentTarget): Report | undefined {
  if (reportId === undefined) return undefined;
  const found = state.reports[reportId];
  if (!found) throw new NotFoundError('report not found');
  if (!sameTarget(found.target, target)) throw invalid('target', 'must be the target of the report');
  return found;
}

function hide({ data }: HideContent, state: PublishedNeed): NeedEvent[] {
  const v = moderation(data);
  requireTargetExists(state, v.target);
  const found = reportOf(state, v.reportId, v.target);
  if (isHidden(state, v.target)) throw new IllegalStateError(`${describeTarget(v.target)} is already hidden`);
  if (found?.status === 'resolved') throw new IllegalStateError('report is already resolved');
  const common = { needId: state.needId, reason: v.reason, authority: v.authority, by: v.by, at: v.now };
  const events: NeedEvent[] = [
    { type: 'ContentHidden', data: { needId: state.needId, target: v.target, ...(v.reportId !== undefined ? { reportId: v.reportId } : {}), reason: v.reason, authority: v.authority, by: v.by, at: v.now } },
  ];
  if (v.reportId !== undefined) events.push({ type: 'ReportResolved', data: { ...common, reportId: v.reportId, decision: 'hidden' } });
  return events;
}

function restore({ data }: RestoreContent, state: PublishedNeed): NeedEvent[] {
  const v = moderation(data);
  requireTargetExists(state, v.target);
  reportOf(state, v.reportId, v.target);
  if (!isHidden(state, v.target)) throw new IllegalStateError(`${describeTarget(v.target)} is not hidden`);
  return [
    {
      type: 'ContentRestored',
      data: { needId: state.needId, target: v.target, ...(v.reportId !== undefined ? { reportId: v.reportId } : {}), reason: v.reason, authority: v.authority, by: v.by, at: v.now },
    },
  ];
}

function dismiss({ data }: DismissReport, state: PublishedNeed): NeedEvent[] {
  const v = validateFields({
    reportId: () => requiredToken(data.reportId, 'reportId'),
    reason: () => requiredText(data.reason, 'reason', REASON_MAX),
    authority: () => moderationAuthorityOrForbidden(data.authority),
    ...person(data),
  });
  const found = state.reports[v.reportId];
  if (!found) throw new NotFoundError('report not found');
  if (found.status === 'resolved') throw new IllegalStateError('report is already resolved');
  return [
    {
      type: 'ReportResolved',
      data: { needId: state.needId, reportId: v.reportId, decision: 'dismissed', reason: v.reason, authority: v.authority, by: v.by, at: v.now },
    },
  ];
}

export const needDecider: Decider<NeedState, NeedCommand, NeedEvent> = {
  initialState,
  evolve,
  decide,
};

export const needs = commandHandler(needDecider, needStreamId);
