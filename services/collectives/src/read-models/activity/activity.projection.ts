import type { DocumentProjection } from '@opn/projections';
import type { AlumniTieFormedV1 } from '@opn/collectives-contracts';
import { ERASED } from '@opn/kernel';
import type { ActivityEvent, CollectiveEvent, ContentKind, ErasureEvent, ModerationEvent, ResultKind } from '../../domain';

export type ActivityKind = ContentKind | 'meeting';

/**
 * One item of a collective's activity (MongoDB `activity`): an announcement, a document shared
 * by link, a meeting with its attendance, or a result. Hidden items keep their content for the
 * moderators and show as hidden to everyone else.
 */
export interface ActivityView {
  collectiveId: string;
  kind: ActivityKind;
  itemId: string;
  by: string;
  at: string;
  text?: string;
  title?: string;
  url?: string;
  description?: string;
  resultKind?: ResultKind;
  contributors?: string[];
  startsAt?: string;
  place?: string;
  present?: string[];
  attendanceRecordedAt?: string;
  /** Who the item credits: its author, a result's contributors, a meeting's attendees. */
  credited: string[];
  hidden: boolean;
  /** Its author was erased: what they wrote is gone. */
  erased?: boolean;
  moderation?: Array<{ action: 'hidden' | 'restored'; reason: string; by: string; at: string; authority: string }>;
}

export const activityId = (collectiveId: string, kind: ActivityKind, itemId: string): string => `${collectiveId}:${kind}:${itemId}`;

const ACTIVITY_EVENTS: readonly (ActivityEvent | ModerationEvent | ErasureEvent)['type'][] = [
  'ContentErased',
  'AnnouncementPosted',
  'MeetingScheduled',
  'AttendanceRecorded',
  'DocumentAdded',
  'ResultRecorded',
  'ContentHidden',
  'ContentRestored',
];

export const activityProjection: DocumentProjection<ActivityView> = {
  name: 'collectives.activity',
  collection: 'activity',
  handles: ACTIVITY_EVENTS,
  documentId: (recorded) => {
    const e = recorded as unknown as CollectiveEvent;
    const c = e.data.collectiveId;
    switch (e.type) {
      case 'AnnouncementPosted':
        return activityId(c, 'announcement', e.data.announcementId);
      case 'DocumentAdded':
        return activityId(c, 'document', e.data.documentId);
      case 'ResultRecorded':
        return activityId(c, 'result', e.data.resultId);
      case 'MeetingScheduled':
      case 'AttendanceRecorded':
        return activityId(c, 'meeting', e.data.meetingId);
      case 'ContentHidden':
      case 'ContentRestored':
      case 'ContentErased':
        return activityId(c, e.data.target.kind, e.data.target.id);
      default:
        return undefined;
    }
  },
  apply: (doc, recorded) => {
    const e = recorded as unknown as CollectiveEvent;
    const base = { collectiveId: e.data.collectiveId, by: e.data.by, at: e.data.at, hidden: false };
    switch (e.type) {
      case 'AnnouncementPosted':
        return { ...base, kind: 'announcement', itemId: e.data.announcementId, text: e.data.text, credited: [e.data.by] };
      case 'DocumentAdded':
        return { ...base, kind: 'document', itemId: e.data.documentId, title: e.data.title, url: e.data.url, credited: [e.data.by] };
      case 'ResultRecorded': {
        const d = e.data;
        return {
          ...base,
          kind: 'result',
          itemId: d.resultId,
          resultKind: d.kind,
          title: d.title,
          ...(d.description ? { description: d.description } : {}),
          ...(d.url ? { url: d.url } : {}),
          contributors: d.contributors,
          credited: d.contributors,
        };
      }
      case 'MeetingScheduled':
        return { ...base, kind: 'meeting', itemId: e.data.meetingId, title: e.data.title, startsAt: e.data.startsAt, ...(e.data.place ? { place: e.data.place } : {}), present: [], credited: [] };
      case 'AttendanceRecorded':
        return doc ? { ...doc, present: e.data.present, credited: e.data.present, attendanceRecordedAt: e.data.at } : doc;
      case 'ContentHidden':
      case 'ContentRestored': {
        if (!doc) return doc;
        const hidden = e.type === 'ContentHidden';
        const entry = { action: hidden ? ('hidden' as const) : ('restored' as const), reason: e.data.reason, by: e.data.by, at: e.data.at, authority: e.data.authority };
        return { ...doc, hidden, moderation: [...(doc.moderation ?? []), entry] };
      }
      case 'ContentErased': {
        // The fields sealed under the author's key (see domain/personal-data.ts).
        if (!doc) return doc;
        const { text: _t, url: _u, description: _d, ...rest } = doc;
        const { title: _title, ...untitled } = rest;
        return { ...(doc.kind === 'document' ? untitled : rest), erased: true };
      }
      default:
        return doc;
    }
  },
  indexes: [{ fields: { collectiveId: 1, at: -1 } }, { fields: { collectiveId: 1, credited: 1, at: -1 } }],
};

