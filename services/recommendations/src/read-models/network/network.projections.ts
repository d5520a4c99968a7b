import { departementOfPostalCode, visibleTies } from '@opn/directory';

export type { TieDocument } from '@opn/directory';
import { AlumniTieErasedV1, AlumniTieFormedV1 } from '@opn/collectives-contracts';
import { CompanyProfileUpdatedV1, CompanyRegisteredV1 } from '@opn/identity-contracts';
import { integrationProjection, on } from '@opn/projections';
import { NeedClosedV1, NeedModeratedV1, NeedPublishedV1, NeedStepV1, RelationActivatedV1, RelationKind, RelationStatusChangedV1, RelationStrengthenedV1 } from '@opn/relations-contracts';
import { CoordinatorChangedV1, MembershipChangedV1, TerritoryDefinedV1 } from '@opn/territories-contracts';

/** A company's public profile as identity published it: what partner search ranks and filters. */
export interface FirmDocument {
  legalName: string;
  siren: string;
  nafCode: string;
  sizeBand: string;
  description: string;
  capabilities: string[];
  offers: string[];
  city: string;
  /** Département of its address (null abroad or unknown). */
  departement: string | null;
  coordinates: { lat: number; lon: number } | null;
}

export const firmsProjection = integrationProjection<FirmDocument>({
  name: 'recommendations.firms',
  collection: 'firms',
  handlers: [
    on(CompanyRegisteredV1, (doc, d) =>
      doc
        ? doc
        : {
            legalName: d.legalName,
            siren: d.siren,
            nafCode: d.nafCode,
            sizeBand: d.sizeBand,
            description: d.description,
            capabilities: d.capabilities,
            offers: d.offers,
            city: d.address.city,
            departement: departementOfPostalCode(d.address.postalCode, d.address.country) ?? null,
            coordinates: d.coordinates ?? null,
          },
    ),
    on(CompanyProfileUpdatedV1, (doc, d) => {
      if (!doc) return doc;
      const c = d.changes;
      return {
        ...doc,
        ...(c.legalName !== undefined ? { legalName: c.legalName } : {}),
        ...(c.nafCode !== undefined ? { nafCode: c.nafCode } : {}),
        ...(c.sizeBand !== undefined ? { sizeBand: c.sizeBand } : {}),
        ...(c.description !== undefined ? { description: c.description } : {}),
        ...(c.capabilities !== undefined ? { capabilities: c.capabilities } : {}),
        ...(c.offers !== undefined ? { offers: c.offers } : {}),
        ...(c.address ? { city: c.address.city, departement: departementOfPostalCode(c.address.postalCode, c.address.country) ?? null } : {}),
        ...(c.coordinates !== undefined ? { coordinates: c.coordinates } : {}),
      };
    }),
  ],
});

/** A company relation: the two companies, its kind, whether it is active now, and the agreements that strengthened it. */
export interface CompanyRelationDocument {
  companies: [string, string];
  kind: RelationKind;
  active: boolean;
  since: string;
  agreements: number;
}

export const companyRelationsProjection = integrationProjection<CompanyRelationDocument>({
  name: 'recommendations.company-relations',
  collection: 'company_relations',
  documentId: (event) => (event.data as { relationId: string }).relationId,
  handlers: [
    on(RelationActivatedV1, (doc, d) => ({ companies: d.companies, kind: d.kind, active: true, since: doc?.since ?? d.activatedAt, agreements: (doc?.agreements ?? 0) + (d.origin === 'agreement' ? 1 : 0) })),
    on(RelationStatusChangedV1, (doc, d) => (doc ? { ...doc, active: d.status === 'active' } : doc)),
    on(RelationStrengthenedV1, (doc) => (doc ? { ...doc, agreements: doc.agreements + 1 } : doc)),
  ],
});

/**
 * Relations' visible personal ties. Only `members` ties are used (in every graph: they may be shown
 * to members); a `territory` tie, meant for k-anonymous aggregates, is stored but used nowhere here.
 */
export const tiesProjection = visibleTies('recommendations');

/** "Were in collective X together": one document per collective and pair, deleted when one of them is erased. */
export interface AlumniTieDocument {
  collectiveId: string;
  collectiveName: string;
  personIds: [string, string];
  companyIds: [string | null, string | null];
  from: string;
  to: string;
}

