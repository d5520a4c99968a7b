import type { DocumentProjection } from '@opn/projections';
import type { ContentTarget, NeedEvent } from '../../domain';

/** One report of a need or of an interest in it, from its filing to the moderator's decision (MongoDB `moderation-reports`). */
export interface ReportView {
  reportId: string;
  needId: string;
  target: ContentTarget;
  reason: string;
  reportedBy: string;
  reportedAt: string;
  status: 'open' | 'resolved';
  decision?: 'hidden' | 'dismissed';
  decisionReason?: string;
  resolvedBy?: string;
  resolvedAt?: string;
}

export const reportsProjection: DocumentProjection<ReportView> = {
  name: 'relations.moderation-reports',
  collection: 'moderation-reports',
  handles: ['ContentReported', 'ReportResolved'],
  documentId: (e) => (e.data as { reportId?: string }).reportId,
  apply: (doc, recorded) => {
    const e = recorded as unknown as NeedEvent;
    switch (e.type) {
      case 'ContentReported': {
        const { reportId, needId, target, reason, by, at } = e.data;
        return { reportId, needId, target, reason, reportedBy: by, reportedAt: at, status: 'open' };
      }
      case 'ReportResolved':
        if (!doc) return null;
        return { ...doc, status: 'resolved', decision: e.data.decision, decisionReason: e.data.reason, resolvedBy: e.data.by, resolvedAt: e.data.at };
      default:
        return doc;
    }
  },
  indexes: [{ fields: { status: 1, reportedAt: -1 } }],
};
