import type { EventStore } from '@opn/kernel';
import { rebuildProjection } from '@opn/projections';
import { MONGO, RAW_EVENT_STORE } from '@opn/service-kit';
import { OperationDeclaration, ServiceSweepDeclaration, SweepFixture, describeServiceSweeps, eventually } from '@opn/testing';
import type { Connection } from 'mongoose';
import { signUp, uniqueEmail, uniqueSiren } from '../../services/identity/test/identity-app';
import { territoriesService } from '../../services/territories/test/territories-service';
import { Member, TestCompany, TestNetwork, bearer, person, startNetwork } from '../support/network';
import { TerritoriesWorld, coordinatorOf, createTerritory, firm, geographic } from './support';

const ADMIN_EMAIL = uniqueEmail('territories-sweep-admin');
const nextYear = () => `${new Date().getUTCFullYear() + 1}-12-31`;

interface TerritoriesFixture extends SweepFixture {
  a: TestCompany;
  coordinator: Member;
}

/**
 * Territories declared to the shared sweeps (libs/testing/src/sweeps): every operation of its
 * OpenAPI document classified. Tenant A = territory T with its coordinator (the owner) and firm A,
 * an applicant of T (the owner of the firm's own operations, with its admin's token). The outsider
 * is both the coordinator of another territory and the admin of another firm. A platform admin
 * creates territories and appoints coordinators.
 */
