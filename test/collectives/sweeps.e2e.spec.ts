import type { EventStore } from '@opn/kernel';
import { rebuildProjection } from '@opn/projections';
import { MONGO, RAW_EVENT_STORE } from '@opn/service-kit';
import { OperationDeclaration, ServiceSweepDeclaration, SweepFixture, describeServiceSweeps, eventually } from '@opn/testing';
import type { Connection } from 'mongoose';
import { signUp, uniqueEmail } from '../../services/identity/test/identity-app';
import { collectivesService } from '../../services/collectives/test/collectives-service';
import { Member, TestNetwork, bearer, company, person, startNetwork } from '../support/network';

const ADMIN_EMAIL = uniqueEmail('collectives-sweep-admin');
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

interface CollectivesFixture extends SweepFixture {
  alice: Member;
  bob: Member;
}

const proposal = (over: Record<string, unknown> = {}) => ({
  name: 'Sweep collective',
  purpose: 'Exercise every operation',
  occasion: { kind: 'pretext', title: 'Un déjeuner' },
  rhythm: 'monthly',
  access: 'invitation',
  minMembers: 2,
  ...over,
});

/**
 * Collectives declared to the shared sweeps (libs/testing/src/sweeps): every operation of its
 * OpenAPI document classified. Tenant A = an invitation-only collective X led by alice (the
 * owner), with bob as a member; it is invisible to the outsider (the initiator of a collective
 * of their own), so every operation on X answers them the 404 of an unknown collective. Steps
 * that change a collective's state run on a fresh collective brought to the state they need.
 */
