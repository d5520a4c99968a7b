import { wireName } from '@opn/contracts';
import { CompanyMemberJoinedV1, CompanyMemberLeftV1, CompanyMemberRoleChangedV1, CompanyProfileUpdatedV1, CompanyRegisteredV1, ConsentChangedV1, PersonErasedV1, PlatformRoleChangedV1 } from '@opn/identity-contracts';
import type { ProjectedEvent } from '@opn/projections';
import { companiesProjection } from './companies.projection';
import { PersonDocument, peopleProjection } from './people.projection';

let position = 0;
const event = <D>(contract: { type: string; version: number }, data: D, subject: string): ProjectedEvent<D> => ({
  id: `e${++position}`,
  type: wireName(contract.type, contract.version),
  version: contract.version,
  data,
  position,
  subject,
  occurredAt: '2026-11-30T10:00:00.000Z',
});

/** Folds events the way the Kafka projector does: one document per id, as each projection names it. */
function fold<Doc extends object>(projection: { documentId: (e: ProjectedEvent) => string | undefined; apply: (d: Doc | null, e: ProjectedEvent) => Doc | null }, events: ProjectedEvent[]) {
  const docs = new Map<string, Doc>();
  for (const e of events) {
    const id = projection.documentId(e)!;
    const next = projection.apply(docs.get(id) ?? null, e);
    if (next) docs.set(id, next);
    else docs.delete(id);
  }
  return docs;
}

const at = '2026-11-30T10:00:00.000Z';
const A = 'company-a';
const p1 = 'person-1';
const registered = event(
  CompanyRegisteredV1,
  {
    companyId: A,
    legalName: 'Atelier',
    siren: '732829320',
    nafCode: '25.62B',
    sizeBand: '10-49',
    address: { line1: '1 rue', postalCode: '69002', city: 'Lyon', country: 'FR' },
    description: '',
    capabilities: [],
    offers: [],
    registeredAt: at,
  },
  A,
);
const joined = event(CompanyMemberJoinedV1, { companyId: A, personId: p1, role: 'company_admin' as const, joinedAt: at }, A);

describe("relations' read model of identity's people", () => {
  it('follows memberships, roles, platform roles and the consents relations honours', () => {
    const docs = fold<PersonDocument>(peopleProjection, [
      joined,
      event(CompanyMemberRoleChangedV1, { companyId: A, personId: p1, role: 'member' as const, changedAt: at }, A),
      event(CompanyMemberJoinedV1, { companyId: 'company-b', personId: p1, role: 'member' as const, joinedAt: at }, 'company-b'),
      event(PlatformRoleChangedV1, { personId: p1, role: 'territory_coordinator' as const, granted: true, changedAt: at }, p1),
      event(ConsentChangedV1, { personId: p1, purpose: 'personal_ties' as const, granted: true, changedAt: at }, p1),
      event(ConsentChangedV1, { personId: p1, purpose: 'marketing_emails' as const, granted: true, changedAt: at }, p1),
      event(CompanyMemberLeftV1, { companyId: 'company-b', personId: p1, reason: 'removed' as const, leftAt: at }, 'company-b'),
    ]);
    expect(docs.get(p1)).toEqual({ companies: { [A]: 'member' }, platformRoles: ['territory_coordinator'], consents: { personal_ties: true, warm_introductions: false }, erased: false });
  });

  it('forgets everything about an erased person and grants nothing afterwards', () => {
    const docs = fold<PersonDocument>(peopleProjection, [
      joined,
      event(PersonErasedV1, { personId: p1, erasedAt: at }, p1),
      event(CompanyMemberJoinedV1, { companyId: 'company-c', personId: p1, role: 'company_admin' as const, joinedAt: at }, 'company-c'),
      event(PlatformRoleChangedV1, { personId: p1, role: 'platform_admin' as const, granted: true, changedAt: at }, p1),
    ]);
    expect(docs.get(p1)).toEqual({ companies: {}, platformRoles: [], consents: { personal_ties: false, warm_introductions: false }, erased: true });
  });
});

describe("relations' read model of identity's companies", () => {
  it('keeps name, sector, size, département and members', () => {
    const docs = fold(companiesProjection, [
      registered,
      joined,
      event(CompanyProfileUpdatedV1, { companyId: A, changes: { nafCode: '62.01Z', address: { line1: '2 rue', postalCode: '20200', city: 'Bastia', country: 'FR' } }, updatedAt: at }, A),
      event(CompanyMemberJoinedV1, { companyId: A, personId: 'person-2', role: 'member' as const, joinedAt: at }, A),
      event(CompanyMemberLeftV1, { companyId: A, personId: p1, reason: 'left' as const, leftAt: at }, A),
    ]);
    expect(docs.get(A)).toEqual({ legalName: 'Atelier', nafCode: '62.01Z', sector: '62', sizeBand: '10-49', departement: '2B', members: { 'person-2': 'member' } });
  });
});
