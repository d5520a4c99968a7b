import { CompanyMemberJoinedV1, CompanyMemberLeftV1, CompanyMemberRoleChangedV1, CompanyProfileUpdatedV1, CompanyRegisteredV1 } from '@opn/identity-contracts';
import { integrationProjection, on } from '@opn/projections';
import { departementOfPostalCode } from '@opn/directory';
import type { CompanyRole } from './people.projection';

/**
 * What relations knows of a company, from identity's events: its public name, sector, size and
 * département (for the need visibility by territory and the aggregates of reach), and its members.
 */
export interface CompanyDocument {
  legalName: string;
  nafCode: string;
  /** NAF section-level division: the first two digits of the NAF code (aggregates by sector). */
  sector: string;
  sizeBand: string;
  departement: string | null;
  members: Record<string, CompanyRole>;
}

export const companiesProjection = integrationProjection<CompanyDocument>({
  name: 'relations.companies',
  collection: 'companies',
  handlers: [
    on(CompanyRegisteredV1, (doc, d) => ({
      legalName: d.legalName,
      nafCode: d.nafCode,
      sector: d.nafCode.slice(0, 2),
      sizeBand: d.sizeBand,
      departement: departementOfPostalCode(d.address.postalCode, d.address.country) ?? null,
      members: doc?.members ?? {},
    })),
    on(CompanyProfileUpdatedV1, (doc, d) => {
      if (!doc) return doc;
      const c = d.changes;
      return {
        ...doc,
        ...(c.legalName !== undefined ? { legalName: c.legalName } : {}),
        ...(c.nafCode !== undefined ? { nafCode: c.nafCode, sector: c.nafCode.slice(0, 2) } : {}),
        ...(c.sizeBand !== undefined ? { sizeBand: c.sizeBand } : {}),
        ...(c.address !== undefined ? { departement: departementOfPostalCode(c.address.postalCode, c.address.country) ?? null } : {}),
      };
    }),
    // Membership events can arrive before the registration only if identity published them so; keep them anyway.
    on(CompanyMemberJoinedV1, (doc, d) => ({ ...(doc ?? { legalName: '', nafCode: '', sector: '', sizeBand: '', departement: null, members: {} }), members: { ...(doc?.members ?? {}), [d.personId]: d.role } })),
    on(CompanyMemberRoleChangedV1, (doc, d) => (doc ? { ...doc, members: { ...doc.members, [d.personId]: d.role } } : doc)),
    on(CompanyMemberLeftV1, (doc, d) => {
      if (!doc) return doc;
      const { [d.personId]: _left, ...members } = doc.members;
      return { ...doc, members };
    }),
  ],
});