export const alumniTieId = (collectiveId: string, personIds: readonly string[]): string => `${collectiveId}:${[...personIds].sort().join(':')}`;

export const alumniTiesProjection = integrationProjection<AlumniTieDocument>({
  name: 'recommendations.alumni-ties',
  collection: 'alumni_ties',
  documentId: (event) => {
    const d = event.data as { collectiveId: string; personIds: string[] };
    return alumniTieId(d.collectiveId, d.personIds);
  },
  handlers: [
    on(AlumniTieFormedV1, (_doc, d) => ({ collectiveId: d.collectiveId, collectiveName: d.collectiveName, personIds: d.personIds, companyIds: d.companyIds, from: d.from, to: d.to })),
    on(AlumniTieErasedV1, (): AlumniTieDocument | null => null),
  ],
});

/** A partnership need: its text (what partner search reads), where it may be shown, and what became of it. */
export interface NeedDocument {
  companyId: string;
  title: string;
  description: string;
  capabilities: string[];
  /** Départements of a `territory` need: only companies there may see it, so only they are recommended. */
  territory: string[];
  visibility: 'members' | 'territory';
  publishedAt: string;
  /** Partner companies that took a step on it (interest, shortlist, introduction, meeting). */
  engaged: string[];
  outcome?: NeedClosedV1['outcome'];
  partnerCompanyId?: string;
  hidden: boolean;
}

export const needsProjection = integrationProjection<NeedDocument>({
  name: 'recommendations.needs',
  collection: 'needs',
  documentId: (event) => (event.data as { needId: string }).needId,
  handlers: [
    on(NeedPublishedV1, (doc, d) => ({
      engaged: [],
      hidden: false,
      ...(doc ?? {}),
      companyId: d.companyId,
      title: d.title,
      description: d.description,
      capabilities: d.capabilities,
      territory: d.territory,
      visibility: d.visibility,
      publishedAt: d.publishedAt,
    })),
    on(NeedStepV1, (doc, d) => {
      if (!doc) return doc;
      const withdrawn = d.step === 'interest_withdrawn' || d.step === 'removed_from_shortlist';
      if (withdrawn || doc.engaged.includes(d.companyId)) return doc;
      return { ...doc, engaged: [...doc.engaged, d.companyId] };
    }),
    on(NeedClosedV1, (doc, d) => (doc ? { ...doc, outcome: d.outcome, ...(d.partnerCompanyId ? { partnerCompanyId: d.partnerCompanyId } : {}) } : doc)),
    on(NeedModeratedV1, (doc, d) => (doc ? { ...doc, hidden: d.hidden } : doc)),
  ],
});

/** A territory: its name, the territory it is nested in, and its coordinators (who see its weaving queue). */
export interface TerritoryDocument {
  name: string;
  parentId?: string;
  coordinators: string[];
}

export const territoriesProjection = integrationProjection<TerritoryDocument>({
  name: 'recommendations.territories',
  collection: 'territories',
  documentId: (event) => (event.data as { territoryId: string }).territoryId,
  handlers: [
    on(TerritoryDefinedV1, (doc, d) => ({ coordinators: doc?.coordinators ?? [], name: d.name, ...(d.parentId ? { parentId: d.parentId } : {}) })),
    on(CoordinatorChangedV1, (doc, d) => {
      const base = doc ?? { name: '', coordinators: [] };
      const others = base.coordinators.filter((p) => p !== d.personId);
      return { ...base, coordinators: d.coordinator ? [...others, d.personId].sort() : others };
    }),
  ],
});

/** A firm's membership of a territory (`territoryId:siren`). */
export interface TerritoryMembershipDocument {
  territoryId: string;
  siren: string;
  admitted: boolean;
}

export const territoryMembershipsProjection = integrationProjection<TerritoryMembershipDocument>({
  name: 'recommendations.territory-memberships',
  collection: 'territory_memberships',
  documentId: (event) => {
    const d = event.data as { territoryId: string; siren: string };
    return `${d.territoryId}:${d.siren}`;
  },
  handlers: [on(MembershipChangedV1, (_doc, d) => ({ territoryId: d.territoryId, siren: d.siren, admitted: d.status === 'admitted' }))],
});
