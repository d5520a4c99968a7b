import type { EventStore } from '@opn/kernel';
import { rebuildProjection } from '@opn/projections';
import { MONGO, RAW_EVENT_STORE } from '@opn/service-kit';
import { OperationDeclaration, ServiceSweepDeclaration, SweepFixture, describeServiceSweeps, eventually } from '@opn/testing';
import type { Connection } from 'mongoose';
import { uniqueEmail } from '../../services/identity/test/identity-app';
import { relationsService } from '../../services/relations/test/relations-service';
import { TestCompany, TestNetwork, bearer, company, confirmTie, declareTie, person, startNetwork } from '../support/network';

const ADMIN_EMAIL = uniqueEmail('relations-sweep-admin');

interface RelationsFixture extends SweepFixture {
  a: TestCompany;
}

const PARIS = { address: { line1: '1 rue de Rivoli', postalCode: '75001', city: 'Paris', country: 'FR' } };
const tomorrowPlus = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);
/** A need visible to the companies of the Rhône only (tenant A is in Lyon, the outsider in Paris). */
const needBody = () => ({ title: 'Usinage de pièces', description: 'Petite série', capabilities: ['usinage cnc'], territory: ['69'], deadline: tomorrowPlus(30), budgetBand: 'lt_10k', visibility: 'territory' });

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
  const freshNeed = async (a: TestCompany) => (await http().post(`/companies/${a.companyId}/needs`).set(bearer(a.admin.token)).send(needBody()).expect(201)).body.needId as string;
  /** A new company of the Rhône interested in A's need. */
  const interested = async (needId: string) => {
    const d = await company(n, { legalName: 'Sweep interested' });
    await http().post(`/needs/${needId}/interests`).set(bearer(d.admin.token)).send({ companyId: d.companyId, message: 'count on us' }).expect(201);
    return d;
  };
  const reportOn = async (needId: string, token: string) =>
    (await http().post(`/needs/${needId}/reports`).set(bearer(token)).send({ target: { kind: 'need' }, reason: 'looks like spam' }).expect(201)).body.reportId as string;
  /** A tie of A's admin in a given state, with a fresh person (every control request consumes one). */
  const tieOfOwner = async (a: TestCompany, state: 'received' | 'sent' | 'confirmed') => {
    const other = (await company(n, { legalName: 'Sweep acquaintance' })).admin;
    if (state === 'sent') return { params: { tieId: await declareTie(n, a.admin, other, { kinds: ['hobby'], strength: 2, visibility: 'private' }) } };
    const tieId = await declareTie(n, other, a.admin, { kinds: ['classmates'], strength: 3, visibility: 'members' });
    if (state === 'confirmed') await confirmTie(n, a.admin, tieId, 'members');
    return { params: { tieId } };
  };
  const onTieOfOwner = (state: Parameters<typeof tieOfOwner>[1], body: object): OperationDeclaration<RelationsFixture> => ({
    access: 'tenant',
    ids: ['tieId'],
    request: async (f) => ({ ...(await tieOfOwner(f.a, state)), body }),
  });
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
      const outsider = await company(n, { legalName: 'Outsider C', ...PARIS });
      const needId = await freshNeed(a);
      const admin = await platformAdmin();
      const tieId = await declareTie(n, b.admin, a.admin, { kinds: ['former_colleagues'], strength: 4, visibility: 'private', note: 'Airbus 2015' });
      await confirmTie(n, a.admin, tieId, 'private');
      const reportId = await reportOn(needId, a.admin.token);
      return { a, owner: a.admin.token, outsider: outsider.admin.token, admin, params: { companyId: a.companyId, relationId, needId, reportId, partnerCompanyId: a.companyId, tieId, personId: a.admin.personId, departement: '69' } };
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
      'POST /ties': {
        access: 'signed-in',
        request: async () => ({ body: { otherPersonId: (await company(n, { legalName: 'Sweep acquaintance' })).admin.personId, kinds: ['association'], strength: 2, visibility: 'private', note: 'Rotary' } }),
      },
      'POST /ties/{tieId}/confirm': onTieOfOwner('received', { visibility: 'company' }),
      'POST /ties/{tieId}/decline': onTieOfOwner('received', {}),
      'POST /ties/{tieId}/end': onTieOfOwner('sent', {}),
      'POST /ties/{tieId}/contact': onTieOfOwner('confirmed', { on: today() }),
      'PATCH /ties/{tieId}': onTieOfOwner('confirmed', { kinds: ['classmates', 'hobby'], strength: 5 }),
      'PUT /ties/{tieId}/visibility': onTieOfOwner('confirmed', { visibility: 'territory' }),
      'GET /ties/{tieId}': { access: 'tenant', ids: ['tieId'] },
      'GET /ties/{tieId}/history': { access: 'tenant', ids: ['tieId'] },
      'GET /me/ties': { access: 'self', request: () => ({ query: { status: 'confirmed' } }) },
      'GET /people/{personId}/ties': { access: 'open', ids: ['personId'], because: "a person's ties that both people made visible to members are open to every signed-in member; the rest never shows (ties.e2e.spec.ts)" },
      'GET /companies/{companyId}/reach': { access: 'tenant', ids: ['companyId'] },
      // Coordinators and platform admins only; anyone else gets the 404 of an unknown territory.
      'GET /territories/{departement}/reach': { access: 'signed-in', request: (f) => ({ token: f.admin }) },
      'POST /companies/{companyId}/needs': { access: 'tenant', ids: ['companyId'], request: () => ({ body: needBody() }) },
      'GET /companies/{companyId}/needs': { access: 'tenant', ids: ['companyId'] },
      'GET /needs': { access: 'signed-in', request: () => ({ query: { capability: 'usinage cnc', departement: '69' } }) },
      'GET /needs/{needId}': { access: 'tenant', ids: ['needId'] },
      'GET /needs/{needId}/history': { access: 'tenant', ids: ['needId'] },
      'POST /needs/{needId}/interests': {
        access: 'tenant',
        ids: ['needId'],
        request: async () => {
          const d = await company(n, { legalName: 'Sweep interested' });
          return { token: d.admin.token, body: { companyId: d.companyId, message: 'count on us' } };
        },
      },
      'DELETE /needs/{needId}/interests/{companyId}': {
        access: 'tenant',
        ids: ['needId', 'companyId'],
        request: async (f) => {
          const d = await interested(f.params.needId);
          return { token: d.admin.token, params: { companyId: d.companyId } };
        },
      },
      'POST /needs/{needId}/shortlist': {
        access: 'tenant',
        ids: ['needId'],
        request: async (f) => ({ body: { companyId: f.a.companyId, partnerCompanyId: (await interested(f.params.needId)).companyId } }),
      },
      'DELETE /needs/{needId}/shortlist/{partnerCompanyId}': {
        access: 'tenant',
        ids: ['needId', 'partnerCompanyId'],
        request: async (f) => {
          const d = await interested(f.params.needId);
          await http().post(`/needs/${f.params.needId}/shortlist`).set(bearer(f.owner)).send({ companyId: f.a.companyId, partnerCompanyId: d.companyId }).expect(200);
          return { params: { partnerCompanyId: d.companyId }, query: { companyId: f.a.companyId } };
        },
      },
      'POST /needs/{needId}/introductions': {
        access: 'tenant',
        ids: ['needId'],
        // The owner knows both sides: a member of A, with a confirmed tie to the partner's admin.
        request: async (f) => {
          const partner = await company(n, { legalName: 'Sweep introduced' });
          await confirmTie(n, f.a.admin, await declareTie(n, partner.admin, f.a.admin, { kinds: ['partner'], strength: 3, visibility: 'private' }), 'private');
          return { body: { partnerCompanyId: partner.companyId, via: 'person', note: 'they know the job' } };
        },
      },
      'POST /needs/{needId}/meetings': {
        access: 'tenant',
        ids: ['needId'],
        request: async (f) => ({ body: { companyId: f.a.companyId, partnerCompanyId: (await interested(f.params.needId)).companyId, on: today(), note: 'first call' } }),
      },
      'POST /needs/{needId}/outcome': {
        access: 'tenant',
        ids: ['needId'],
        request: async (f) => ({ params: { needId: await freshNeed(f.a) }, body: { companyId: f.a.companyId, outcome: { kind: 'no_deal', reason: 'budget' } } }),
      },
      'POST /needs/{needId}/reports': { access: 'tenant', ids: ['needId'], request: () => ({ body: { target: { kind: 'need' }, reason: 'looks like spam' } }) },
      // Moderators only; anyone else gets the 404 of an unknown need or report.
      'POST /needs/{needId}/restore': {
        access: 'tenant',
        ids: ['needId'],
        request: async (f) => {
          const needId = await freshNeed(f.a);
          await http().post(`/moderation/reports/${await reportOn(needId, f.owner)}/hide`).set(bearer(f.admin!)).send({ reason: 'spam' }).expect(200);
          return { token: f.admin, params: { needId }, body: { target: { kind: 'need' }, reason: 'not spam after all' } };
        },
      },
      'GET /moderation/reports': { access: 'signed-in', request: (f) => ({ token: f.admin, query: { status: 'open' } }) },
      'POST /moderation/reports/{reportId}/hide': {
        access: 'tenant',
        ids: ['reportId'],
        request: async (f) => ({ token: f.admin, params: { reportId: await reportOn(await freshNeed(f.a), f.owner) }, body: { reason: 'spam' } }),
      },
      'POST /moderation/reports/{reportId}/dismiss': {
        access: 'tenant',
        ids: ['reportId'],
        request: async (f) => ({ token: f.admin, params: { reportId: await reportOn(await freshNeed(f.a), f.owner) }, body: { reason: 'fine' } }),
      },
    },
    fuzz: { perOperation: 60, maxSeconds: 120 },
  };
}

describeServiceSweeps('relations', {
  start: () => startNetwork({ identity: { PLATFORM_ADMIN_EMAILS: ADMIN_EMAIL } }),
  declare: relationsSweeps,
});