function territoriesSweeps(n: TestNetwork): ServiceSweepDeclaration<TerritoriesFixture> {
  let world: TerritoriesWorld | undefined;
  const w = async (): Promise<TerritoriesWorld> => {
    if (world) return world;
    const signed = await signUp(n.identity, ADMIN_EMAIL, 'Sweep Admin');
    const admin = { personId: signed.personId, email: signed.email, token: signed.token };
    world = { n, admin, http: () => n.territories!.http(), close: async () => undefined };
    await eventually(async () => (await world!.http().get('/me').set(bearer(admin.token))).body.platformRoles?.includes('platform_admin'), { what: 'territories to know the admin', timeoutMs: 30_000 });
    return world;
  };
  const http = () => n.territories!.http();
  const sirenOf = async (c: TestCompany) => (await n.identity.http().get(`/companies/${c.companyId}`).set(bearer(c.admin.token)).expect(200)).body.siren as string;
  /** A fresh territory coordinated by the fixture's coordinator. */
  const freshTerritory = async (f: TerritoriesFixture) => {
    const world = await w();
    const id = await createTerritory(world, geographic('Sweep territory'));
    await http().put(`/territories/${id}/coordinators/${f.coordinator.personId}`).set(bearer(world.admin.token)).expect(200);
    return id;
  };
  /** A new firm that applied to T (and more steps), for the coordinators' steps on a member. */
  const applicant = async (f: TerritoriesFixture, state: 'applied' | 'info_requested' | 'admitted') => {
    const siren = uniqueSiren();
    const c = await firm(await w(), { legalName: 'Sweep applicant', siren });
    await http().post(`/companies/${c.companyId}/memberships`).set(bearer(c.admin.token)).send({ territoryId: f.params.territoryId }).expect(201);
    if (state === 'info_requested') await http().post(`/territories/${f.params.territoryId}/members/${siren}/request-information`).set(bearer(f.owner)).send({ question: 'Effectif ?' }).expect(200);
    if (state === 'admitted') await http().post(`/territories/${f.params.territoryId}/members/${siren}/admit`).set(bearer(f.owner)).send({ validUntil: nextYear() }).expect(200);
    return { params: { siren } };
  };
  const onMember = (state: Parameters<typeof applicant>[1], body: object): OperationDeclaration<TerritoriesFixture> => ({
    access: 'tenant',
    ids: ['territoryId', 'siren'],
    request: async (f) => ({ ...(await applicant(f, state)), body }),
  });
  /** Firm A in a fresh territory, in a given state, for the firm's own steps. */
  const firmIn = async (f: TerritoriesFixture, state: 'applied' | 'invited' | 'info_requested' | 'admitted') => {
    const territoryId = await freshTerritory(f);
    const siren = f.params.siren;
    if (state === 'invited') await http().post(`/territories/${territoryId}/invitations`).set(bearer(f.coordinator.token)).send({ siren }).expect(201);
    else await http().post(`/companies/${f.a.companyId}/memberships`).set(bearer(f.a.admin.token)).send({ territoryId }).expect(201);
    if (state === 'info_requested') await http().post(`/territories/${territoryId}/members/${siren}/request-information`).set(bearer(f.coordinator.token)).send({ question: 'Effectif ?' }).expect(200);
    if (state === 'admitted') await http().post(`/territories/${territoryId}/members/${siren}/admit`).set(bearer(f.coordinator.token)).send({}).expect(200);
    return { token: f.a.admin.token, params: { territoryId } };
  };
  const onFirm = (state: Parameters<typeof firmIn>[1], body: object): OperationDeclaration<TerritoriesFixture> => ({
    access: 'tenant',
    ids: ['companyId', 'territoryId'],
    request: async (f) => ({ ...(await firmIn(f, state)), body }),
  });
  const coordinators: OperationDeclaration<TerritoriesFixture> = { access: 'tenant', ids: ['territoryId'] };

  return {
    service: 'territories',
    app: n.territories!.app,
    kit: { store: n.territories!.app.get<EventStore>(RAW_EVENT_STORE), mongo: n.territories!.app.get<Connection>(MONGO), rebuildProjection },
    projections: territoriesService.projections,
    fixture: async () => {
      const world = await w();
      const T = await createTerritory(world, geographic('Tenant territory'));
      const coordinator = await coordinatorOf(world, T, 'Sweep coordinator');
      const outsiderFirm = await firm(world, { legalName: 'Outsider firm' });
      const other = await createTerritory(world, geographic('Other territory', ['38']));
      await http().put(`/territories/${other}/coordinators/${outsiderFirm.admin.personId}`).set(bearer(world.admin.token)).expect(200);
      const a = await firm(world, { legalName: 'Tenant firm A' });
      const siren = await sirenOf(a);
      await http().post(`/companies/${a.companyId}/memberships`).set(bearer(a.admin.token)).send({ territoryId: T }).expect(201);
      const job = await http().post(`/territories/${T}/imports`).set(bearer(coordinator.token)).send({ csv: `siren,name,contact\n${uniqueSiren()},Imported,contact@imported.fr\n` }).expect(202);
      const someone = await person(n, 'Future coordinator', { tiesConsent: false });
      return {
        a,
        coordinator,
        owner: coordinator.token,
        outsider: outsiderFirm.admin.token,
        admin: world.admin.token,
        params: { territoryId: T, companyId: a.companyId, siren, importId: job.body.importId, personId: someone.personId },
      };
    },
    operations: {
      'GET /health': { access: 'public' },
      'GET /health/live': { access: 'public' },
      'GET /health/ready': { access: 'public' },
      'GET /metrics': { access: 'public' },
      'GET /me': { access: 'self' },
      'GET /me/territories': { access: 'self' },
      // Top-level territories: platform admins (403 to anyone else); nested ones: coordinators of the parent (404 to others).
      'POST /territories': { access: 'signed-in', request: (f) => ({ token: f.admin, body: geographic('Sweep created') }) },
      'GET /territories': { access: 'signed-in', request: () => ({ query: { kind: 'geographic', covers: '69' } }) },
      'GET /territories/{territoryId}': { access: 'open', ids: ['territoryId'], because: 'the catalogue of territories is public to signed-in users, so firms can find where to apply; coordinators, alerts and nested territories show to coordinators only' },
      'PATCH /territories/{territoryId}': { ...coordinators, request: () => ({ body: { description: 'Les industriels du Rhône' } }) },
      'PUT /territories/{territoryId}/coordinators/{personId}': {
        access: 'tenant',
        ids: ['territoryId'],
        request: async (f) => ({ token: f.admin, params: { personId: (await person(n, 'Another coordinator', { tiesConsent: false })).personId } }),
      },
      'DELETE /territories/{territoryId}/coordinators/{personId}': {
        access: 'tenant',
        ids: ['territoryId'],
        request: async (f) => {
          const p = await person(n, 'Short-lived coordinator', { tiesConsent: false });
          await eventually(async () => (await http().put(`/territories/${f.params.territoryId}/coordinators/${p.personId}`).set(bearer(f.admin!))).status === 200, { what: 'an appointment', timeoutMs: 30_000 });
          return { token: f.admin, params: { personId: p.personId } };
        },
      },
      'PUT /territories/{territoryId}/alert-settings': { ...coordinators, request: () => ({ body: { eiThreshold: -0.4, periodMonths: 4 } }) },
      'GET /territories/{territoryId}/history': coordinators,
      'GET /territories/{territoryId}/members': { ...coordinators, request: () => ({ query: { status: 'pending' } }) },
      'POST /territories/{territoryId}/invitations': { ...coordinators, request: () => ({ body: { siren: uniqueSiren(), message: 'Bienvenue' } }) },
      'GET /territories/{territoryId}/members/{siren}': { access: 'tenant', ids: ['territoryId', 'siren'] },
      'GET /territories/{territoryId}/members/{siren}/history': { access: 'tenant', ids: ['territoryId', 'siren'] },
      'DELETE /territories/{territoryId}/members/{siren}/contact': { access: 'tenant', ids: ['territoryId', 'siren'] },
      'POST /territories/{territoryId}/members/{siren}/request-information': onMember('applied', { question: 'Combien de salariés ?' }),
      'POST /territories/{territoryId}/members/{siren}/admit': onMember('info_requested', { validUntil: nextYear(), groups: ['mécanique'] }),
      'POST /territories/{territoryId}/members/{siren}/refuse': onMember('applied', { reason: 'hors périmètre' }),
      'POST /territories/{territoryId}/members/{siren}/renew': onMember('admitted', { validUntil: `${new Date().getUTCFullYear() + 3}-06-30` }),
      'POST /territories/{territoryId}/members/{siren}/exit': onMember('admitted', { reason: 'fin' }),
      'PUT /territories/{territoryId}/members/{siren}/groups': onMember('admitted', { groups: ['export'] }),
      'POST /territories/{territoryId}/imports': { ...coordinators, request: () => ({ body: { csv: `siren,name\n${uniqueSiren()},Firme\n`, dryRun: true } }) },
      'GET /territories/{territoryId}/imports/{importId}': { access: 'tenant', ids: ['territoryId', 'importId'] },
      'GET /territories/{territoryId}/dashboard': { ...coordinators, request: () => ({ query: { brokersBy: 'town' } }) },
      'GET /territories/{territoryId}/alerts': coordinators,
      'GET /territories/{territoryId}/network/firms': { ...coordinators, request: () => ({ query: { sort: 'degree' } }) },
      'GET /territories/{territoryId}/dashboard.csv': coordinators,
      'GET /territories/{territoryId}/network.gexf': coordinators,
      'GET /territories/{territoryId}/network.graphml': coordinators,
      'POST /companies/{companyId}/memberships': {
        access: 'tenant',
        ids: ['companyId'],
        request: async (f) => ({ token: f.a.admin.token, body: { territoryId: await freshTerritory(f), message: 'Candidature' } }),
      },
      'GET /companies/{companyId}/memberships': { access: 'tenant', ids: ['companyId'], request: (f) => ({ token: f.a.admin.token }) },
      'GET /companies/{companyId}/memberships/{territoryId}': { access: 'tenant', ids: ['companyId', 'territoryId'], request: (f) => ({ token: f.a.admin.token }) },
      'POST /companies/{companyId}/memberships/{territoryId}/withdraw': onFirm('applied', {}),
      'POST /companies/{companyId}/memberships/{territoryId}/accept': onFirm('invited', {}),
      'POST /companies/{companyId}/memberships/{territoryId}/decline': onFirm('invited', { reason: 'pas maintenant' }),
      'POST /companies/{companyId}/memberships/{territoryId}/information': onFirm('info_requested', { answer: '42 salariés' }),
      'POST /companies/{companyId}/memberships/{territoryId}/exit': onFirm('admitted', { reason: 'cessation' }),
    },
    fuzz: { perOperation: 40, maxSeconds: 120 },
  };
}

describeServiceSweeps('territories', {
  start: () => startNetwork({ identity: { PLATFORM_ADMIN_EMAILS: ADMIN_EMAIL }, territories: {} }),
  declare: territoriesSweeps,
});
