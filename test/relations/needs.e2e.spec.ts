import type { IntegrationEvent } from '@opn/contracts';
import { EventConsumer } from '@opn/messaging';
import { NeedClosedV1, NeedPublishedV1, NeedStepV1, RELATIONS_TOPICS, RelationActivatedV1 } from '@opn/relations-contracts';
import { eventually, MemoryProcessedEvents, testInfra } from '@opn/testing';
import { randomUUID } from 'node:crypto';
import { signUp, uniqueEmail } from '../../services/identity/test/identity-app';
import { Member, TestCompany, TestNetwork, bearer, company, confirmTie, declareTie, join, person, startNetwork } from '../support/network';

jest.setTimeout(180_000);


const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

describe('relations: partnership needs and moderation (identity + relations, real Kafka and FerretDB)', () => {
  let n: TestNetwork;
  let admin: Member;
  let coordinator: Member;
  let A: TestCompany;
  let B: TestCompany;
  let D: TestCompany;
  let plain: Member;
  const received: IntegrationEvent[] = [];
  /** How far relations' clock runs ahead of the real one (moved by the expiry test only). */
  let clockAheadMs = 0;
  let territories: EventConsumer;

  const http = () => n.relations.http();
  const needBody = (over: Record<string, unknown> = {}) => ({
    title: 'Usinage de pièces en titane',
    description: 'Série de 200 pièces, tolérances serrées',
    capabilities: ['Usinage CNC'],
    territory: ['69'],
    deadline: daysFromNow(30),
    budgetBand: '10k_50k',
    visibility: 'members',
    ...over,
  });
  const publish = async (over: Record<string, unknown> = {}, by: TestCompany = A) =>
    (await http().post(`/companies/${by.companyId}/needs`).set(bearer(by.admin.token)).send(needBody(over)).expect(201)).body.needId as string;
  const history = async (needId: string, who: Member = A.admin) => (await http().get(`/needs/${needId}/history?limit=100`).set(bearer(who.token)).expect(200)).body;

  beforeAll(async () => {
    const adminEmail = uniqueEmail('admin');
    n = await startNetwork({ identity: { PLATFORM_ADMIN_EMAILS: adminEmail }, relations: { NEED_EXPIRY_INTERVAL_SECONDS: '1' }, relationsClock: () => new Date(Date.now() + clockAheadMs) });
    const signed = await signUp(n.identity, adminEmail, 'Platform Admin');
    admin = { personId: signed.personId, email: signed.email, token: signed.token };
    coordinator = await person(n, 'Coordinator');
    await n.identity.http().put(`/people/${coordinator.personId}/platform-roles/territory_coordinator`).set(bearer(admin.token)).expect(204);
    await eventually(async () => (await http().get('/me/companies').set(bearer(coordinator.token))).body.platformRoles?.includes('territory_coordinator'), {
      what: 'relations to know the coordinator',
      timeoutMs: 30_000,
    });
    [A, B, D] = await Promise.all([
      company(n, { legalName: 'Atelier A' }),
      company(n, { legalName: 'Bureau B' }),
      company(n, { legalName: 'Paris D', address: { line1: '1 rue de Rivoli', postalCode: '75001', city: 'Paris', country: 'FR' } }),
    ]);
    plain = await person(n, 'Plain');
    await join(n, D, plain);

    const { kafkaBrokers } = testInfra();
    territories = new EventConsumer({
      kafka: { clientId: 'territories-test', brokers: kafkaBrokers },
      groupId: `territories-${randomUUID()}`,
      topics: [RELATIONS_TOPICS.need, RELATIONS_TOPICS.relation],
      processed: new MemoryProcessedEvents(),
      handle: async (event) => {
        received.push(event);
      },
    });
    await territories.start();
  });

  afterAll(async () => {
    await territories?.stop();
    await n?.close();
  });

  it('(a) publication, interest, shortlist, introduction, meeting, agreement: the relation is active and a territories consumer sees each public step once, in order', async () => {
    const needId = await publish({ visibility: 'territory', territory: ['69'] });
    await http().post(`/needs/${needId}/interests`).set(bearer(B.admin.token)).send({ companyId: B.companyId, message: 'Nous savons faire' }).expect(201);
    await http().post(`/needs/${needId}/shortlist`).set(bearer(A.admin.token)).send({ companyId: A.companyId, partnerCompanyId: B.companyId }).expect(200);
    await http().post(`/needs/${needId}/introductions`).set(bearer(coordinator.token)).send({ partnerCompanyId: B.companyId, via: 'coordinator', note: 'ils se connaissent' }).expect(201);
    await http().post(`/needs/${needId}/meetings`).set(bearer(A.admin.token)).send({ companyId: A.companyId, partnerCompanyId: B.companyId, on: today() }).expect(201);
    const closed = await http()
      .post(`/needs/${needId}/outcome`)
      .set(bearer(A.admin.token))
      .send({ companyId: A.companyId, outcome: { kind: 'agreement', partnerCompanyId: B.companyId, relationKind: 'supplier' } })
      .expect(200);
    expect(closed.body).toEqual({ needId, status: 'closed', outcome: { kind: 'agreement' } });

    const publisherView = (await http().get(`/needs/${needId}`).set(bearer(A.admin.token)).expect(200)).body;
    expect(publisherView).toMatchObject({ status: 'closed', shortlist: [B.companyId], outcome: { kind: 'agreement', partnerCompanyId: B.companyId, relationKind: 'supplier' } });
    expect(publisherView.introductions).toHaveLength(1);
    expect(publisherView.meetings).toHaveLength(1);
    const partnerView = (await http().get(`/needs/${needId}`).set(bearer(B.admin.token)).expect(200)).body;
    expect(partnerView.interests).toEqual([expect.objectContaining({ companyId: B.companyId, message: 'Nous savons faire' })]);
    expect(partnerView.outcome).toEqual({ kind: 'agreement' });

    const relation = await eventually(
      async () => (await http().get(`/companies/${A.companyId}/relations`).set(bearer(A.admin.token))).body.items?.find((r: { partnerCompanyId: string }) => r.partnerCompanyId === B.companyId),
      { what: 'the relation made by the agreement', timeoutMs: 30_000 },
    );
    expect(relation).toMatchObject({ status: 'active', kind: 'supplier', agreements: 1 });

    const ofNeed = () => received.filter((e) => e.subject === needId);
    await eventually(() => ofNeed().length >= 6 && received.some((e) => e.subject === relation.relationId), { what: 'the public events at the territories consumer', timeoutMs: 30_000 });
    expect(ofNeed().map((e) => (e.type === NeedStepV1.type ? `step:${(e.data as { step: string }).step}` : e.type))).toEqual([
      NeedPublishedV1.type,
      'step:interest_expressed',
      'step:shortlisted',
      'step:introduced',
      'step:meeting_logged',
      NeedClosedV1.type,
    ]);
    const positions = ofNeed().map((e) => e.position);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    const ofRelation = received.filter((e) => e.subject === relation.relationId);
    expect(ofRelation.map((e) => e.type)).toEqual([RelationActivatedV1.type]);
    expect(ofRelation[0].data).toMatchObject({ origin: 'agreement', needId });
    const ids = [...ofNeed(), ...ofRelation].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('(b) invalid transitions are refused with a reason and change nothing', async () => {
    const needId = await publish();
    const before = await history(needId);
    const own = await http().post(`/needs/${needId}/interests`).set(bearer(A.admin.token)).send({ companyId: A.companyId }).expect(409);
    expect(own.body.error.message).toMatch(/cannot express interest in your own need/);
    expect(await history(needId)).toEqual(before);

    await http().post(`/needs/${needId}/interests`).set(bearer(B.admin.token)).send({ companyId: B.companyId }).expect(201);
    const afterInterest = await history(needId);
    const twice = await http().post(`/needs/${needId}/interests`).set(bearer(B.admin.token)).send({ companyId: B.companyId }).expect(409);
    expect(twice.body.error.message).toMatch(/already expressed/);
    expect(await history(needId)).toEqual(afterInterest);

    const outcome = (o: unknown) => http().post(`/needs/${needId}/outcome`).set(bearer(A.admin.token)).send({ companyId: A.companyId, outcome: o });
    const missing = (await outcome({ kind: 'agreement' }).expect(400)).body.error;
    expect(missing.details.map((d: { field: string }) => d.field).sort()).toEqual(['outcome.partnerCompanyId', 'outcome.relationKind']);
    const mixed = (await outcome({ kind: 'no_deal', reason: 'trop cher', partnerCompanyId: B.companyId }).expect(400)).body.error;
    expect(mixed.details).toEqual([expect.objectContaining({ field: 'outcome.partnerCompanyId' })]);
    const extra = (await outcome({ kind: 'withdrawn', foo: 1 }).expect(400)).body.error;
    expect(extra.details).toEqual([expect.objectContaining({ field: 'outcome.foo' })]);
    await outcome({ kind: 'bogus' }).expect(400);
    await outcome('agreement').expect(400);
    expect(await history(needId)).toEqual(afterInterest);

    await outcome({ kind: 'no_deal', reason: 'trop cher' }).expect(200);
    const afterClose = await history(needId);
    expect((await outcome({ kind: 'withdrawn' }).expect(409)).body.error.message).toMatch(/need is closed/);
    const meeting = await http().post(`/needs/${needId}/meetings`).set(bearer(B.admin.token)).send({ companyId: B.companyId, partnerCompanyId: B.companyId, on: today() }).expect(409);
    expect(meeting.body.error.message).toMatch(/need is closed/);
    expect(await history(needId)).toEqual(afterClose);
  });

  it('(c) visibility: a territory need does not exist for another département; a hidden need leaves discovery and is seen by its publisher and moderators only', async () => {
    const territoryNeed = await publish({ visibility: 'territory', territory: ['69'], title: 'Territoire 69' });
    const unknown = await http().get(`/needs/${randomUUID()}`).set(bearer(plain.token)).expect(404);
    const hiddenFromD = await http().get(`/needs/${territoryNeed}`).set(bearer(plain.token)).expect(404);
    expect(hiddenFromD.body).toEqual(unknown.body);
    await http().post(`/needs/${territoryNeed}/interests`).set(bearer(D.admin.token)).send({ companyId: D.companyId }).expect(404);
    const listed = (who: Member) => http().get(`/needs?companyId=${A.companyId}&limit=100`).set(bearer(who.token)).expect(200);
    const forD = (await listed(plain)).body;
    expect(forD.items.map((i: { needId: string }) => i.needId)).not.toContain(territoryNeed);
    expect(forD.total).toBe(forD.items.length);
    const forB = (await listed(B.admin)).body;
    expect(forB.items.map((i: { needId: string }) => i.needId)).toContain(territoryNeed);
    expect(forB.total).toBe(forD.total + 1);

    const needId = await publish({ title: 'À modérer' });
    expect((await listed(B.admin)).body.items.map((i: { needId: string }) => i.needId)).toContain(needId);
    await http().get('/moderation/reports?status=open').set(bearer(plain.token)).expect(404);
    const { reportId } = (await http().post(`/needs/${needId}/reports`).set(bearer(B.admin.token)).send({ target: { kind: 'need' }, reason: 'contenu trompeur' }).expect(201)).body;
    const queue = (await http().get('/moderation/reports?status=open&limit=100').set(bearer(coordinator.token)).expect(200)).body;
    expect(queue.items).toContainEqual(expect.objectContaining({ reportId, needId, status: 'open', target: { kind: 'need' } }));
    await http().post(`/moderation/reports/${reportId}/hide`).set(bearer(plain.token)).send({ reason: 'x' }).expect(404);
    await http().post(`/moderation/reports/${reportId}/hide`).set(bearer(coordinator.token)).send({ reason: 'annonce trompeuse' }).expect(200);

    expect((await listed(B.admin)).body.items.map((i: { needId: string }) => i.needId)).not.toContain(needId);
    await http().get(`/needs/${needId}`).set(bearer(B.admin.token)).expect(404);
    await http().get(`/needs/${needId}/history`).set(bearer(plain.token)).expect(404);
    expect((await http().get(`/needs/${needId}`).set(bearer(A.admin.token)).expect(200)).body).toMatchObject({ hidden: true, hiddenReason: 'annonce trompeuse' });
    await http().get(`/needs/${needId}`).set(bearer(coordinator.token)).expect(200);
    await http().get(`/needs/${needId}`).set(bearer(admin.token)).expect(200);
    const own = (await http().get(`/companies/${A.companyId}/needs?limit=100`).set(bearer(A.admin.token)).expect(200)).body;
    expect(own.items.map((i: { needId: string }) => i.needId)).toContain(needId);

    const publisherHistory = (await history(needId)).items.map((s: { type: string; by: string; details: unknown }) => ({ type: s.type, by: s.by, details: s.details }));
    expect(publisherHistory.map((s: { type: string }) => s.type)).toEqual(['NeedPublished', 'ContentHidden']);
    expect(publisherHistory[1]).toEqual({ type: 'ContentHidden', by: 'moderation', details: { target: { kind: 'need' }, reason: 'annonce trompeuse' } });
    const moderatorHistory = (await history(needId, coordinator)).items.map((s: { type: string }) => s.type);
    expect(moderatorHistory).toEqual(['NeedPublished', 'ContentReported', 'ContentHidden', 'ReportResolved']);
    const resolved = (await http().get('/moderation/reports?status=resolved&limit=100').set(bearer(coordinator.token)).expect(200)).body;
    expect(resolved.items).toContainEqual(expect.objectContaining({ reportId, status: 'resolved', decision: 'hidden' }));

    await http().post(`/needs/${needId}/restore`).set(bearer(B.admin.token)).send({ target: { kind: 'need' }, reason: 'x' }).expect(404);
    await http().post(`/needs/${needId}/restore`).set(bearer(admin.token)).send({ target: { kind: 'need' }, reason: 'corrigée' }).expect(200);
    await http().get(`/needs/${needId}`).set(bearer(B.admin.token)).expect(200);
  });

  it('(e) an introduction as a person needs someone who knows both sides, through membership or confirmed ties', async () => {
    const needId = await publish();
    const broker = await person(n, 'Broker');
    const introduce = (who: Member) => http().post(`/needs/${needId}/introductions`).set(bearer(who.token)).send({ partnerCompanyId: B.companyId, via: 'person' });
    // A tie to the publisher's admin only: knows one side.
    await confirmTie(n, A.admin, await declareTie(n, broker, A.admin, { kinds: ['classmates'], strength: 4, visibility: 'private' }), 'private');
    const refused = await introduce(broker).expect(403);
    expect(refused.body.error.message).toMatch(/knows both sides/);
    // A proposed (unconfirmed) tie to the partner's admin does not count.
    const pending = await declareTie(n, broker, B.admin, { kinds: ['hobby'], strength: 2, visibility: 'private' });
    await introduce(broker).expect(403);
    await confirmTie(n, B.admin, pending, 'private');
    const made = await introduce(broker).expect(201);
    expect((await history(needId)).items.at(-1)).toMatchObject({ type: 'IntroductionMade', by: broker.personId, details: expect.objectContaining({ via: 'person', partnerCompanyId: B.companyId }) });
    expect(made.body.introductionId).toEqual(expect.any(String));
  });

  it('(d) expiry: a need whose deadline passed is closed as expired by the platform, and says so everywhere', async () => {
    const needId = await publish({ deadline: daysFromNow(1) });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await http().get(`/needs/${needId}`).set(bearer(A.admin.token)).expect(200)).body.status).toBe('open');
    // Two days later (relations' clock only), the next round of the expiry closes it.
    clockAheadMs = 2 * 86_400_000;
    try {
      await eventually(async () => (await http().get(`/needs/${needId}`).set(bearer(A.admin.token))).body.status === 'closed', { what: 'the need to expire', timeoutMs: 15_000 });
      const need = (await http().get(`/needs/${needId}`).set(bearer(A.admin.token)).expect(200)).body;
      expect(need.outcome).toMatchObject({ kind: 'expired' });
      const steps = (await history(needId)).items.map((s: { type: string; by: string; details: { outcome?: unknown } }) => [s.type, s.by, s.details.outcome]);
      expect(steps[steps.length - 1]).toEqual(['NeedClosed', 'system', { kind: 'expired' }]);
      // An interest after the deadline is refused and changes nothing.
      const late = await http().post(`/needs/${needId}/interests`).set(bearer(B.admin.token)).send({ companyId: B.companyId }).expect(409);
      expect(late.body.error.message).toMatch(/closed/);
      await eventually(() => received.some((e) => e.type === 'relations.NeedClosed' && (e.data as { needId: string; outcome: string }).needId === needId && (e.data as { outcome: string }).outcome === 'expired'), {
        what: 'NeedClosed (expired) on Kafka',
        timeoutMs: 15_000,
      });
    } finally {
      clockAheadMs = 0;
    }
  });

  it('publishes a need once for one Idempotency-Key, however often the request is retried', async () => {
    const key = `need-${Date.now()}`;
    const body = needBody({ title: 'Retry-safe need' });
    const [first, second] = [
      await http().post(`/companies/${A.companyId}/needs`).set(bearer(A.admin.token)).set('Idempotency-Key', key).send(body).expect(201),
      await http().post(`/companies/${A.companyId}/needs`).set(bearer(A.admin.token)).set('Idempotency-Key', key).send(body).expect(201),
    ];
    expect(second.body.needId).toBe(first.body.needId);
    expect((await history(first.body.needId)).total).toBe(1);
  });

});
