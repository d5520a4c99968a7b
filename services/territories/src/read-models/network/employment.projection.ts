import { CompanyMemberJoinedV1, CompanyMemberLeftV1, PersonErasedV1 } from '@opn/identity-contracts';
import { integrationProjection, on } from '@opn/projections';

/** A stretch of time during which a person was a member of a company (`to` null: still is). */
export interface EmploymentPeriod {
  companyId: string;
  from: string;
  to: string | null;
}

/**
 * The companies a person belonged to, with dates: personal ties are counted between firms
 * through the people who were their members at the date asked. Deleted when the person is erased.
 */
export interface EmploymentDocument {
  periods: EmploymentPeriod[];
}

export const employmentProjection = integrationProjection<EmploymentDocument>({
  name: 'territories.employment',
  collection: 'employment',
  documentId: (event) => (event.data as { personId: string }).personId,
  handlers: [
    on(CompanyMemberJoinedV1, (doc, d) => {
      const periods = doc?.periods ?? [];
      if (periods.some((p) => p.companyId === d.companyId && p.to === null)) return doc;
      return { periods: [...periods, { companyId: d.companyId, from: d.joinedAt, to: null }] };
    }),
    on(CompanyMemberLeftV1, (doc, d) => {
      if (!doc) return doc;
      return { periods: doc.periods.map((p) => (p.companyId === d.companyId && p.to === null ? { ...p, to: d.leftAt } : p)) };
    }),
    on(PersonErasedV1, (): EmploymentDocument | null => null),
  ],
});