function collectivesSweeps(n: TestNetwork): ServiceSweepDeclaration<CollectivesFixture> {
  const http = () => n.collectives!.http();
  let admin: { personId: string; token: string } | undefined;
  /** A person collectives knows (identity's events arrive over Kafka). */
  const known = async (name: string): Promise<Member> => {
    const p = await person(n, name, { tiesConsent: false });
    await eventually(async () => (await http().get('/me').set(bearer(p.token))).body.known === true, { what: `collectives to know ${name}`, timeoutMs: 30_000 });
    return p;
  };
  const post = async (path: string, token: string, body: object = {}, status = 200) => (await http().post(path).set(bearer(token)).send(body).expect(status)).body;
  /** Someone invited into collective `id` by alice (the person must be known to collectives first). */
  const invitee = async (f: CollectivesFixture, id: string, role: 'member' | 'guest' = 'member'): Promise<Member> => {
    const p = await person(n, 'Invitee', { tiesConsent: false });
    await eventually(async () => (await http().post(`/collectives/${id}/invitations`).set(bearer(f.alice.token)).send({ personId: p.personId, role })).status === 201, { what: 'an invitation', timeoutMs: 30_000 });
    return p;
  };
  type Stage = 'proposed' | 'forming' | 'ready' | 'active' | 'dissolving';
  /** A fresh collective of alice's with bob in it, brought to `stage` (rotation: alice leads first). */
  const fresh = async (f: CollectivesFixture, stage: Stage, mode: 'rotation' | 'election' = 'rotation'): Promise<string> => {
    const id = (await post('/collectives', f.alice.token, proposal({ governance: { mode } }), 201)).collectiveId as string;
    if (stage === 'proposed') return id;
    await post(`/collectives/${id}/forming`, f.alice.token);
    await post(`/collectives/${id}/invitations`, f.alice.token, { personId: f.bob.personId }, 201);
    await post(`/collectives/${id}/join`, f.bob.token);
    if (stage === 'forming') return id;
    await post(`/collectives/${id}/rotation`, f.alice.token);
    if (stage === 'ready') return id;
    await post(`/collectives/${id}/activate`, f.alice.token);
    if (stage === 'active') return id;
    await post(`/collectives/${id}/dissolve`, f.alice.token, { reason: 'fini' });
    return id;
  };
  /** A fresh election-mode collective, forming, with an election called (and alice standing, and both votes cast, as asked). */
  const election = async (f: CollectivesFixture, upTo: 'called' | 'stood' | 'voted') => {
    const collectiveId = await fresh(f, 'forming', 'election');
    const electionId = (await post(`/collectives/${collectiveId}/elections`, f.alice.token, { closesAt: inAWeek() }, 201)).electionId as string;
    if (upTo !== 'called') await post(`/collectives/${collectiveId}/elections/${electionId}/candidacy`, f.alice.token);
    if (upTo === 'voted') {
      await post(`/collectives/${collectiveId}/elections/${electionId}/votes`, f.alice.token, { candidateId: f.alice.personId });
      await post(`/collectives/${collectiveId}/elections/${electionId}/votes`, f.bob.token, { candidateId: f.alice.personId });
    }
    return { collectiveId, electionId };
  };
  const announcement = async (f: CollectivesFixture) => (await post(`/collectives/${f.params.collectiveId}/announcements`, f.alice.token, { text: 'À modérer' }, 201)).itemId as string;
  const onFresh = (stage: Stage, body?: object): OperationDeclaration<CollectivesFixture> => ({
    access: 'tenant',
    ids: ['collectiveId'],
    request: async (f) => ({ params: { collectiveId: await fresh(f, stage) }, ...(body ? { body } : {}) }),
  });
  const onX: OperationDeclaration<CollectivesFixture> = { access: 'tenant', ids: ['collectiveId'] };

  return {
    service: 'collectives',
    app: n.collectives!.app,
    kit: { store: n.collectives!.app.get<EventStore>(RAW_EVENT_STORE), mongo: n.collectives!.app.get<Connection>(MONGO), rebuildProjection },
    projections: collectivesService.projections,
    fixture: async () => {
      // The platform admin signs up once (the fixture is made again for each sweep).
      admin ??= await signUp(n.identity, ADMIN_EMAIL, 'Sweep Admin');
      const platformAdmin = admin;
      await eventually(async () => (await http().get('/me').set(bearer(platformAdmin.token))).body.platformRoles?.includes('platform_admin'), { what: 'collectives to know the admin', timeoutMs: 30_000 });
      const A = await company(n, { legalName: 'Sweep firm A' });
      const alice = A.admin;
      const bob = await known('Bob');
      const outsider = await known('Outsider');
      await eventually(async () => (await http().get('/me').set(bearer(alice.token))).body.companies?.some((c: { companyId: string }) => c.companyId === A.companyId), {
        what: "collectives to know alice's company",
        timeoutMs: 30_000,
      });
      await post('/collectives', outsider.token, proposal({ name: "The outsider's own" }), 201);
      const f = { alice, bob, owner: alice.token, outsider: outsider.token, admin: platformAdmin.token, params: {} as Record<string, string> };
      // X: election mode, alice elected, active, with content, a meeting, a report and a past election.
      const X = (await post('/collectives', alice.token, proposal({ name: 'Tenant collective X', companyId: A.companyId, governance: { mode: 'election' } }), 201)).collectiveId as string;
      await post(`/collectives/${X}/forming`, alice.token);
      await post(`/collectives/${X}/invitations`, alice.token, { personId: bob.personId }, 201);
      await post(`/collectives/${X}/join`, bob.token);
      const E = (await post(`/collectives/${X}/elections`, alice.token, { closesAt: inAWeek() }, 201)).electionId as string;
      await post(`/collectives/${X}/elections/${E}/candidacy`, alice.token, { statement: 'Je coordonne' });
      await post(`/collectives/${X}/elections/${E}/votes`, alice.token, { candidateId: alice.personId });
      await post(`/collectives/${X}/elections/${E}/votes`, bob.token, { candidateId: alice.personId });
      await post(`/collectives/${X}/elections/${E}/close`, bob.token);
      await post(`/collectives/${X}/activate`, alice.token);
      const note = (await post(`/collectives/${X}/announcements`, bob.token, { text: 'Bonjour à tous' }, 201)).itemId as string;
      const M = (await post(`/collectives/${X}/meetings`, alice.token, { title: 'Point', startsAt: new Date(Date.now() - 60_000).toISOString() }, 201)).itemId as string;
      const R = (await post(`/collectives/${X}/reports`, bob.token, { target: { kind: 'announcement', id: note }, reason: 'test' }, 201)).reportId as string;
      const someone = await known('Someone');
      return { ...f, params: { collectiveId: X, personId: bob.personId, electionId: E, meetingId: M, reportId: R, someone: someone.personId, note } };
    },
    operations: {
      'GET /health': { access: 'public' },
      'GET /health/live': { access: 'public' },
      'GET /health/ready': { access: 'public' },
      'GET /metrics': { access: 'public' },
      'GET /me': { access: 'self' },
      'GET /me/collectives': { access: 'self', request: () => ({ query: { which: 'past' } }) },
      'GET /me/alumni': { access: 'self' },
      'POST /collectives': { access: 'signed-in', request: () => ({ body: proposal({ name: 'Sweep proposal', perimeter: { sectors: ['25'] }, governance: { mode: 'election', termMonths: 3 } }) }) },
      'GET /collectives': { access: 'signed-in', request: () => ({ query: { scope: 'visible', rhythm: 'monthly', sector: '25' } }) },
      'GET /collectives/{collectiveId}': onX,
      'PATCH /collectives/{collectiveId}': { ...onX, request: () => ({ body: { purpose: 'Un but plus précis', rhythm: 'weekly' } }) },
      'POST /collectives/{collectiveId}/forming': onFresh('proposed'),
      'POST /collectives/{collectiveId}/activate': onFresh('ready'),
      'POST /collectives/{collectiveId}/deliver': onFresh('active'),
      'POST /collectives/{collectiveId}/dissolve': onFresh('active', { reason: 'Objectif atteint' }),
      'POST /collectives/{collectiveId}/archive': onFresh('dissolving'),
      'POST /collectives/{collectiveId}/cancel': onFresh('proposed', { reason: 'Abandon' }),
      'GET /collectives/{collectiveId}/history': onX,
      'GET /collectives/{collectiveId}/alumni': onX,
      'GET /collectives/{collectiveId}/members': onX,
      'GET /collectives/{collectiveId}/members/{personId}/contributions': { access: 'tenant', ids: ['collectiveId', 'personId'] },
      'POST /collectives/{collectiveId}/invitations': { ...onX, request: (f) => ({ body: { personId: f.params.someone, role: 'guest' } }) },
      'POST /collectives/{collectiveId}/invitation/decline': { ...onX, request: async (f) => ({ token: (await invitee(f, f.params.collectiveId)).token }) },
      'POST /collectives/{collectiveId}/join': { ...onX, request: async (f) => ({ token: (await invitee(f, f.params.collectiveId, 'guest')).token, body: {} }) },
      'POST /collectives/{collectiveId}/leave': {
        ...onX,
        request: async (f) => {
          const p = await invitee(f, f.params.collectiveId);
          await post(`/collectives/${f.params.collectiveId}/join`, p.token);
          return { token: p.token, body: { reason: 'Plus le temps' } };
        },
      },
      'POST /collectives/{collectiveId}/members/{personId}/remove': {
        access: 'tenant',
        ids: ['collectiveId', 'personId'],
        request: async (f) => {
          const p = await invitee(f, f.params.collectiveId);
          await post(`/collectives/${f.params.collectiveId}/join`, p.token);
          return { params: { personId: p.personId }, body: { reason: 'Hors charte' } };
        },
      },
      'POST /collectives/{collectiveId}/elections': { access: 'tenant', ids: ['collectiveId'], request: async (f) => ({ params: { collectiveId: await fresh(f, 'forming', 'election') }, body: { closesAt: inAWeek(), seats: 1 } }) },
      'GET /collectives/{collectiveId}/elections': onX,
      'GET /collectives/{collectiveId}/elections/{electionId}': { access: 'tenant', ids: ['collectiveId', 'electionId'] },
      'POST /collectives/{collectiveId}/elections/{electionId}/candidacy': { access: 'tenant', ids: ['collectiveId', 'electionId'], request: async (f) => ({ params: await election(f, 'called'), body: { statement: 'Je me présente' } }) },
      'POST /collectives/{collectiveId}/elections/{electionId}/votes': { access: 'tenant', ids: ['collectiveId', 'electionId'], request: async (f) => ({ params: await election(f, 'stood'), body: { candidateId: f.alice.personId } }) },
      'POST /collectives/{collectiveId}/elections/{electionId}/close': { access: 'tenant', ids: ['collectiveId', 'electionId'], request: async (f) => ({ params: await election(f, 'voted') }) },
      'POST /collectives/{collectiveId}/rotation': onFresh('forming'),
      'GET /collectives/{collectiveId}/activity': { ...onX, request: () => ({ query: { kind: 'announcement' } }) },
      'POST /collectives/{collectiveId}/announcements': { ...onX, request: () => ({ body: { text: 'Prochaine réunion jeudi' } }) },
      'POST /collectives/{collectiveId}/meetings': { ...onX, request: () => ({ body: { title: 'Atelier', startsAt: inAWeek(), place: 'Lyon' } }) },
      'PUT /collectives/{collectiveId}/meetings/{meetingId}/attendance': { access: 'tenant', ids: ['collectiveId', 'meetingId'], request: (f) => ({ body: { present: [f.alice.personId, f.bob.personId] } }) },
      'POST /collectives/{collectiveId}/documents': { ...onX, request: () => ({ body: { title: 'Compte rendu', url: 'https://docs.example.org/cr.pdf' } }) },
      'POST /collectives/{collectiveId}/results': { ...onX, request: (f) => ({ body: { kind: 'event', title: 'Visite d’usine', contributors: [f.alice.personId, f.bob.personId] } }) },
      'POST /collectives/{collectiveId}/reports': { ...onX, request: (f) => ({ body: { target: { kind: 'announcement', id: f.params.note }, reason: 'Hors sujet' } }) },
      'GET /collectives/{collectiveId}/moderation/reports': onX,
      'POST /collectives/{collectiveId}/moderation/hide': { ...onX, request: async (f) => ({ body: { target: { kind: 'announcement', id: await announcement(f) }, reason: 'Hors charte' } }) },
      'POST /collectives/{collectiveId}/moderation/restore': {
        ...onX,
        request: async (f) => {
          const id = await announcement(f);
          await post(`/collectives/${f.params.collectiveId}/moderation/hide`, f.alice.token, { target: { kind: 'announcement', id }, reason: 'Par erreur ?' });
          return { body: { target: { kind: 'announcement', id }, reason: 'Finalement acceptable' } };
        },
      },
      'POST /collectives/{collectiveId}/moderation/reports/{reportId}/dismiss': {
        access: 'tenant',
        ids: ['collectiveId', 'reportId'],
        request: async (f) => {
          const id = await announcement(f);
          const reportId = (await post(`/collectives/${f.params.collectiveId}/reports`, f.bob.token, { target: { kind: 'announcement', id }, reason: 'Doute' }, 201)).reportId as string;
          return { params: { reportId }, body: { reason: 'Conforme' } };
        },
      },
    },
    fuzz: { perOperation: 40, maxSeconds: 120 },
  };
}

describeServiceSweeps('collectives', {
  start: () => startNetwork({ identity: { PLATFORM_ADMIN_EMAILS: ADMIN_EMAIL }, collectives: {} }),
  declare: collectivesSweeps,
});
