import type { Viewer } from '../../access/access';
import type { IntroductionView, InterestView, MeetingView, NeedView } from './needs.projection';
import { partiesOf } from './needs.projection';

/** What a viewer needs for every decision here: who they are and where their companies are. */
export interface NeedReader {
  companyIds: readonly string[];
  /** Départements of the viewer's companies (from relations' read model of identity's companies). */
  departements: readonly string[];
  /** Territory coordinator or platform admin. */
  moderator: boolean;
}

export const readerOf = (viewer: Viewer, departements: readonly string[]): NeedReader => ({
  companyIds: viewer.companyIds,
  departements,
  moderator: viewer.platformRoles.includes('territory_coordinator') || viewer.platformRoles.includes('platform_admin'),
});

/**
 * How much of a need a reader sees: `full` (the publisher's members and moderators: every
 * interest, the shortlist, introductions, meetings), `party` (a company with its own interest,
 * introduction or meeting: only its own), `public` (the need's public fields and its status),
 * `none` (the need does not exist for them: 404, never counted).
 */
export type NeedScope = 'full' | 'party' | 'public' | 'none';

export function scopeOf(need: Pick<NeedView, 'companyId' | 'hidden' | 'visibility' | 'territory'> & Partial<NeedView>, reader: NeedReader): NeedScope {
  if (reader.moderator || reader.companyIds.includes(need.companyId)) return 'full';
  if (need.hidden) return 'none';
  const party = need.interests !== undefined && partiesOf(need as NeedView).some((c) => c !== need.companyId && reader.companyIds.includes(c));
  if (party) return 'party';
  if (need.visibility === 'members') return 'public';
  return need.territory.some((d) => reader.departements.includes(d)) ? 'public' : 'none';
}

export interface NeedForReader {
  needId: string;
  companyId: string;
  title: string;
  description: string;
  capabilities: string[];
  territory: string[];
  deadline: string;
  budgetBand: NeedView['budgetBand'];
  visibility: NeedView['visibility'];
  status: NeedView['status'];
  /** The full outcome for the publisher's side and moderators, its kind only for the others. */
  outcome?: NeedView['outcome'] | { kind: string };
  /** Present for the publisher's members and moderators only. */
  hidden?: boolean;
  hiddenReason?: string;
  interests: Array<Omit<InterestView, 'message' | 'hiddenReason'> & { message?: string; hiddenReason?: string }>;
  shortlist: string[];
  introductions: IntroductionView[];
  meetings: MeetingView[];
  publishedAt: string;
  closedAt?: string;
  updatedAt: string;
}

/** A need as `reader` may see it (scope already checked to be other than `none`). */
export function needForReader(need: NeedView, reader: NeedReader, scope: NeedScope = scopeOf(need, reader)): NeedForReader {
  const mine = (companyId: string) => reader.companyIds.includes(companyId);
  const base = {
    needId: need.needId,
    companyId: need.companyId,
    title: need.title,
    description: need.description,
    capabilities: need.capabilities,
    territory: need.territory,
    deadline: need.deadline,
    budgetBand: need.budgetBand,
    visibility: need.visibility,
    status: need.status,
    publishedAt: need.publishedAt,
    ...(need.closedAt !== undefined ? { closedAt: need.closedAt } : {}),
    updatedAt: need.updatedAt,
  };
  if (scope === 'full') {
    return {
      ...base,
      ...(need.outcome ? { outcome: need.outcome } : {}),
      hidden: need.hidden,
      ...(need.hiddenReason !== undefined ? { hiddenReason: need.hiddenReason } : {}),
      // A hidden interest's message is for moderators only; the publisher sees that it was hidden, and why.
      interests: reader.moderator ? need.interests : need.interests.map(({ message, ...i }) => (i.hidden ? i : { ...i, ...(message !== undefined ? { message } : {}) })),
      shortlist: need.shortlist,
      introductions: need.introductions,
      meetings: need.meetings,
    };
  }
  const outcome = need.outcome ? { outcome: { kind: need.outcome.kind } } : {};
  if (scope === 'party') {
    return {
      ...base,
      ...outcome,
      interests: need.interests.filter((i) => mine(i.companyId)),
      shortlist: need.shortlist.filter(mine),
      introductions: need.introductions.filter((i) => mine(i.partnerCompanyId)),
      meetings: need.meetings.filter((m) => mine(m.partnerCompanyId)),
    };
  }
  return { ...base, ...outcome, interests: [], shortlist: [], introductions: [], meetings: [] };
}

/** One step of a need's history as the reader may see it: what remains of its data, or null to leave it out. */
export function historyStepFor(
  event: { type: string; data: Record<string, unknown> },
  need: Pick<NeedView, 'companyId'>,
  reader: NeedReader,
  scope: NeedScope,
  hiddenInterests: readonly string[] = [],
): Record<string, unknown> | null {
  if (scope === 'none') return null;
  const mine = (companyId: unknown) => typeof companyId === 'string' && reader.companyIds.includes(companyId);
  const { needId: _id, by: _by, at: _at, ...details } = event.data;
  const full = scope === 'full';
  switch (event.type) {
    case 'NeedPublished':
      return details;
    case 'InterestExpressed':
    case 'InterestWithdrawn': {
      if (!full && !mine(details.companyId)) return null;
      // The message of an interest hidden by moderation stays with moderators (and its author).
      if (!reader.moderator && !mine(details.companyId) && hiddenInterests.includes(details.companyId as string)) {
        const { message: _m, ...rest } = details;
        return rest;
      }
      return details;
    }
    case 'PartnerShortlisted':
    case 'PartnerRemovedFromShortlist':
    case 'IntroductionMade':
    case 'MeetingLogged':
      return full || mine(details.partnerCompanyId) ? details : null;
    case 'NeedClosed':
      return full ? details : { outcome: { kind: (details.outcome as { kind: string }).kind } };
    case 'ContentReported':
    case 'ReportResolved':
      return reader.moderator ? details : null;
    case 'ContentHidden':
    case 'ContentRestored': {
      if (reader.moderator) return details;
      const target = details.target as { kind: string; companyId?: string };
      const concerned = reader.companyIds.includes(need.companyId) || (target.kind === 'interest' && mine(target.companyId));
      // The publisher (and the company whose interest it was) learn that content was hidden and why, not who did it.
      return concerned ? { target: details.target, reason: details.reason } : null;
    }
    default:
      return null;
  }
}

/** Who acted, as the reader may see it: moderators' and reporters' identities stay with moderators. */
export const historyActorFor = (event: { type: string; data: { by?: unknown } }, reader: NeedReader): string =>
  !reader.moderator && (event.type === 'ContentHidden' || event.type === 'ContentRestored') ? 'moderation' : String(event.data.by ?? 'system');
