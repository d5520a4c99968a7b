import { NeedClosedV1, NeedPublishedV1, NeedStepV1 } from '@opn/relations-contracts';
import { integrationProjection, on } from '@opn/projections';

export interface NeedStepRecord {
  step: NeedStepV1['step'];
  companyId: string;
  at: string;
  via?: NeedStepV1['via'];
}

/**
 * A partnership need as the coordinator counts it: who published it and when, the public steps
 * with the partner companies (interests, introductions, meetings) and its outcome. Titles and
 * descriptions are not kept: the figures need none.
 */
export interface NeedDocument {
  companyId: string;
  publishedAt: string;
  steps: NeedStepRecord[];
  closedAt?: string;
  outcome?: NeedClosedV1['outcome'];
  partnerCompanyId?: string;
}

export const needsProjection = integrationProjection<NeedDocument>({
  name: 'territories.needs',
  collection: 'needs',
  documentId: (event) => (event.data as { needId: string }).needId,
  handlers: [
    on(NeedPublishedV1, (doc, d) => ({ ...(doc ?? { steps: [] }), companyId: d.companyId, publishedAt: d.publishedAt })),
    on(NeedStepV1, (doc, d) => {
      const base = doc ?? { companyId: '', publishedAt: '', steps: [] };
      const step: NeedStepRecord = { step: d.step, companyId: d.companyId, at: d.occurredAt, ...(d.via ? { via: d.via } : {}) };
      return { ...base, steps: [...base.steps, step] };
    }),
    on(NeedClosedV1, (doc, d) => ({
      ...(doc ?? { companyId: d.companyId, publishedAt: '', steps: [] }),
      closedAt: d.closedAt,
      outcome: d.outcome,
      ...(d.partnerCompanyId ? { partnerCompanyId: d.partnerCompanyId } : {}),
    })),
  ],
});
