import type { EventStore } from '@opn/kernel';
import { rebuildProjection } from '@opn/projections';
import { MONGO, RAW_EVENT_STORE } from '@opn/service-kit';
import { ServiceSweepDeclaration, SweepFixture, describeServiceSweeps, eventually } from '@opn/testing';
import type { Connection } from 'mongoose';
import { recommendationsService } from '../../services/recommendations/test/recommendations-service';
import { Member, TestCompany, bearer, confirmTie, declareTie } from '../support/network';
import { TerritoriesWorld, coordinatorOf, createTerritory, firm, geographic, sirenOf, startTerritoriesWorld } from '../territories/support';
import { brokers, relate, untilRecoKnows } from './support';

interface RecoFixture extends SweepFixture {
  alice: Member;
  bob: Member;
  carol: Member;
  coordinator: Member;
  C: TestCompany;
}

const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/**
 * Recommendations declared to the shared sweeps (libs/testing/src/sweeps): every operation of its
 * OpenAPI document classified. Tenant A = Alpha (alice, its admin, is the owner), with a need,
 * introductions alice asked through bob (who brokers) to carol of Gamma, and a territory whose
 * coordinator sees its weaving queue. The outsider is the admin of a firm of their own, tied to
 * nobody. The world is built once; each step that consumes an introduction gets a fresh one.
 */
