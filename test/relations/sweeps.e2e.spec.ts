import type { EventStore } from '@opn/kernel';
import { rebuildProjection } from '@opn/projections';
import { MONGO, RAW_EVENT_STORE } from '@opn/service-kit';
import { OperationDeclaration, ServiceSweepDeclaration, SweepFixture, describeServiceSweeps, eventually } from '@opn/testing';
import type { Connection } from 'mongoose';
import { uniqueEmail } from '../../services/identity/test/identity-app';
import { relationsService } from '../../services/relations/test/relations-service';
import { TestCompany, TestNetwork, bearer, company, person, startNetwork } from '../support/network';

const ADMIN_EMAIL = uniqueEmail('relations-sweep-admin');

interface RelationsFixture extends SweepFixture {
  a: TestCompany;
}

/**
 * Relations declared to the shared sweeps (libs/testing/src/sweeps): every operation of its
 * OpenAPI document classified. Tenant A = a company with its admin (the owner); tenant B = another
 * company's admin (the outsider); a platform admin. Relations learns all three from identity's
 * events, so the fixture waits for them.
 */
function relationsSweeps(n: TestNetwork): ServiceSweepDeclaration<RelationsFixture> {
  const http = () => n.relations.http();
  let admin: string | undefined;
  const platformAdmin = async () => {
    if (admin) return admin;
    const p = await person(n, 'Sweep Admin', { email: ADMIN_EMAIL });
    await eventually(async () => (await http().get('/me/companies').set(bearer(p.token))).body.platformRoles?.includes('platform_admin'), { what: 'relations to know the platform admin', timeoutMs: 30_000 });
    return (admin = p.token);
  };
  /** A relation of A in a given state, with a fresh partner company (every control request consumes one). */
  const relationOfA = async (a: TestCompany, state: 'received' | 'sent' | 'active' | 'suspended') => {
    const partner = await company(n, { legalName: 'Sweep partner' });
    const [from, to] = state === 'sent' ? [a, partner] : [partner, a];
    const relationId = (await http().post(`/companies/${from.companyId}/relations`).set(bearer(from.admin.token)).send({ partnerCompanyId: to.companyId, kind: 'partner' }).expect(201)).body.relationId as string;
    if (state === 'active' || state === 'suspended') await http().post(`/companies/${a.companyId}/relations/${relationId}/confirm`).set(bearer(a.admin.token)).send({}).expect(200);
    if (state === 'suspended') await http().post(`/companies/${a.companyId}/relations/${relationId}/suspend`).set(bearer(a.admin.token)).send({}).expect(200);
    return { params: { companyId: a.companyId, relationId } };
  };
  const onRelationOfA = (state: Parameters<typeof relationOfA>[1], body: object): OperationDeclaration<RelationsFixture> => ({
    access: 'tenant',
    ids: ['companyId', 'relationId'],
    request: async (f) => ({ ...(await relationOfA(f.a, state)), body }),
  });

  return {
    service: 'relations',
    app: n.relations.app,
    kit: { store: n.relations.app.get<EventStore>(RAW_EVENT_STORE), mongo: n.relations.app.get<Connection>(MONGO), rebuildProjection },
    projections: relationsService.projections,
    fixture: async () => {
      const [a, b] = await Promise.all([company(n, { legalName: 'Tenant A' }), company(n, { legalName: 'Tenant B' })]);
      const relationId = (await http().post(`/companies/${b.companyId}/relations`).set(bearer(b.admin.token)).send({ partnerCompanyId: a.companyId, kind: 'client' }).expect(201)).body.relationId;
      await http().post(`/companies/${a.companyId}/relations/${relationId}/confirm`).set(bearer(a.admin.token)).send({}).expect(200);
      const outsider = await company(n, { legalName: 'Outsider C' });
      return { a, owner: a.admin.token, outsider: outsider.admin.token, admin: await platformAdmin(), params: { companyId: a.companyId, relationId } };
    },
    operations: {
      'GET /health': { access: 'public' },
      'GET /health/live': { access: 'public' },
      'GET /health/ready': { access: 'public' },
      'GET /metrics': { access: 'public' },
      'GET /me/companies': { access: 'self' },
      'POST /companies/{companyId}/relations': {
        access: 'tenant',
        ids: ['companyId'],
        request: async () => ({ body: { partnerCompanyId: (await company(n, { legalName: 'Sweep partner' })).companyId, kind: 'supplier', startsOn: '2026-01-01' } }),
      },
      'GET /companies/{companyId}/relations': { access: 'tenant', ids: ['companyId'], request: () => ({ query: { status: 'active' } }) },
      'POST /companies/{companyId}/relations/{relationId}/confirm': onRelationOfA('received', {}),
      'POST /companies/{companyId}/relations/{relationId}/decline': onRelationOfA('received', { reason: 'not now' }),
      'POST /companies/{companyId}/relations/{relationId}/withdraw': onRelationOfA('sent', {}),
      'POST /companies/{companyId}/relations/{relationId}/suspend': onRelationOfA('active', { reason: 'audit' }),
      'POST /companies/{companyId}/relations/{relationId}/resume': onRelationOfA('suspended', {}),
      'POST /companies/{companyId}/relations/{relationId}/end': onRelationOfA('active', { reason: 'over' }),
      'GET /relations/{relationId}': { access: 'tenant', ids: ['relationId'] },
      'GET /relations/{relationId}/history': { access: 'tenant', ids: ['relationId'] },
    },
    fuzz: { perOperation: 60, maxSeconds: 120 },
  };
}

describeServiceSweeps('relations', {
  start: () => startNetwork({ identity: { PLATFORM_ADMIN_EMAILS: ADMIN_EMAIL } }),
  declare: relationsSweeps,
});