/** One piece of content with its reports and the moderators' decisions (MongoDB `reports`): the queue shows those with open reports. */
export interface ReportedContentView {
  collectiveId: string;
  target: { kind: ContentKind; id: string };
  reports: Array<{ reportId: string; reason: string; by: string; at: string; status: 'open' | 'resolved'; decision?: 'hidden' | 'dismissed'; decisionReason?: string; resolvedBy?: string; resolvedAt?: string }>;
  /** Reports still waiting for a decision. */
  open: number;
  lastReportedAt: string;
  hidden: boolean;
}

export const reportedId = (collectiveId: string, target: { kind: ContentKind; id: string }): string => `${collectiveId}:${target.kind}:${target.id}`;

export const reportsProjection: DocumentProjection<ReportedContentView> = {
  name: 'collectives.reports',
  collection: 'reports',
  handles: ['ContentReported', 'ContentHidden', 'ContentRestored', 'ReportDismissed', 'ReportErased'],
  documentId: (recorded) => {
    const e = recorded as unknown as ModerationEvent | ErasureEvent;
    return 'target' in e.data ? reportedId(e.data.collectiveId, e.data.target) : undefined;
  },
  apply: (doc, recorded) => {
    const e = recorded as unknown as ModerationEvent | ErasureEvent;
    const d = e.data;
    if (e.type === 'ReportErased') {
      // Its reason was sealed under the reporter's key: it reads [erased] in a rebuild too.
      return doc ? { ...doc, reports: doc.reports.map((r) => (r.reportId === e.data.reportId ? { ...r, reason: ERASED } : r)) } : doc;
    }
    if (e.type !== 'ContentReported' && e.type !== 'ContentHidden' && e.type !== 'ContentRestored' && e.type !== 'ReportDismissed') return doc;
    if (e.type === 'ContentReported') {
      const base: ReportedContentView = doc ?? { collectiveId: d.collectiveId, target: e.data.target, reports: [], open: 0, lastReportedAt: d.at, hidden: false };
      return { ...base, reports: [...base.reports, { reportId: e.data.reportId, reason: e.data.reason, by: d.by, at: d.at, status: 'open' }], open: base.open + 1, lastReportedAt: d.at };
    }
    // Hiding or restoring unreported content leaves no queue entry.
    if (!doc) return doc;
    const resolve = (ids: readonly string[], decision: 'hidden' | 'dismissed', reason: string): ReportedContentView['reports'] =>
      doc.reports.map((r) => (ids.includes(r.reportId) && r.status === 'open' ? { ...r, status: 'resolved', decision, decisionReason: reason, resolvedBy: d.by, resolvedAt: d.at } : r));
    let reports = doc.reports;
    if (e.type === 'ContentHidden') reports = resolve(e.data.resolved, 'hidden', e.data.reason);
    if (e.type === 'ReportDismissed') reports = resolve([e.data.reportId], 'dismissed', e.data.reason);
    const hidden = e.type === 'ContentHidden' ? true : e.type === 'ContentRestored' ? false : doc.hidden;
    return { ...doc, reports, open: reports.filter((r) => r.status === 'open').length, hidden };
  },
  indexes: [{ fields: { collectiveId: 1, open: -1, lastReportedAt: -1 } }],
};

/** "Were in collective X together" (MongoDB `alumni-ties`): one document per pair, exactly as published. */
export type AlumniTieView = AlumniTieFormedV1;

export const alumniTiesProjection: DocumentProjection<AlumniTieView> = {
  name: 'collectives.alumni-ties',
  collection: 'alumni-ties',
  handles: ['AlumniTieFormed', 'AlumniTieErased'],
  documentId: (recorded) => {
    const d = recorded.data as { collectiveId: string; personIds: [string, string] };
    return `${d.collectiveId}:${d.personIds[0]}:${d.personIds[1]}`;
  },
  apply: (_doc, recorded) => {
    const e = recorded as unknown as CollectiveEvent;
    if (e.type === 'AlumniTieErased') return null;
    if (e.type !== 'AlumniTieFormed') return _doc;
    const d = e.data;
    return { collectiveId: d.collectiveId, collectiveName: d.collectiveName, personIds: d.personIds, companyIds: d.companyIds, from: d.from, to: d.to, formedAt: d.at };
  },
  indexes: [{ fields: { personIds: 1, to: -1 } }],
};
