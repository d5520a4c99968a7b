import { RelationActivatedV1, RelationKind, RelationStatusChangedV1, RelationStrengthenedV1 } from '@opn/relations-contracts';
import { integrationProjection, on } from '@opn/projections';

/** A stretch of time during which a relation was active (`to` null: still is). */
export interface ActivePeriod {
  from: string;
  to: string | null;
}

/**
 * A company relation as relations published it: the two companies, its kind and the periods it
 * was active (suspended and ended relations are not ties of the network while they are so), and
 * the agreements on needs that strengthened it.
 */
export interface CompanyRelationDocument {
  companies: [string, string];
  kind: RelationKind;
  periods: ActivePeriod[];
  /** Instants of the agreements that strengthened the live relation. */
  strengthenedAt: string[];
}

const close = (periods: ActivePeriod[], at: string): ActivePeriod[] => periods.map((p) => (p.to === null ? { ...p, to: at } : p));

export const companyRelationsProjection = integrationProjection<CompanyRelationDocument>({
  name: 'territories.company-relations',
  collection: 'company_relations',
  documentId: (event) => (event.data as { relationId: string }).relationId,
  handlers: [
    on(RelationActivatedV1, (doc, d) => {
      const periods = doc?.periods ?? [];
      if (periods.some((p) => p.to === null)) return doc;
      return { companies: d.companies, kind: d.kind, periods: [...periods, { from: d.activatedAt, to: null }], strengthenedAt: doc?.strengthenedAt ?? [] };
    }),
    on(RelationStatusChangedV1, (doc, d) => {
      if (!doc) return doc;
      const open = doc.periods.some((p) => p.to === null);
      if (d.status === 'active') return open ? doc : { ...doc, periods: [...doc.periods, { from: d.changedAt, to: null }] };
      return open ? { ...doc, periods: close(doc.periods, d.changedAt) } : doc;
    }),
    on(RelationStrengthenedV1, (doc, d) => (doc ? { ...doc, strengthenedAt: [...doc.strengthenedAt, d.strengthenedAt] } : doc)),
  ],
});
