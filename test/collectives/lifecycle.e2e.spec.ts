import { AlumniTieFormedV1, COLLECTIVES_TOPICS, CollectiveStatusChangedV1 } from '@opn/collectives-contracts';
import type { IntegrationEvent } from '@opn/contracts';
import { EventConsumer } from '@opn/messaging';
import { eventually, MemoryProcessedEvents, testInfra } from '@opn/testing';
import { MONGO } from '@opn/service-kit';
import type { Connection } from 'mongoose';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { Member, TestCompany, bearer, person } from '../support/network';
import { CollectivesWorld, inAWeek, memberFirm, outsideFirm, startCollectivesWorld, untilCollectivesKnows } from './support';

jest.setTimeout(480_000);

const proposal = (T: string, over: Record<string, unknown> = {}) => ({
  name: 'Stand commun au salon',
  purpose: 'Partager un stand et les frais de transport pour le salon Global Industrie',
  occasion: { kind: 'event', title: 'Global Industrie 2027', date: `${new Date().getUTCFullYear() + 1}-03-14` },
  rhythm: 'monthly',
  access: 'open',
  perimeter: { territories: [T] },
  minMembers: 3,
  governance: { mode: 'election', termMonths: 6, quorum: 0.5 },
  ...over,
});

describe('collectives: a collective from proposal to alumni (identity + relations + territories + collectives, real Kafka and FerretDB)', () => {
  let w: CollectivesWorld;
  let A: TestCompany;
  let B: TestCompany;
  let C: TestCompany;
  let D: TestCompany;
  let alice: Member;
  let bob: Member;
  let carol: Member;
  let dave: Member;
  let consumer: EventConsumer;
  /** What a consumer standing for relations and recommendations applied: each event id once. */
  const applied: IntegrationEvent[] = [];
  const c = () => w.c();

  beforeAll(async () => {
    w = await startCollectivesWorld();
    [A, B, C] = [await memberFirm(w, 'Atelier Alpha'), await memberFirm(w, 'Bureau Beta'), await memberFirm(w, 'Chaudronnerie Gamma')];
    D = await outsideFirm(w, 'Distant Delta');
    [alice, bob, carol, dave] = [A.admin, B.admin, C.admin, D.admin];
    consumer = new EventConsumer({
      kafka: { brokers: testInfra().kafkaBrokers, clientId: 'collectives-lifecycle-test' },
      groupId: `collectives-consumer-${randomUUID()}`,
      topics: [COLLECTIVES_TOPICS.collective],
      processed: new MemoryProcessedEvents(),
      handle: async (event) => {
        applied.push(event);
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await w?.close();
  });

  const of = (collectiveId: string, type: string) => applied.filter((e) => e.type === type && (e.data as { collectiveId: string }).collectiveId === collectiveId);

  it('is proposed, gathers members of its perimeter, elects a leader, becomes active, delivers, dissolves and leaves alumni ties published once', async () => {
    // Proposed: a card for everyone signed in; nobody joins a proposal.
    const proposed = await c().post('/collectives').set(bearer(alice.token)).send(proposal(w.T, { companyId: A.companyId })).expect(201);
    const X = proposed.body.collectiveId as string;
    expect(proposed.body).toMatchObject({ status: 'proposed', initiatorId: alice.personId, memberCount: 1, companyIds: [A.companyId], you: { standing: 'member', role: 'initiator' } });
    const early = await c().post(`/collectives/${X}/join`).set(bearer(bob.token)).send({}).expect(409);
    expect(early.body.error.message).toMatch(/proposed/);
    await c().post(`/collectives/${X}/forming`).set(bearer(bob.token)).send({}).expect(403);
    await c().post(`/collectives/${X}/forming`).set(bearer(alice.token)).send({}).expect(200);

    // Discovery: open to bob (his firm is a member of T), not to dave (in no territory), who may still see the card.
    const forBob = await c().get('/collectives').query({ territoryId: w.T }).set(bearer(bob.token)).expect(200);
    expect(forBob.body.items.map((x: { collectiveId: string }) => x.collectiveId)).toContain(X);
    expect(forBob.body.items.find((x: { collectiveId: string }) => x.collectiveId === X).you.canJoin).toBe(true);
    const forDave = await c().get('/collectives').set(bearer(dave.token)).expect(200);
    expect(forDave.body.items.map((x: { collectiveId: string }) => x.collectiveId)).not.toContain(X);
    expect((await c().get(`/collectives/${X}`).set(bearer(dave.token)).expect(200)).body.you).toEqual({ standing: 'outsider', canJoin: false });
    const outside = await c().post(`/collectives/${X}/join`).set(bearer(dave.token)).send({}).expect(403);
    expect(outside.body.error.message).toMatch(/perimeter/);
    await c().get(`/collectives/${X}/members`).set(bearer(dave.token)).expect(403);

    // Forming: bob and carol join for their firms; activation needs a leader, then the minimum.
    expect((await c().post(`/collectives/${X}/join`).set(bearer(bob.token)).send({}).expect(200)).body).toMatchObject({ memberCount: 2, you: { role: 'member', companyId: B.companyId } });
    await c().post(`/collectives/${X}/join`).set(bearer(carol.token)).send({ companyId: C.companyId }).expect(200);
    const noLeader = await c().post(`/collectives/${X}/activate`).set(bearer(alice.token)).send({}).expect(409);
    expect(noLeader.body.error.message).toMatch(/without a leader/);

    // The election: one vote each, secret, counted once everyone voted.
    const called = await c().post(`/collectives/${X}/elections`).set(bearer(carol.token)).send({ closesAt: inAWeek() }).expect(201);
    const E = called.body.electionId as string;
    expect(called.body).toMatchObject({ open: true, electorate: 3, quorum: 2, turnout: 0 });
    await c().post(`/collectives/${X}/elections/${E}/candidacy`).set(bearer(alice.token)).send({ statement: 'J’organise le transport' }).expect(200);
    await c().post(`/collectives/${X}/elections/${E}/candidacy`).set(bearer(bob.token)).send({}).expect(200);
    await c().post(`/collectives/${X}/elections/${E}/votes`).set(bearer(alice.token)).send({ candidateId: alice.personId }).expect(200);
    await c().post(`/collectives/${X}/elections/${E}/votes`).set(bearer(bob.token)).send({ candidateId: bob.personId }).expect(200);
    const twice = await c().post(`/collectives/${X}/elections/${E}/votes`).set(bearer(bob.token)).send({ candidateId: alice.personId }).expect(409);
    expect(twice.body.error.message).toMatch(/already voted/);
    const early2 = await c().post(`/collectives/${X}/elections/${E}/close`).set(bearer(alice.token)).send({}).expect(409);
    expect(early2.body.error.message).toMatch(/not every member has voted/);
    await c().post(`/collectives/${X}/elections/${E}/votes`).set(bearer(carol.token)).send({ candidateId: bob.personId }).expect(200);
    const counted = await c().post(`/collectives/${X}/elections/${E}/close`).set(bearer(carol.token)).send({}).expect(200);
    expect(counted.body).toMatchObject({ open: false, turnout: 3, outcome: { outcome: 'elected', leaders: [bob.personId] } });
    expect(counted.body.outcome.tally).toEqual([
      { personId: bob.personId, votes: 2, contribution: 0 },
      { personId: alice.personId, votes: 1, contribution: 0 },
    ]);
    const history = await c().get(`/collectives/${X}/history`).query({ limit: 100 }).set(bearer(carol.token)).expect(200);
    const ballots = history.body.items.filter((h: { type: string }) => h.type === 'VoteCast');
    expect(ballots).toHaveLength(3);
    for (const b of ballots) expect(b.details).not.toHaveProperty('candidateId');

    // Active: only the leader activates; the initiator no longer organises once there is a leader.
    await c().post(`/collectives/${X}/activate`).set(bearer(alice.token)).send({}).expect(403);
    expect((await c().post(`/collectives/${X}/activate`).set(bearer(bob.token)).send({}).expect(200)).body).toMatchObject({ status: 'active', leaders: [{ personId: bob.personId }] });

    // Activity and the contribution log.
    const note = await c().post(`/collectives/${X}/announcements`).set(bearer(carol.token)).send({ text: 'Devis du transporteur reçu' }).expect(201);
    const meeting = await c().post(`/collectives/${X}/meetings`).set(bearer(bob.token)).send({ title: 'Lancement', startsAt: new Date(Date.now() - 60_000).toISOString(), place: 'Lyon' }).expect(201);
    await c().put(`/collectives/${X}/meetings/${meeting.body.itemId}/attendance`).set(bearer(carol.token)).send({ present: [alice.personId] }).expect(403);
    await c().put(`/collectives/${X}/meetings/${meeting.body.itemId}/attendance`).set(bearer(bob.token)).send({ present: [alice.personId, carol.personId] }).expect(200);
    const stranger = await c().put(`/collectives/${X}/meetings/${meeting.body.itemId}/attendance`).set(bearer(bob.token)).send({ present: [dave.personId] }).expect(400);
    expect(stranger.body.error.message).toMatch(/not in the collective/);
    await c().post(`/collectives/${X}/documents`).set(bearer(alice.token)).send({ title: 'Plan', url: 'javascript:alert(1)' }).expect(400);
    await c().post(`/collectives/${X}/documents`).set(bearer(alice.token)).send({ title: 'Plan du stand', url: 'https://docs.example.org/stand.pdf' }).expect(201);
    await c()
      .post(`/collectives/${X}/results`)
      .set(bearer(alice.token))
      .send({ kind: 'agreement', title: 'Contrat de transport mutualisé', contributors: [alice.personId, carol.personId] })
      .expect(201);
    // What people wrote is sealed in the read models and opened for the readers.
    const docs = await c().get(`/collectives/${X}/activity`).query({ kind: 'document' }).set(bearer(carol.token)).expect(200);
    expect(docs.body.items).toMatchObject([{ title: 'Plan du stand', url: 'https://docs.example.org/stand.pdf', by: alice.personId }]);
    const candidates = (await c().get(`/collectives/${X}/elections/${E}`).set(bearer(carol.token)).expect(200)).body.candidates;
    expect(candidates.find((x: { personId: string }) => x.personId === alice.personId).statement).toBe('J’organise le transport');
    const carolLog = await c().get(`/collectives/${X}/members/${carol.personId}/contributions`).set(bearer(alice.token)).expect(200);
    expect(carolLog.body.contribution).toEqual({ announcements: 1, documents: 0, results: 1, meetingsAttended: 1, score: 6 });
    expect(carolLog.body.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['announcement', 'meeting', 'result']);
    const members = await c().get(`/collectives/${X}/members`).set(bearer(carol.token)).expect(200);
    expect(members.body.items.map((m: { personId: string; role: string }) => [m.personId, m.role])).toEqual([
      [bob.personId, 'leader'],
      [alice.personId, 'initiator'],
      [carol.personId, 'member'],
    ]);

    // Moderation: carol reports, the leader hides (the report is resolved), the queue shows it; it no longer counts.
    const report = await c().post(`/collectives/${X}/reports`).set(bearer(alice.token)).send({ target: { kind: 'announcement', id: note.body.itemId }, reason: 'hors sujet' }).expect(201);
    await c().get(`/collectives/${X}/moderation/reports`).set(bearer(carol.token)).expect(403);
    expect((await c().get(`/collectives/${X}/moderation/reports`).set(bearer(bob.token)).expect(200)).body.items).toMatchObject([{ open: 1, reports: [{ reportId: report.body.reportId, reason: 'hors sujet' }] }]);
    await c().post(`/collectives/${X}/moderation/hide`).set(bearer(alice.token)).send({ target: { kind: 'announcement', id: note.body.itemId }, reason: 'hors sujet' }).expect(403);
    await c().post(`/collectives/${X}/moderation/hide`).set(bearer(bob.token)).send({ target: { kind: 'announcement', id: note.body.itemId }, reason: 'hors sujet' }).expect(200);
    const resolved = await c().get(`/collectives/${X}/moderation/reports`).query({ status: 'resolved' }).set(bearer(bob.token)).expect(200);
    expect(resolved.body.items[0].reports[0]).toMatchObject({ status: 'resolved', decision: 'hidden', resolvedBy: bob.personId });
    const feed = await c().get(`/collectives/${X}/activity`).query({ kind: 'announcement' }).set(bearer(carol.token)).expect(200);
    expect(feed.body.items[0]).toEqual({ kind: 'announcement', itemId: note.body.itemId, by: carol.personId, at: expect.any(String), hidden: true });
    expect((await c().get(`/collectives/${X}/members/${carol.personId}/contributions`).set(bearer(alice.token)).expect(200)).body.contribution.announcements).toBe(0);

    // Delivering, then dissolving: only the leader; three members, three alumni ties.
    await c().post(`/collectives/${X}/deliver`).set(bearer(carol.token)).send({}).expect(403);
    await c().post(`/collectives/${X}/deliver`).set(bearer(bob.token)).send({}).expect(200);
    const dissolved = await c().post(`/collectives/${X}/dissolve`).set(bearer(bob.token)).send({ reason: 'Salon terminé' }).expect(200);
    expect(dissolved.body).toMatchObject({ status: 'dissolving', alumni: 3, alumniTies: 3 });
    await c().post(`/collectives/${X}/join`).set(bearer(dave.token)).send({}).expect(403);

    const pairs = [[alice, bob], [alice, carol], [bob, carol]].map((p) => p.map((m) => m.personId).sort().join('+')).sort();
    await eventually(async () => of(X, 'collectives.AlumniTieFormed').length >= 3 && of(X, 'collectives.CollectiveStatusChanged').length >= 4, { what: 'the alumni ties on Kafka', timeoutMs: 30_000 });
    const ties = of(X, 'collectives.AlumniTieFormed').map((e) => e.data as AlumniTieFormedV1);
    expect(ties.map((t) => t.personIds.join('+')).sort()).toEqual(pairs);
    expect(new Set(of(X, 'collectives.AlumniTieFormed').map((e) => e.id)).size).toBe(3);
    for (const t of ties) {
      expect(t).toMatchObject({ collectiveId: X, collectiveName: 'Stand commun au salon' });
      expect(t.from <= t.to).toBe(true);
    }
    expect(ties.find((t) => t.personIds.includes(carol.personId) && t.personIds.includes(alice.personId))!.companyIds).toEqual(
      alice.personId < carol.personId ? [A.companyId, C.companyId] : [C.companyId, A.companyId],
    );
    expect(of(X, 'collectives.CollectiveStatusChanged').map((e) => (e.data as CollectiveStatusChangedV1).status)).toEqual(['forming', 'active', 'delivering', 'dissolving']);
    // Nothing private left the service: no purpose, announcement, ballot or report.
    const wire = JSON.stringify(of(X, 'collectives.CollectiveDefined').concat(of(X, 'collectives.CollectiveMembershipChanged')));
    expect(wire).not.toMatch(/Partager un stand|Devis du transporteur|hors sujet/);

    // Alumni: each member lists past collectives and the people they were in them with.
    await eventually(async () => (await c().get('/me/alumni').set(bearer(alice.token))).body.total === 2, { what: 'alumni ties in the read model', timeoutMs: 10_000 });
    const mine = await c().get('/me/alumni').set(bearer(alice.token)).expect(200);
    expect(mine.body.items.map((a: { personId: string }) => a.personId).sort()).toEqual([bob.personId, carol.personId].sort());
    expect(mine.body.items[0]).toMatchObject({ collectiveId: X, collectiveName: 'Stand commun au salon' });
    const past = await c().get('/me/collectives').query({ which: 'past' }).set(bearer(carol.token)).expect(200);
    expect(past.body.items.map((x: { collectiveId: string }) => x.collectiveId)).toContain(X);
    expect((await c().get(`/collectives/${X}/alumni`).set(bearer(carol.token)).expect(200)).body.total).toBe(3);

    // Archived: whoever led it closes it; then it takes no command.
    await c().post(`/collectives/${X}/archive`).set(bearer(bob.token)).send({}).expect(200);
    const frozen = await c().post(`/collectives/${X}/announcements`).set(bearer(bob.token)).send({ text: 'encore ?' }).expect(409);
    expect(frozen.body.error.message).toMatch(/archived/);
    await eventually(async () => of(X, 'collectives.CollectiveStatusChanged').length === 5, { what: 'the archive on Kafka', timeoutMs: 30_000 });
  });

  it('keeps an invitation-only collective invisible to outsiders, and guests without a vote or a post', async () => {
    const created = await c().post('/collectives').set(bearer(alice.token)).send(proposal(w.T, { name: 'Club des dirigeants', access: 'invitation', perimeter: {} })).expect(201);
    const Y = created.body.collectiveId as string;
    await c().get(`/collectives/${Y}`).set(bearer(dave.token)).expect(404);
    await c().post(`/collectives/${Y}/join`).set(bearer(dave.token)).send({}).expect(404);
    expect((await c().get('/collectives').query({ scope: 'visible' }).set(bearer(dave.token)).expect(200)).body.items.map((x: { collectiveId: string }) => x.collectiveId)).not.toContain(Y);
    await c().post(`/collectives/${Y}/forming`).set(bearer(alice.token)).send({}).expect(200);

    // A guest, from outside every perimeter: sees it once invited, joins, reads, but neither posts nor stands.
    await c().post(`/collectives/${Y}/invitations`).set(bearer(alice.token)).send({ personId: dave.personId, role: 'guest' }).expect(201);
    expect((await c().get(`/collectives/${Y}`).set(bearer(dave.token)).expect(200)).body.you).toMatchObject({ standing: 'invited', invitedAs: 'guest', canJoin: true });
    expect((await c().get('/me/collectives').query({ which: 'invited' }).set(bearer(dave.token)).expect(200)).body.items.map((x: { collectiveId: string }) => x.collectiveId)).toEqual([Y]);
    await c().post(`/collectives/${Y}/join`).set(bearer(dave.token)).send({}).expect(200);
    await c().get(`/collectives/${Y}/activity`).set(bearer(dave.token)).expect(200);
    const post = await c().post(`/collectives/${Y}/announcements`).set(bearer(dave.token)).send({ text: 'Bonjour' }).expect(403);
    expect(post.body.error.message).toMatch(/guests cannot/);

    // A member invited by a plain member of an invitation-only collective: refused; by the organiser: joins.
    const erin = await person(w.n, 'Erin', { tiesConsent: false });
    await untilCollectivesKnows(w, erin, (me) => me !== undefined);
    await c().post(`/collectives/${Y}/invitations`).set(bearer(alice.token)).send({ personId: bob.personId }).expect(201);
    await c().post(`/collectives/${Y}/join`).set(bearer(bob.token)).send({}).expect(200);
    await c().post(`/collectives/${Y}/invitations`).set(bearer(bob.token)).send({ personId: erin.personId }).expect(403);
    await c().get(`/collectives/${Y}`).set(bearer(erin.token)).expect(404);

    // Cancelled while forming: archived, with no alumni tie.
    await c().post(`/collectives/${Y}/cancel`).set(bearer(alice.token)).send({ reason: 'Pas assez de monde' }).expect(200);
    await eventually(async () => of(Y, 'collectives.CollectiveStatusChanged').some((e) => (e.data as CollectiveStatusChangedV1).status === 'archived'), { what: 'the cancellation on Kafka', timeoutMs: 30_000 });
    expect(of(Y, 'collectives.AlumniTieFormed')).toEqual([]);
  });

  it("erases a person: what they wrote is gone from every store, their ties are withdrawn and nothing of it remains in plaintext", async () => {
    const canary = `cnry${randomBytes(6).toString('hex')}`;
    const fay = await person(w.n, 'Fay', { tiesConsent: false });
    await untilCollectivesKnows(w, fay, (me) => (me as { known?: boolean }).known === true);
    const Z = (await c().post('/collectives').set(bearer(alice.token)).send(proposal(w.T, { name: 'Club éphémère', access: 'invitation', perimeter: {}, minMembers: 2, governance: { mode: 'rotation' } })).expect(201)).body.collectiveId as string;
    await c().post(`/collectives/${Z}/forming`).set(bearer(alice.token)).send({}).expect(200);
    await c().post(`/collectives/${Z}/invitations`).set(bearer(alice.token)).send({ personId: fay.personId }).expect(201);
    await c().post(`/collectives/${Z}/join`).set(bearer(fay.token)).send({}).expect(200);
    await c().post(`/collectives/${Z}/rotation`).set(bearer(alice.token)).send({}).expect(200);
    await c().post(`/collectives/${Z}/activate`).set(bearer(alice.token)).send({}).expect(200);
    const note = await c().post(`/collectives/${Z}/announcements`).set(bearer(fay.token)).send({ text: `Mon portable ${canary}` }).expect(201);
    const mine = await c().post(`/collectives/${Z}/announcements`).set(bearer(alice.token)).send({ text: 'Bienvenue' }).expect(201);
    await c().post(`/collectives/${Z}/reports`).set(bearer(fay.token)).send({ target: { kind: 'announcement', id: mine.body.itemId }, reason: `raison ${canary}` }).expect(201);
    expect((await c().get(`/collectives/${Z}/activity`).query({ kind: 'announcement' }).set(bearer(alice.token)).expect(200)).body.items.map((i: { text: string }) => i.text)).toContain(`Mon portable ${canary}`);
    await c().post(`/collectives/${Z}/dissolve`).set(bearer(alice.token)).send({}).expect(200);
    await eventually(async () => of(Z, 'collectives.AlumniTieFormed').length === 1, { what: 'the alumni tie on Kafka', timeoutMs: 30_000 });

    await w.n.identity.http().post('/me/erasure').set(bearer(fay.token)).send({ password: 'correct horse battery staple' }).expect(204);
    await eventually(async () => of(Z, 'collectives.AlumniTieErased').length === 1, { what: 'the tie withdrawn on Kafka', timeoutMs: 30_000 });
    expect(of(Z, 'collectives.AlumniTieErased')[0].data).toMatchObject({ personIds: [alice.personId, fay.personId].sort() });
    expect(of(Z, 'collectives.CollectiveMembershipChanged').at(-1)!.data).toMatchObject({ personId: fay.personId, active: false });
    const feed = await c().get(`/collectives/${Z}/activity`).query({ kind: 'announcement' }).set(bearer(alice.token)).expect(200);
    expect(feed.body.items.find((i: { itemId: string }) => i.itemId === note.body.itemId)).toMatchObject({ erased: true });
    expect(feed.body.items.find((i: { itemId: string }) => i.itemId === note.body.itemId)).not.toHaveProperty('text');
    const queue = await c().get(`/collectives/${Z}/moderation/reports`).set(bearer(alice.token)).expect(200);
    expect(queue.body.items[0].reports[0].reason).toBe('[erased]');
    expect((await c().get(`/collectives/${Z}/alumni`).set(bearer(alice.token)).expect(200)).body.items.map((a: { personId: string }) => a.personId)).toEqual([alice.personId]);
    expect((await c().get('/me/alumni').set(bearer(alice.token)).expect(200)).body.items.map((a: { collectiveId: string }) => a.collectiveId)).not.toContain(Z);

    // No plaintext left: the event store and key files, every MongoDB collection, the topic.
    const dir = w.n.collectives!.dataDir;
    const stored = readdirSync(dir)
      .map((name) => joinPath(dir, name))
      .filter((file) => statSync(file).isFile())
      .map((file) => readFileSync(file).toString('latin1'))
      .join('\n');
    expect(stored).toContain(Z);
    expect(stored).not.toContain(canary);
    const db = w.n.collectives!.app.get<Connection>(MONGO).db!;
    let documents = '';
    for (const col of await db.listCollections().toArray()) documents += JSON.stringify(await db.collection(col.name).find({}).toArray());
    expect(documents).toContain(Z);
    expect(documents).not.toContain(canary);
    expect(JSON.stringify(applied)).not.toContain(canary);
  });

  it('refuses bad input with 400 naming every bad field, and writes nothing', async () => {
    const bad = await c()
      .post('/collectives')
      .set(bearer(alice.token))
      .send(proposal(w.T, { perimeter: { territories: [randomUUID()], sectors: ['00'] }, expectedEnd: '2020-01-01', occasion: { kind: 'event', title: 'x', date: '2027-02-30' } }))
      .expect(400);
    expect(bad.body.error.message).toMatch(/perimeter.territories/);
    const bad2 = await c().post('/collectives').set(bearer(alice.token)).send(proposal(w.T, { perimeter: { sectors: ['00'] }, expectedEnd: '2020-01-01', occasion: { kind: 'event', title: 'x', date: '2027-02-30' } })).expect(400);
    const fields = bad2.body.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['expectedEnd', 'occasion.date', 'perimeter.sectors[0]']);
    await c().post('/collectives').set(bearer(alice.token)).send({ ...proposal(w.T), status: 'active' }).expect(400);
    // Nothing was written: alice is in the same collectives as before the refused proposals.
    const before = (await c().get('/me/collectives').query({ which: 'current', limit: 100 }).set(bearer(alice.token)).expect(200)).body.total;
    await c().post('/collectives').set(bearer(alice.token)).send({ ...proposal(w.T), name: '' }).expect(400);
    expect((await c().get('/me/collectives').query({ which: 'current', limit: 100 }).set(bearer(alice.token)).expect(200)).body.total).toBe(before);
  });
});
