import { randomUUID } from 'node:crypto';
import { rebuildKafkaProjections } from '@opn/projections';
import { MONGO, SERVICE_CONFIG, kafkaConfig } from '@opn/service-kit';
import { connectTestDatabase, eventually } from '@opn/testing';
import type { Connection } from 'mongoose';
import { IntroductionExpiry, NetworkIndex, buildCompanyNetwork, recommendationsService } from '../../services/recommendations/test/recommendations-service';
import { Member, TestCompany, bearer, confirmTie, declareTie } from '../support/network';
import { TerritoriesWorld, coordinatorOf, createTerritory, firm, geographic, sirenOf, startTerritoriesWorld } from '../territories/support';
import { RecoHttp, brokers, relate, untilRecoKnows } from './support';

const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/**
 * Recommendations against the real services: identity, relations and territories publish the
 * network over the real Kafka, recommendations mirrors it and answers from it. Six firms in two
 * clusters joined by one relation (A-B-E and C-D-F, bridged by B-C), personal ties alice-bob and
 * bob-carol shown to members, bob brokering introductions.
 */
describe('recommendations (identity + relations + territories + recommendations, real Kafka and FerretDB)', () => {
  let w: TerritoriesWorld;
  let http: RecoHttp;
  let A: TestCompany, B: TestCompany, C: TestCompany, D: TestCompany, E: TestCompany, F: TestCompany;
  let alice: Member, bob: Member, carol: Member, dave: Member;
  let T: string;
  let coordinator: Member;
  let needId: string;
  /** Recommendations' clock runs this far ahead (the expiry test moves it). */
  let ahead = 0;
  /** The ids of this world's documents in each Kafka-fed collection (other suites publish on the same topics). */
  const mine: Record<string, string[]> = { firms: [], people: [], company_relations: [], ties: [], needs: [], territories: [], territory_memberships: [] };

  beforeAll(async () => {
    w = await startTerritoriesWorld({}, undefined, { recommendations: {}, recommendationsClock: () => new Date(Date.now() + ahead) });
    http = () => w.n.recommendations!.http();
    await untilRecoKnows(http, w.admin, (b) => b.platformRoles?.includes('platform_admin'));
    const lyon = { line1: '1 rue de la Barre', postalCode: '69002', city: 'Lyon', country: 'FR' };
    A = await firm(w, { legalName: 'Alpha Mécanique', nafCode: '25.62B', address: lyon, description: 'Tôlerie et assemblage', capabilities: ['pliage', 'soudure'], offers: ['sous-traitance'] });
    B = await firm(w, {
      legalName: 'Beta Peinture',
      nafCode: '25.61Z',
      address: { line1: '3 rue Balay', postalCode: '42000', city: 'Saint-Étienne', country: 'FR' },
      coordinates: { lat: 45.4397, lon: 4.3872 },
      description: 'Peinture industrielle et thermolaquage',
      capabilities: ['thermolaquage'],
      offers: [],
    });
    C = await firm(w, { legalName: 'Gamma Precision', nafCode: '25.62A', address: lyon, description: 'Precision milling and turning of small batches', capabilities: ['CNC milling'], offers: ['prototypes'] });
    D = await firm(w, { legalName: 'Delta Logiciel', nafCode: '62.01Z', address: lyon, description: 'Développement de logiciels de gestion', capabilities: ['développement web'], offers: [] });
    E = await firm(w, { legalName: 'Epsilon Transport', nafCode: '49.41A', address: lyon, description: 'Transport routier de marchandises', capabilities: ['transport'], offers: [] });
    F = await firm(w, { legalName: 'Zeta Conseil', nafCode: '70.22Z', address: lyon, description: 'Conseil en organisation', capabilities: ['conseil'], offers: [] });
    [alice, bob, carol, dave] = [A.admin, B.admin, C.admin, D.admin];
    await brokers(w.n, bob);
    for (const [x, y] of [
      [A, B],
      [B, C],
      [A, E],
      [B, E],
      [C, D],
      [D, F],
      [C, F],
    ])
      mine.company_relations.push(await relate(w.n, x, y));
    for (const [by, other, kinds, strength] of [
      [alice, bob, ['classmates'], 4],
      [bob, carol, ['hobby'], 5],
    ] as const) {
      const tieId = await declareTie(w.n, by, other, { kinds, strength, visibility: 'members' });
      await confirmTie(w.n, other, tieId, 'members');
      mine.ties.push(tieId);
    }
    T = await createTerritory(w, geographic('Métropole de Lyon'));
    coordinator = await coordinatorOf(w, T);
    const sirens = await Promise.all([A, B, C, D, E, F].map((c) => sirenOf(w, c)));
    const csv = ['siren,name', ...sirens.map((s) => `${s},x`)].join('\n');
    mine.firms.push(...[A, B, C, D, E, F].map((c) => c.companyId));
    mine.people.push(...[A, B, C, D, E, F].map((c) => c.admin.personId), coordinator.personId, w.admin.personId);
    mine.territories.push(T);
    mine.territory_memberships.push(...sirens.map((s) => `${T}:${s}`));
    const job = await w.http().post(`/territories/${T}/imports`).set(bearer(coordinator.token)).send({ csv }).expect(202);
    await eventually(async () => (await w.http().get(job.headers.location).set(bearer(coordinator.token))).body.state === 'done', { what: 'the import', timeoutMs: 60_000 });
    await untilRecoKnows(http, bob, (b) => b.brokersIntroductions === true, 30_000);
  }, 300_000);

  afterAll(() => w?.close());

  it('finds the warm path from alice to Gamma through bob, with the strength and basis of each tie', async () => {
    const paths = await eventually(
      async () => {
        const r = (await http().get('/me/warm-paths').query({ companyId: C.companyId }).set(bearer(alice.token)).expect(200)).body;
        return r.total > 0 ? r : null;
      },
      { what: 'a warm path to Gamma', timeoutMs: 30_000 },
    );
    expect(paths.items[0]).toMatchObject({
      rank: 1,
      strength: 0.8,
      brokerIds: [bob.personId],
      people: [
        { personId: alice.personId, role: 'you', companyIds: [A.companyId] },
        { personId: bob.personId, role: 'broker', companyIds: [B.companyId] },
        { personId: carol.personId, role: 'target', companyIds: [C.companyId] },
      ],
      hops: [
        { from: alice.personId, to: bob.personId, strength: 0.8, kinds: ['classmates'] },
        { from: bob.personId, to: carol.personId, strength: 1, kinds: ['hobby'] },
      ],
    });
    // Nobody brokers between dave and Beta's people: no path (and one's own company is refused).
    expect((await http().get('/me/warm-paths').query({ companyId: B.companyId }).set(bearer(dave.token)).expect(200)).body.total).toBe(0);
    expect((await http().get('/me/warm-paths').query({ companyId: A.companyId }).set(bearer(alice.token)).expect(400)).body.error.code).toBe('validation_failed');
    await http().get('/me/warm-paths').query({ companyId: randomUUID() }).set(bearer(alice.token)).expect(404);
  });

  it('suggests companies to meet with partners in common, in both modes, to the company’s members only', async () => {
    const suggestions = await eventually(
      async () => {
        const r = (await http().get(`/companies/${A.companyId}/suggestions`).set(bearer(alice.token)).expect(200)).body;
        return r.items.some((s: { companyId: string }) => s.companyId === C.companyId) ? r : null;
      },
      { what: 'Gamma suggested to Alpha', timeoutMs: 30_000 },
    );
    const gamma = suggestions.items.find((s: { companyId: string }) => s.companyId === C.companyId);
    expect(gamma.commonPartners).toEqual([{ companyId: B.companyId, legalName: 'Beta Peinture' }]);
    expect(gamma.reasons[0]).toBe('1 partner in common (Beta Peinture)');
    // Already partners: never suggested.
    expect(suggestions.items.map((s: { companyId: string }) => s.companyId)).not.toEqual(expect.arrayContaining([B.companyId]));
    expect(suggestions.items.map((s: { companyId: string }) => s.companyId)).not.toContain(E.companyId);
    const bridging = (await http().get(`/companies/${A.companyId}/suggestions`).query({ mode: 'bridging', limit: 2 }).set(bearer(alice.token)).expect(200)).body;
    expect(bridging).toMatchObject({ page: 1, limit: 2, total: suggestions.total });
    await http().get(`/companies/${A.companyId}/suggestions`).set(bearer(dave.token)).expect(404);
    expect((await http().get(`/companies/${A.companyId}/suggestions`).query({ mode: 'closest' }).set(bearer(alice.token)).expect(400)).body.error.details[0].field).toBe('mode');
  });

  it('suggests people to meet from the ties shown to members', async () => {
    const people = (await http().get('/me/suggestions').set(bearer(alice.token)).expect(200)).body;
    expect(people.items[0]).toMatchObject({ personId: carol.personId, companyIds: [C.companyId], commonContacts: [bob.personId] });
    expect(people.items[0].reasons[0]).toBe('1 contact in common');
  });

  it('ranks partners for a need in French from a profile in English, with reasons, for the publishing company only', async () => {
    needId = (
      await w.n.relations
        .http()
        .post(`/companies/${A.companyId}/needs`)
        .set(bearer(alice.token))
        .send({ title: 'Fraisage de pièces en petite série', description: 'Nous cherchons un atelier pour le fraisage de prototypes', capabilities: ['fraisage'], territory: ['69'], deadline: inAMonth(), budgetBand: 'lt_10k', visibility: 'members' })
        .expect(201)
    ).body.needId as string;
    mine.needs.push(needId);
    const ranked = await eventually(
      async () => {
        const r = await http().get(`/needs/${needId}/partners`).set(bearer(alice.token));
        return r.status === 200 ? r.body : null;
      },
      { what: 'recommendations to know the need', timeoutMs: 30_000 },
    );
    expect(ranked.items[0]).toMatchObject({ rank: 1, companyId: C.companyId, legalName: 'Gamma Precision', engaged: false, commonPartners: 1 });
    expect(ranked.items[0].reasons).toEqual(expect.arrayContaining(['1 partner in common', 'in your territory']));
    expect(ranked.items[0].reasons.join(' | ')).toMatch(/can do «milling», which your need asks for as «Fraisage»/);
    expect(ranked.items.map((i: { companyId: string }) => i.companyId)).not.toContain(A.companyId);
    // Filters: a radius around Saint-Étienne leaves Lyon out; a partial point is refused.
    expect((await http().get(`/needs/${needId}/partners`).query({ lat: 45.4397, lon: 4.3872, radiusKm: 10 }).set(bearer(alice.token)).expect(200)).body.items.map((i: { companyId: string }) => i.companyId)).not.toContain(C.companyId);
    expect((await http().get(`/needs/${needId}/partners`).query({ lat: 45.4397 }).set(bearer(alice.token)).expect(400)).body.error.details[0].field).toBe('radiusKm');
    expect((await http().get(`/needs/${needId}/partners`).query({ territoryId: T }).set(bearer(alice.token)).expect(200)).body.items[0].companyId).toBe(C.companyId);
    await http().get(`/needs/${needId}/partners`).set(bearer(dave.token)).expect(404);
    // A need shown only in the Loire (42) is matched only with firms there: Beta, not Gamma (Lyon) that mills.
    const loire = (
      await w.n.relations
        .http()
        .post(`/companies/${A.companyId}/needs`)
        .set(bearer(alice.token))
        .send({ title: 'Fraisage puis thermolaquage', description: 'Pièces fraisées à peindre', capabilities: ['fraisage', 'thermolaquage'], territory: ['42'], deadline: inAMonth(), budgetBand: 'lt_10k', visibility: 'territory' })
        .expect(201)
    ).body.needId as string;
    const inLoire = await eventually(
      async () => {
        const r = await http().get(`/needs/${loire}/partners`).set(bearer(alice.token));
        return r.status === 200 ? r.body : null;
      },
      { what: 'recommendations to know the Loire need', timeoutMs: 30_000 },
    );
    expect(inLoire.items.map((i: { companyId: string }) => i.companyId)).toEqual([B.companyId]);
    mine.needs.push(loire);
    // Free search, by anyone signed in.
    const found = (await http().get('/partners').query({ q: 'powder coating' }).set(bearer(dave.token)).expect(200)).body;
    expect(found.items[0]).toMatchObject({ companyId: B.companyId });
  });

  it('asks an introduction along the path: bob, then carol, accept; nobody answers out of turn', async () => {
    const asked = await http()
      .post('/introductions')
      .set(bearer(alice.token))
      .send({ targetCompanyId: C.companyId, targetPersonId: carol.personId, brokerIds: [bob.personId], needId, note: 'Pour un projet de fraisage' })
      .expect(201);
    const id = asked.body.introductionId as string;
    expect(asked.body).toMatchObject({ status: 'pending', awaiting: bob.personId, strength: 0.8, note: 'Pour un projet de fraisage', you: 'requester', awaitingYou: false });
    // Double opt-in: carol does not see it before bob passed it on.
    await http().get(`/introductions/${id}`).set(bearer(carol.token)).expect(404);
    await http().post(`/introductions/${id}/accept`).set(bearer(carol.token)).expect(404);
    await http().post(`/introductions/${id}/accept`).set(bearer(dave.token)).expect(404);
    expect((await http().post(`/introductions/${id}/accept`).set(bearer(alice.token)).expect(403)).body.error.message).toMatch(/broker 1/);
    expect((await http().get('/introductions').query({ awaitingMe: 'true' }).set(bearer(bob.token)).expect(200)).body).toMatchObject({ total: 1, items: [{ introductionId: id, you: 'broker', awaitingYou: true, note: 'Pour un projet de fraisage' }] });
    expect((await http().post(`/introductions/${id}/accept`).set(bearer(bob.token)).expect(200)).body).toMatchObject({ status: 'pending', awaiting: carol.personId });
    expect((await http().get('/introductions').query({ role: 'target' }).set(bearer(carol.token)).expect(200)).body.items[0]).toMatchObject({ introductionId: id, awaitingYou: true });
    const made = (await http().post(`/introductions/${id}/accept`).set(bearer(carol.token)).expect(200)).body;
    expect(made).toMatchObject({ status: 'accepted', answers: [{ personId: bob.personId, role: 'broker', answer: 'accepted' }, { personId: carol.personId, role: 'target', answer: 'accepted' }] });
    expect(made).not.toHaveProperty('awaiting');
    await http().post(`/introductions/${id}/decline`).set(bearer(carol.token)).send({}).expect(409);
    // Made for alice's need: relations records Gamma as introduced on it, by bob, and recommendations sees Gamma engaged.
    const need = await eventually(
      async () => {
        const r = (await w.n.relations.http().get(`/needs/${needId}`).set(bearer(alice.token)).expect(200)).body;
        return r.introductions.length ? r : null;
      },
      { what: 'relations to record the introduction on the need', timeoutMs: 30_000 },
    );
    expect(need.introductions).toEqual([expect.objectContaining({ partnerCompanyId: C.companyId, via: 'person', by: bob.personId })]);
    await eventually(async () => (await http().get(`/needs/${needId}/partners`).set(bearer(alice.token)).expect(200)).body.items[0].engaged === true, { what: 'Gamma engaged on the need', timeoutMs: 30_000 });
  });

  it('refuses bad requests with every field named, paths that do not exist, and a second pending request to the same person', async () => {
    const before = (await http().get('/introductions').set(bearer(alice.token)).expect(200)).body.total;
    const bad = await http().post('/introductions').set(bearer(alice.token)).send({ targetCompanyId: 'x', targetPersonId: 3, brokerIds: [], note: 'y'.repeat(1001), extra: true }).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(expect.arrayContaining(['brokerIds', 'note', 'targetCompanyId', 'targetPersonId']));
    // dave is not tied to carol: no such path.
    expect((await http().post('/introductions').set(bearer(alice.token)).send({ targetCompanyId: C.companyId, targetPersonId: carol.personId, brokerIds: [dave.personId] }).expect(409)).body.error.message).toMatch(/no tie between broker 1 and the target|no tie between you and broker 1/);
    // carol is not of Delta.
    expect((await http().post('/introductions').set(bearer(alice.token)).send({ targetCompanyId: D.companyId, targetPersonId: carol.personId, brokerIds: [bob.personId] }).expect(400)).body.error.details).toEqual([{ field: 'targetPersonId', message: 'is not a member of the target company' }]);
    expect((await http().get('/introductions').set(bearer(alice.token)).expect(200)).body.total).toBe(before);
    const again = (await http().post('/introductions').set(bearer(alice.token)).send({ targetCompanyId: C.companyId, targetPersonId: carol.personId, brokerIds: [bob.personId] }).expect(201)).body.introductionId;
    expect((await http().post('/introductions').set(bearer(alice.token)).send({ targetCompanyId: C.companyId, targetPersonId: carol.personId, brokerIds: [bob.personId] }).expect(409)).body.error.message).toMatch(/already asked/);
    expect((await http().post(`/introductions/${again}/withdraw`).set(bearer(alice.token)).expect(200)).body.status).toBe('withdrawn');
    const declined = (await http().post('/introductions').set(bearer(alice.token)).send({ targetCompanyId: C.companyId, targetPersonId: carol.personId, brokerIds: [bob.personId] }).expect(201)).body.introductionId;
    expect((await http().post(`/introductions/${declined}/decline`).set(bearer(bob.token)).send({ reason: 'Pas le moment' }).expect(200)).body).toMatchObject({ status: 'declined', answers: [{ personId: bob.personId, answer: 'declined', reason: 'Pas le moment' }] });
    // The target never saw it.
    await http().get(`/introductions/${declined}`).set(bearer(carol.token)).expect(404);
  });

  it('expires an introduction nobody answered for RECOMMENDATIONS_INTRODUCTION_EXPIRY_DAYS (30) since its last step', async () => {
    const id = (await http().post('/introductions').set(bearer(alice.token)).send({ targetCompanyId: C.companyId, targetPersonId: carol.personId, brokerIds: [bob.personId] }).expect(201)).body.introductionId;
    const expiry = w.n.recommendations!.app.get(IntroductionExpiry);
    ahead = 29 * 86_400_000;
    await expiry.tick();
    expect((await http().get(`/introductions/${id}`).set(bearer(alice.token)).expect(200)).body.status).toBe('pending');
    ahead = 30 * 86_400_000;
    await expiry.tick();
    expect((await http().get(`/introductions/${id}`).set(bearer(alice.token)).expect(200)).body).toMatchObject({ status: 'expired' });
    expect((await http().get('/introductions').query({ status: 'expired' }).set(bearer(bob.token)).expect(200)).body.items.map((i: { introductionId: string }) => i.introductionId)).toEqual([id]);
    await http().post(`/introductions/${id}/accept`).set(bearer(bob.token)).expect(409);
  });

  it("gives the territory's coordinator a weaving queue across its two clusters, and nobody else", async () => {
    const queue = await eventually(
      async () => {
        const r = await http().get(`/territories/${T}/weaving-queue`).set(bearer(coordinator.token));
        return r.status === 200 && r.body.total > 0 ? r.body : null;
      },
      { what: 'a weaving queue', timeoutMs: 30_000 },
    );
    const first = queue.items[0];
    expect(first.companies[0].cluster.id).not.toBe(first.companies[1].cluster.id);
    expect(first.reason).toMatch(/^would join a cluster of 3 firms and one of 3 firms, which have 1 tie between them; 1 partner in common to make the introduction/);
    const clusterOf = (id: string) => queue.items.flatMap((i: { companies: Array<{ companyId: string; cluster: { id: number } }> }) => i.companies).find((c: { companyId: string }) => c.companyId === id)?.cluster.id;
    for (const item of queue.items) expect(new Set(item.companies.map((c: { companyId: string }) => clusterOf(c.companyId))).size).toBe(2);
    await http().get(`/territories/${T}/weaving-queue`).set(bearer(w.admin.token)).expect(200);
    await http().get(`/territories/${T}/weaving-queue`).set(bearer(alice.token)).expect(404);
  });

  it('rebuilds its Kafka-fed read models from the beginning of the topics equal to the live ones, and the network loaded from them answers the same', async () => {
    const app = w.n.recommendations!.app;
    const live = app.get<Connection>(MONGO);
    const fresh = await connectTestDatabase('reco_rebuild');
    try {
      const progress: number[] = [];
      const { messages } = await rebuildKafkaProjections({
        kafka: kafkaConfig(app.get(SERVICE_CONFIG), 'recommendations-rebuild-test'),
        groupId: `recommendations.rebuild-test-${randomUUID()}`,
        connection: fresh.connection,
        projections: recommendationsService.kafkaReadModels!,
        onProgress: (p) => progress.push(p.done),
      });
      expect(messages).toBeGreaterThan(0);
      expect(progress[progress.length - 1]).toBeGreaterThan(0);
      for (const [collection, ids] of Object.entries(mine)) {
        expect(ids.length).toBeGreaterThan(0);
        // `_eventId` is the last event applied: a person's document is fed by two topics (their own and
        // their companies'), whose messages a consumer may interleave in another order; `_positions`
        // (the last position applied per stream) and every field must be equal.
        const read = async (c: Connection) =>
          (await c.collection(collection).find({ _id: { $in: ids } } as object).toArray()).map(({ _eventId, ...d }) => d).sort((x, y) => String(x._id).localeCompare(String(y._id)));
        const [before, after] = await Promise.all([read(live), read(fresh.connection)]);
        expect({ collection, documents: after }).toEqual({ collection, documents: before });
        expect(before).toHaveLength(ids.length);
      }
      // The network loaded from the rebuilt collections, as the service would at its next start.
      const loaded = new NetworkIndex();
      await loaded.load(fresh.connection);
      const running = app.get(NetworkIndex);
      const need = running.needs.get(needId)!;
      // Ranks and reasons (a score's value moves with the companies other suites register meanwhile: BM25's statistics are corpus-wide).
      const search = (n: NetworkIndex) => n.partners.search(need, 10, { territoryIds: [`t:${T}`] }).map((h) => ({ id: h.id, reasons: h.reasons }));
      expect(search(loaded)).toEqual(search(running));
      const world = new Set(mine.firms);
      const edges = (n: NetworkIndex) => {
        const g = buildCompanyNetwork(n, world).graph;
        return Array.from({ length: g.edgeCount }, (_, e) => [g.ids[g.edgeSources[e]], g.ids[g.edgeTargets[e]], g.weights[g.offsets[g.edgeSources[e]] + [...g.neighbours.slice(g.offsets[g.edgeSources[e]], g.offsets[g.edgeSources[e] + 1])].indexOf(g.edgeTargets[e])]].join(' ')).sort();
      };
      expect(edges(loaded)).toEqual(edges(running));
      expect(edges(running)).toHaveLength(7);
    } finally {
      await fresh.close();
    }
  }, 120_000);

  it('cancels a pending introduction and forgets the person when identity erases them', async () => {
    const id = (await http().post('/introductions').set(bearer(alice.token)).send({ targetCompanyId: C.companyId, targetPersonId: carol.personId, brokerIds: [bob.personId], note: 'Avant effacement' }).expect(201)).body.introductionId;
    await w.n.identity.http().post('/me/erasure').set(bearer(carol.token)).send({ password: 'correct horse battery staple' }).expect(204);
    await eventually(async () => (await http().get(`/introductions/${id}`).set(bearer(alice.token)).expect(200)).body.status === 'cancelled', { what: 'the introduction cancelled', timeoutMs: 30_000 });
    await eventually(async () => (await http().get('/me/warm-paths').query({ companyId: C.companyId }).set(bearer(alice.token)).expect(200)).body.total === 0, { what: 'carol gone from the paths', timeoutMs: 30_000 });
  });
});