function recommendationsSweeps(w: TerritoriesWorld): ServiceSweepDeclaration<RecoFixture> {
  const http = () => w.n.recommendations!.http();
  let base: RecoFixture | undefined;
  /** A fresh pending introduction alice asks to carol through bob (her earlier pending one withdrawn first). */
  const fresh = async (f: RecoFixture): Promise<string> => {
    const pending = (await http().get('/introductions').query({ role: 'requester', status: 'pending', limit: 100 }).set(bearer(f.alice.token)).expect(200)).body.items as Array<{ introductionId: string }>;
    for (const p of pending) await http().post(`/introductions/${p.introductionId}/withdraw`).set(bearer(f.alice.token)).expect(200);
    return (await http().post('/introductions').set(bearer(f.alice.token)).send(introduction(f)).expect(201)).body.introductionId as string;
  };
  const introduction = (f: RecoFixture) => ({ targetCompanyId: f.C.companyId, targetPersonId: f.carol.personId, brokerIds: [f.bob.personId], note: 'Pour un projet' });
  const build = async (): Promise<RecoFixture> => {
    await untilRecoKnows(http, w.admin, (b) => b.platformRoles?.includes('platform_admin'));
    const A = await firm(w, { legalName: 'Sweep Alpha' });
    const B = await firm(w, { legalName: 'Sweep Beta', description: 'Peinture industrielle', capabilities: ['thermolaquage'] });
    const C = await firm(w, { legalName: 'Sweep Gamma', description: 'Precision milling', capabilities: ['CNC milling'] });
    const O = await firm(w, { legalName: 'Sweep Outsider' });
    const [alice, bob, carol] = [A.admin, B.admin, C.admin];
    await brokers(w.n, bob);
    await relate(w.n, A, B);
    await relate(w.n, B, C);
    await confirmTie(w.n, bob, await declareTie(w.n, alice, bob, { kinds: ['classmates'], strength: 4, visibility: 'members' }), 'members');
    await confirmTie(w.n, carol, await declareTie(w.n, bob, carol, { kinds: ['hobby'], strength: 5, visibility: 'members' }), 'members');
    const needId = (
      await w.n.relations
        .http()
        .post(`/companies/${A.companyId}/needs`)
        .set(bearer(alice.token))
        .send({ title: 'Fraisage de pièces', description: 'Petite série', capabilities: ['fraisage'], territory: ['69'], deadline: inAMonth(), budgetBand: 'lt_10k', visibility: 'members' })
        .expect(201)
    ).body.needId as string;
    const T = await createTerritory(w, geographic('Sweep territory'));
    const coordinator = await coordinatorOf(w, T);
    const csv = ['siren,name', ...(await Promise.all([A, B, C].map(async (c) => `${await sirenOf(w, c)},x`)))].join('\n');
    const job = await w.http().post(`/territories/${T}/imports`).set(bearer(coordinator.token)).send({ csv }).expect(202);
    await eventually(async () => (await w.http().get(job.headers.location).set(bearer(coordinator.token))).body.state === 'done', { what: 'the import', timeoutMs: 60_000 });
    await untilRecoKnows(http, bob, (b) => b.brokersIntroductions === true, 30_000);
    await eventually(async () => (await http().get(`/needs/${needId}/partners`).set(bearer(alice.token))).status === 200, { what: 'recommendations to know the need', timeoutMs: 30_000 });
    await eventually(async () => (await http().get(`/territories/${T}/weaving-queue`).set(bearer(coordinator.token))).status === 200, { what: 'recommendations to know the coordinator', timeoutMs: 30_000 });
    await eventually(async () => (await http().get('/me/warm-paths').query({ companyId: C.companyId }).set(bearer(alice.token))).body.total > 0, { what: 'a warm path', timeoutMs: 30_000 });
    const f: RecoFixture = { alice, bob, carol, coordinator, C, owner: alice.token, outsider: O.admin.token, admin: w.admin.token, params: { needId, companyId: A.companyId, territoryId: T } };
    f.params.introductionId = await fresh(f);
    return f;
  };

  return {
    service: 'recommendations',
    app: w.n.recommendations!.app,
    kit: { store: w.n.recommendations!.app.get<EventStore>(RAW_EVENT_STORE), mongo: w.n.recommendations!.app.get<Connection>(MONGO), rebuildProjection },
    projections: recommendationsService.projections,
    fixture: async () => (base ??= await build()),
    operations: {
      'GET /health': { access: 'public' },
      'GET /health/live': { access: 'public' },
      'GET /health/ready': { access: 'public' },
      'GET /metrics': { access: 'public' },
      'GET /me': { access: 'self' },
      'GET /me/suggestions': { access: 'self', request: () => ({ query: { mode: 'bridging' } }) },
      'GET /me/warm-paths': { access: 'self', request: (f) => ({ query: { companyId: f.C.companyId } }) },
      'GET /partners': { access: 'signed-in', request: () => ({ query: { q: 'fraisage cnc', sizeBand: '10-49' } }) },
      'GET /needs/{needId}/partners': { access: 'tenant', ids: ['needId'], request: () => ({ query: { lat: '45.76', lon: '4.83', radiusKm: '50' } }) },
      'GET /companies/{companyId}/suggestions': { access: 'tenant', ids: ['companyId'], request: () => ({ query: { mode: 'accurate' } }) },
      'GET /territories/{territoryId}/weaving-queue': { access: 'tenant', ids: ['territoryId'], request: (f) => ({ token: f.coordinator.token }) },
      'POST /introductions': {
        access: 'signed-in',
        request: async (f) => {
          await fresh(f).then((id) => http().post(`/introductions/${id}/withdraw`).set(bearer(f.alice.token)).expect(200));
          return { body: introduction(f) };
        },
      },
      'GET /introductions': { access: 'self', request: () => ({ query: { role: 'requester', status: 'pending' } }) },
      'GET /introductions/{introductionId}': { access: 'tenant', ids: ['introductionId'] },
      'POST /introductions/{introductionId}/accept': { access: 'tenant', ids: ['introductionId'], request: async (f) => ({ token: f.bob.token, params: { introductionId: await fresh(f) } }) },
      'POST /introductions/{introductionId}/decline': { access: 'tenant', ids: ['introductionId'], request: async (f) => ({ token: f.bob.token, params: { introductionId: await fresh(f) }, body: { reason: 'Pas maintenant' } }) },
      'POST /introductions/{introductionId}/withdraw': { access: 'tenant', ids: ['introductionId'], request: async (f) => ({ params: { introductionId: await fresh(f) } }) },
    },
    fuzz: { perOperation: 40, maxSeconds: 120 },
  };
}

describeServiceSweeps('recommendations', {
  start: () => startTerritoriesWorld({}, undefined, { recommendations: {} }),
  declare: recommendationsSweeps,
});
