import {
  CompanyMemberJoinedV1,
  CompanyMemberLeftV1,
  CompanyMemberRoleChangedV1,
  ConsentChangedV1,
  PersonErasedV1,
  PersonRegisteredV1,
  PlatformRoleChangedV1,
} from '@opn/identity-contracts';
import { integrationProjection, on } from '@opn/projections';
import type { PlatformRole } from '@opn/kernel';

export type CompanyRole = 'member' | 'company_admin';

/**
 * What a service knows of a person, from identity's events over Kafka: the companies they belong
 * to with their role, their platform roles and the consents it must honour. It is the source of
 * every authorisation decision in relations and territories (ADR 0012), so a member removed from
 * a company loses its rights there as soon as the event arrives.
 */
export interface PersonDocument {
  companies: Record<string, CompanyRole>;
  platformRoles: PlatformRole[];
  consents: { personal_ties: boolean; warm_introductions: boolean };
  erased: boolean;
}

const blank = (): PersonDocument => ({ companies: {}, platformRoles: [], consents: { personal_ties: false, warm_introductions: false }, erased: false });

/** The people read model of `service` (named `<service>.people`, collection `people`). */
export const peopleDirectory = (service: string) =>
  integrationProjection<PersonDocument>({
    name: `${service}.people`,
    collection: 'people',
    // Membership events are keyed by their company; the document is the person's.
    documentId: (event) => (event.data as { personId: string }).personId,
    handlers: [
      on(PersonRegisteredV1, (doc) => doc ?? blank()),
      on(CompanyMemberJoinedV1, (doc, d) => (doc?.erased ? doc : { ...(doc ?? blank()), companies: { ...(doc ?? blank()).companies, [d.companyId]: d.role } })),
      on(CompanyMemberRoleChangedV1, (doc, d) => (doc && !doc.erased ? { ...doc, companies: { ...doc.companies, [d.companyId]: d.role } } : doc)),
      on(CompanyMemberLeftV1, (doc, d) => {
        if (!doc) return doc;
        const { [d.companyId]: _left, ...companies } = doc.companies;
        return { ...doc, companies };
      }),
      on(PlatformRoleChangedV1, (doc, d) => {
        const base = doc ?? blank();
        if (base.erased) return base;
        const others = base.platformRoles.filter((r) => r !== d.role);
        return { ...base, platformRoles: d.granted ? [...others, d.role].sort() : others };
      }),
      on(ConsentChangedV1, (doc, d) => {
        const base = doc ?? blank();
        if (base.erased || (d.purpose !== 'personal_ties' && d.purpose !== 'warm_introductions')) return base;
        return { ...base, consents: { ...base.consents, [d.purpose]: d.granted } };
      }),
      on(PersonErasedV1, (): PersonDocument => ({ ...blank(), erased: true })),
    ],
  });

/** Who a person is to a service that reads identity's directory: their companies (and which they administer), platform roles and consents. */
export interface DirectoryViewer {
  personId: string;
  /** Companies the person is a member of, sorted. */
  companyIds: string[];
  /** Companies the person is a company admin of, sorted. */
  adminOf: string[];
  platformRoles: PlatformRole[];
  consents: PersonDocument['consents'];
}

/** The viewer a person's directory document makes (unknown or erased: no company, no role, no consent). */
export function viewerOf(personId: string, doc: Pick<PersonDocument, 'companies' | 'platformRoles' | 'consents' | 'erased'> | null): DirectoryViewer {
  if (!doc || doc.erased) return { personId, companyIds: [], adminOf: [], platformRoles: [], consents: blank().consents };
  const companies = Object.entries(doc.companies ?? {});
  return {
    personId,
    companyIds: companies.map(([id]) => id).sort(),
    adminOf: companies.filter(([, role]) => role === 'company_admin').map(([id]) => id).sort(),
    platformRoles: doc.platformRoles ?? [],
    consents: doc.consents ?? blank().consents,
  };
}
