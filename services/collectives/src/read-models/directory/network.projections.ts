import { CompanyProfileUpdatedV1, CompanyRegisteredV1 } from '@opn/identity-contracts';
import { integrationProjection, on } from '@opn/projections';
import { MembershipChangedV1, TerritoryDefinedV1 } from '@opn/territories-contracts';

/** A company as identity published it: what a collective's perimeter is checked against (its sector, and its SIREN for territories' rosters). */
export interface FirmDocument {
  legalName: string;
  siren: string;
  nafCode: string;
}

export const firmsProjection = integrationProjection<FirmDocument>({
  name: 'collectives.firms',
  collection: 'firms',
  handlers: [
    on(CompanyRegisteredV1, (doc, d) => doc ?? { legalName: d.legalName, siren: d.siren, nafCode: d.nafCode }),
    on(CompanyProfileUpdatedV1, (doc, d) => (doc ? { ...doc, ...(d.changes.legalName ? { legalName: d.changes.legalName } : {}), ...(d.changes.nafCode ? { nafCode: d.changes.nafCode } : {}) } : doc)),
  ],
  indexes: [{ fields: { siren: 1 } }],
});

/** A territory as territories published it: collectives' perimeters name territories, and a nested territory counts for its parent. */
export interface TerritoryDocument {
  name: string;
  parentId?: string;
}

export const territoriesProjection = integrationProjection<TerritoryDocument>({
  name: 'collectives.territories',
  collection: 'territories',
  handlers: [on(TerritoryDefinedV1, (_doc, d) => ({ name: d.name, ...(d.parentId ? { parentId: d.parentId } : {}) }))],
});

/** A firm's membership of a territory (`territoryId:siren`), as territories published it. */
export interface TerritoryMembershipDocument {
  territoryId: string;
  siren: string;
  status: 'admitted' | 'ended';
  validUntil?: string;
}

export const territoryMembershipsProjection = integrationProjection<TerritoryMembershipDocument>({
  name: 'collectives.territory-memberships',
  collection: 'territory-memberships',
  documentId: (event) => {
    const d = event.data as { territoryId: string; siren: string };
    return `${d.territoryId}:${d.siren}`;
  },
  handlers: [
    on(MembershipChangedV1, (doc, d) => {
      if (d.status === 'ended') return { territoryId: d.territoryId, siren: d.siren, status: 'ended' };
      const validUntil = d.validUntil ?? (doc?.status === 'admitted' ? doc.validUntil : undefined);
      return { territoryId: d.territoryId, siren: d.siren, status: 'admitted', ...(validUntil ? { validUntil } : {}) };
    }),
  ],
  indexes: [{ fields: { siren: 1 } }],
});
