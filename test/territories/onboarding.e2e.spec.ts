import type { IntegrationEvent } from '@opn/contracts';
import { EventConsumer } from '@opn/messaging';
import { MembershipChangedV1, TERRITORIES_TOPICS } from '@opn/territories-contracts';
import { eventually, MemoryProcessedEvents, testInfra } from '@opn/testing';
import { randomUUID } from 'node:crypto';
import { uniqueSiren } from '../../services/identity/test/identity-app';
import { Member, TestCompany, bearer } from '../support/network';
import { TerritoriesWorld, coordinatorOf, createTerritory, firm, geographic, startTerritoriesWorld } from './support';

jest.setTimeout(180_000);


const nextYear = () => `${new Date().getUTCFullYear() + 1}-12-31`;
const inTwoYears = () => `${new Date().getUTCFullYear() + 2}-12-31`;

describe('territories: onboarding of member firms (identity + relations + territories, real Kafka and FerretDB)', () => {
  let w: TerritoriesWorld;
  let T: string;
  let other: string;
  let coordinator: Member;
  let otherCoordinator: Member;
  let consumer: EventConsumer;
  const received: IntegrationEvent[] = [];
  const http = () => w.http();

  beforeAll(async () => {
    w = await startTerritoriesWorld();
    T = await createTerritory(w, geographic('Rhône'));
    other = await createTerritory(w, geographic('Isère', ['38']));
    coordinator = await coordinatorOf(w, T);
    otherCoordinator = await coordinatorOf(w, other, 'Other coordinator');
    // A consumer standing for relations and recommendations, in its own group: each public step once.
    consumer = new EventConsumer({
      kafka: { brokers: testInfra().kafkaBrokers, clientId: 'territories-onboarding-test' },
      groupId: `territories-consumer-${randomUUID()}`,
      topics: [TERRITORIES_TOPICS.territory],
      processed: new MemoryProcessedEvents(),
      handle: async (event) => {
        received.push(event);
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await w?.close();
  });

  const membershipsOf = (territoryId: string) => received.filter((e) => e.type === 'territories.MembershipChanged' && (e.data as { territoryId: string }).territoryId === territoryId).map((e) => e.data as MembershipChangedV1);

  it('takes an application through a request for information to admission, renewal and exit, each step seen by the firm and published once', async () => {
    const siren = uniqueSiren();
    const A = await firm(w, { legalName: 'Atelier Rhodanien', siren });
    const mine = (c: TestCompany = A) => http().get(`/companies/${c.companyId}/memberships/${T}`).set(bearer(c.admin.token));

    const applied = await http().post(`/companies/${A.companyId}/memberships`).set(bearer(A.admin.token)).send({ territoryId: T, message: 'Nous usinons pour la vallée' }).expect(201);
    expect(applied.body).toMatchObject({ territoryId: T, territoryName: 'Rhône', status: 'applied', origin: 'application' });
    // Twice: a clear 409.
    const again = await http().post(`/companies/${A.companyId}/memberships`).set(bearer(A.admin.token)).send({ territoryId: T }).expect(409);
    expect(again.body.error.message).toMatch(/already/);

    // The coordinators see the application in the roster's pending list.
    const pending = await http().get(`/territories/${T}/members?status=pending`).set(bearer(coordinator.token)).expect(200);
    expect(pending.body.items).toEqual([expect.objectContaining({ siren, name: 'Atelier Rhodanien', companyId: A.companyId, onPlatform: true, status: 'applied' })]);

    await http().post(`/territories/${T}/members/${siren}/request-information`).set(bearer(coordinator.token)).send({ question: 'Combien de salariés sur le site ?' }).expect(200);
    expect((await mine().expect(200)).body).toMatchObject({ status: 'info_requested', question: 'Combien de salariés sur le site ?' });
    // Admitting before the answer is allowed (the coordinators decide); answering first is the usual path.
    await http().post(`/companies/${A.companyId}/memberships/${T}/information`).set(bearer(A.admin.token)).send({ answer: '42' }).expect(200);
    expect((await mine().expect(200)).body.status).toBe('applied');

    const admitted = await http().post(`/territories/${T}/members/${siren}/admit`).set(bearer(coordinator.token)).send({ validUntil: nextYear(), groups: ['mécanique', 'export'] }).expect(200);
    expect(admitted.body).toMatchObject({ status: 'admitted', groups: ['export', 'mécanique'], validUntil: nextYear() });
    expect((await mine().expect(200)).body).toMatchObject({ status: 'admitted', validUntil: nextYear() });
    expect((await mine().expect(200)).body.groups).toBeUndefined(); // the coordinators' labels stay theirs

    await http().post(`/territories/${T}/members/${siren}/renew`).set(bearer(coordinator.token)).send({ validUntil: inTwoYears() }).expect(200);
    await http().post(`/companies/${A.companyId}/memberships/${T}/exit`).set(bearer(A.admin.token)).send({ reason: 'cessation' }).expect(200);
    expect((await mine().expect(200)).body).toMatchObject({ status: 'exited', reason: 'cessation' });

    // The history tells every step, in order, with who did it.
    const history = (await http().get(`/territories/${T}/members/${siren}/history`).set(bearer(coordinator.token)).expect(200)).body;
    expect(history.items.map((h: { type: string }) => h.type)).toEqual(['MembershipApplied', 'InformationRequested', 'InformationProvided', 'MembershipAdmitted', 'MembershipRenewed', 'MembershipEnded']);
    expect(history.items[1].by).toBe(coordinator.personId);

    // Published: admitted, renewed, ended, each once and in order; nothing of the review.
    await eventually(async () => membershipsOf(T).filter((m) => m.siren === siren).length >= 3, { what: 'the membership events', timeoutMs: 30_000 });
    await new Promise((r) => setTimeout(r, 1000));
    const steps = membershipsOf(T).filter((m) => m.siren === siren);
    expect(steps.map((m) => [m.status, m.validUntil ?? null])).toEqual([
      ['admitted', nextYear()],
      ['admitted', inTwoYears()],
      ['ended', null],
    ]);
    expect(steps[0]).toMatchObject({ companyId: A.companyId, groups: ['export', 'mécanique'] });
    expect(JSON.stringify(received)).not.toContain('Combien de salariés');
  });

  it('lets a coordinator invite a firm by SIREN, which accepts; refuses another with the reason the firm reads', async () => {
    const B = await firm(w, { legalName: 'Bureau Beta' });
    const bSiren = (await w.n.identity.http().get(`/companies/${B.companyId}`).set(bearer(B.admin.token)).expect(200)).body.siren as string;
    await http().post(`/territories/${T}/invitations`).set(bearer(coordinator.token)).send({ siren: bSiren, message: 'Rejoignez-nous' }).expect(201);
    expect((await http().get(`/companies/${B.companyId}/memberships/${T}`).set(bearer(B.admin.token)).expect(200)).body.status).toBe('invited');
    // A plain member of B cannot accept for it (403); its admin can.
    await http().post(`/companies/${B.companyId}/memberships/${T}/accept`).set(bearer(B.admin.token)).send({}).expect(200);
    expect((await http().get(`/territories/${T}/members/${bSiren}`).set(bearer(coordinator.token)).expect(200)).body).toMatchObject({ status: 'admitted', origin: 'invitation' });

    const D = await firm(w, { legalName: 'Dépôt Delta' });
    const dSiren = (await w.n.identity.http().get(`/companies/${D.companyId}`).set(bearer(D.admin.token)).expect(200)).body.siren as string;
    await http().post(`/companies/${D.companyId}/memberships`).set(bearer(D.admin.token)).send({ territoryId: T }).expect(201);
    const noReason = await http().post(`/territories/${T}/members/${dSiren}/refuse`).set(bearer(coordinator.token)).send({}).expect(400);
    expect(noReason.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));
    await http().post(`/territories/${T}/members/${dSiren}/refuse`).set(bearer(coordinator.token)).send({ reason: 'hors périmètre' }).expect(200);
    expect((await http().get(`/companies/${D.companyId}/memberships/${T}`).set(bearer(D.admin.token)).expect(200)).body).toMatchObject({ status: 'refused', reason: 'hors périmètre' });
    // After a refusal the firm may apply again.
    await http().post(`/companies/${D.companyId}/memberships`).set(bearer(D.admin.token)).send({ territoryId: T }).expect(201);
  });

  it('keeps territories apart: another coordinator, another firm and a plain member see nothing (404), and get nothing written', async () => {
    const siren = uniqueSiren();
    const E = await firm(w, { legalName: 'Entreprise Epsilon', siren });
    await http().post(`/companies/${E.companyId}/memberships`).set(bearer(E.admin.token)).send({ territoryId: T }).expect(201);
    const outsider = await firm(w, { legalName: 'Outsider' });
    for (const path of [`/territories/${T}/members`, `/territories/${T}/members/${siren}`, `/territories/${T}/members/${siren}/history`, `/territories/${T}/dashboard`, `/territories/${T}/network.gexf`, `/territories/${T}/history`]) {
      for (const token of [otherCoordinator.token, outsider.admin.token, E.admin.token]) {
        const r = await http().get(path).set(bearer(token));
        expect([path, r.status, r.body.error?.message]).toEqual([path, 404, 'territory not found']);
      }
    }
    await http().post(`/territories/${T}/members/${siren}/admit`).set(bearer(otherCoordinator.token)).send({}).expect(404);
    await http().post(`/territories/${T}/imports`).set(bearer(otherCoordinator.token)).send({ csv: `siren,name\n${uniqueSiren()},X\n`, dryRun: true }).expect(404);
    // A firm sees only its own: the outsider cannot read E's membership through its own company, nor through E's.
    await http().get(`/companies/${outsider.companyId}/memberships/${T}`).set(bearer(outsider.admin.token)).expect(404);
    await http().get(`/companies/${E.companyId}/memberships/${T}`).set(bearer(outsider.admin.token)).expect(404);
    expect((await http().get(`/companies/${outsider.companyId}/memberships`).set(bearer(outsider.admin.token)).expect(200)).body.total).toBe(0);
    expect((await http().get(`/territories/${T}/members/${siren}`).set(bearer(coordinator.token)).expect(200)).body.status).toBe('applied');
    // The parent's coordinators see nested territories; a nested territory's coordinators do not see the parent.
    const nested = await createTerritory(w, geographic('Lyon', ['69'], T), coordinator.token);
    const nestedCoordinator = await coordinatorOf(w, nested, 'Nested coordinator');
    await http().get(`/territories/${nested}/members`).set(bearer(coordinator.token)).expect(200);
    const mine = (await http().get('/me/territories').set(bearer(coordinator.token)).expect(200)).body;
    expect(mine.items.map((t: { territoryId: string; youCoordinate: boolean }) => [t.territoryId, t.youCoordinate]).sort()).toEqual([[T, true], [nested, true]].sort());
    expect((await http().get('/me/territories').set(bearer(nestedCoordinator.token)).expect(200)).body.items.map((t: { territoryId: string }) => t.territoryId)).toEqual([nested]);
    await http().get(`/territories/${T}/members`).set(bearer(nestedCoordinator.token)).expect(404);
    // Only a coordinator of the parent (or a platform admin) appoints: the nested coordinator gets 403 on its own territory.
    await http().put(`/territories/${nested}/coordinators/${otherCoordinator.personId}`).set(bearer(nestedCoordinator.token)).expect(403);
  });
});
