import { Injectable } from '@nestjs/common';
import { streamEntityId } from '@opn/kernel';
import { DocumentProjection, KeyedMemoryReadModel } from '@opn/projections';
import type { IntroductionVia, NeedDetails, NeedEvent, NeedOutcome } from '../../domain';

export interface InterestView {
  companyId: string;
  status: 'interested' | 'withdrawn';
  message?: string;
  /** Hidden by moderation (outlives a withdrawal and a new expression of interest). */
  hidden: boolean;
  hiddenReason?: string;
  by: string;
  expressedAt: string;
  updatedAt: string;
}

export interface IntroductionView {
  introductionId: string;
  partnerCompanyId: string;
  via: IntroductionVia;
  note?: string;
  by: string;
  at: string;
}

export interface MeetingView {
  meetingId: string;
  /** The company that logged it: the publisher or the partner. */
  companyId: string;
  partnerCompanyId: string;
  on: string;
  note?: string;
  by: string;
  at: string;
}

/** A need with everything that happened to it (MongoDB `needs`, and the NeedIndex in memory). */
export interface NeedView extends NeedDetails {
  status: 'open' | 'closed';
  outcome?: NeedOutcome;
  /** The need itself hidden by moderation. */
  hidden: boolean;
  hiddenReason?: string;
  interests: InterestView[];
  shortlist: string[];
  introductions: IntroductionView[];
  meetings: MeetingView[];
  publishedBy: string;
  publishedAt: string;
  closedAt?: string;
  updatedAt: string;
}

const NEED_EVENTS: NeedEvent['type'][] = [
  'NeedPublished',
  'InterestExpressed',
  'InterestWithdrawn',
  'PartnerShortlisted',
  'PartnerRemovedFromShortlist',
  'IntroductionMade',
  'MeetingLogged',
  'NeedClosed',
  'ContentHidden',
  'ContentRestored',
];

const withInterest = (doc: NeedView, companyId: string, change: (i: InterestView) => InterestView): InterestView[] =>
  doc.interests.map((i) => (i.companyId === companyId ? change(i) : i));

function moderated(doc: NeedView, target: { kind: 'need' } | { kind: 'interest'; companyId: string }, hidden: boolean, reason: string, at: string): NeedView {
  if (target.kind === 'need') {
    const { hiddenReason: _r, ...rest } = doc;
    return { ...rest, hidden, ...(hidden ? { hiddenReason: reason } : {}), updatedAt: at };
  }
  return {
    ...doc,
    interests: withInterest(doc, target.companyId, (i) => {
      const { hiddenReason: _r, ...rest } = i;
      return { ...rest, hidden, ...(hidden ? { hiddenReason: reason } : {}) };
    }),
    updatedAt: at,
  };
}

/** Pure fold of a need's stream into its view. Reports live in `moderation-reports`. */
export const needsProjection: DocumentProjection<NeedView> = {
  name: 'relations.needs',
  collection: 'needs',
  handles: NEED_EVENTS,
  documentId: (e) => streamEntityId(e.subject),
  apply: (doc, recorded) => {
    const e = recorded as unknown as NeedEvent;
    if (e.type === 'NeedPublished') {
      const { by, at, ...need } = e.data;
      return { ...need, status: 'open', hidden: false, interests: [], shortlist: [], introductions: [], meetings: [], publishedBy: by, publishedAt: at, updatedAt: at };
    }
    if (!doc) return null;
    const at = e.data.at;
    switch (e.type) {
      case 'InterestExpressed': {
        const { companyId, message, by } = e.data;
        const before = doc.interests.find((i) => i.companyId === companyId);
        const interest: InterestView = {
          companyId,
          status: 'interested',
          ...(message !== undefined ? { message } : {}),
          hidden: before?.hidden ?? false,
          ...(before?.hiddenReason !== undefined ? { hiddenReason: before.hiddenReason } : {}),
          by,
          expressedAt: at,
          updatedAt: at,
        };
        return { ...doc, interests: before ? withInterest(doc, companyId, () => interest) : [...doc.interests, interest], updatedAt: at };
      }
      case 'InterestWithdrawn':
        return { ...doc, interests: withInterest(doc, e.data.companyId, (i) => ({ ...i, status: 'withdrawn', updatedAt: at })), updatedAt: at };
      case 'PartnerShortlisted':
        return { ...doc, shortlist: [...doc.shortlist, e.data.partnerCompanyId], updatedAt: at };
      case 'PartnerRemovedFromShortlist':
        return { ...doc, shortlist: doc.shortlist.filter((c) => c !== e.data.partnerCompanyId), updatedAt: at };
      case 'IntroductionMade': {
        const { introductionId, partnerCompanyId, via, note, by } = e.data;
        return { ...doc, introductions: [...doc.introductions, { introductionId, partnerCompanyId, via, ...(note !== undefined ? { note } : {}), by, at }], updatedAt: at };
      }
      case 'MeetingLogged': {
        const { meetingId, companyId, partnerCompanyId, on, note, by } = e.data;
        return { ...doc, meetings: [...doc.meetings, { meetingId, companyId, partnerCompanyId, on, ...(note !== undefined ? { note } : {}), by, at }], updatedAt: at };
      }
      case 'NeedClosed':
        return { ...doc, status: 'closed', outcome: e.data.outcome, closedAt: at, updatedAt: at };
      case 'ContentHidden':
        return moderated(doc, e.data.target, true, e.data.reason, at);
      case 'ContentRestored':
        return moderated(doc, e.data.target, false, e.data.reason, at);
      default:
        return doc;
    }
  },
};

/** The companies with a part in a need: its publisher and every company interested, shortlisted, introduced or met. */
export function partiesOf(view: NeedView): string[] {
  return [
    ...new Set([
      view.companyId,
      ...view.interests.map((i) => i.companyId),
      ...view.shortlist,
      ...view.introductions.map((i) => i.partnerCompanyId),
      ...view.meetings.map((m) => m.partnerCompanyId),
    ]),
  ];
}

/** Every need in memory, listed under its publisher and the companies engaged on it: lists with exact totals. */
@Injectable()
export class NeedIndex extends KeyedMemoryReadModel<NeedView> {
  readonly projection = needsProjection;
  protected keysOf(view: NeedView): readonly string[] {
    return partiesOf(view);
  }
}
