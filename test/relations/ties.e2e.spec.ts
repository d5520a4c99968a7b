import type { KeyStore } from '@opn/kernel';
import { RELATIONS_TOPICS } from '@opn/relations-contracts';
import { KEY_STORE, MONGO } from '@opn/service-kit';
import { eventually, readTopic, testInfra } from '@opn/testing';
import type { Connection } from 'mongoose';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { signUp, uniqueEmail } from '../../services/identity/test/identity-app';
import { Member, TestCompany, TestNetwork, bearer, company, confirmTie, declareTie, join, person, startNetwork } from '../support/network';

/**
 * Personal ties across identity and relations: who sees what of a tie at each visibility level,
 * through every ties endpoint, the k-suppressed reach aggregates, dormancy and erasure.
 */
describe('personal ties (relations, with identity over Kafka)', () => {
  const K = 2;
  const rootEmail = uniqueEmail('root');
  let n: TestNetwork;
  let companyA: TestCompany; // département 23, sector 25
  let companyB: TestCompany; // département 75, sector 62
  let companyC: TestCompany; // the outsider's company, département 33
  let p1: Member;
  let colleague: Member;
  let q: Member; // p1's tie
  let r: Member; // the colleague's tie, so the reach counts two people on each side
  let coordinator: Member;
  let root: Member;
  let outsider: Member;

  const rel = () => n.relations.http();
  /** An id of the same shape as a real one (22 base64url characters) that no tie has. */
  const unknownTieId = () => randomBytes(16).toString('base64url').slice(0, 22);
  const today = () => new Date().toISOString().slice(0, 10);
  const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);

  const untilRole = (who: Member, role: string) =>
    eventually(async () => ((await rel().get('/me/companies').set(bearer(who.token))).body.platformRoles as string[] | undefined)?.includes(role), { what: `relations to know ${role}`, timeoutMs: 30_000 });

  const declare = (by: Member, other: Member, body: Record<string, unknown>) => declareTie(n, by, other, body);
  const confirm = async (by: Member, tieId: string, visibility: string) => confirmTie(n, by, tieId, visibility);

  beforeAll(async () => {
    n = await startNetwork({ identity: { PLATFORM_ADMIN_EMAILS: rootEmail }, relations: { REACH_MIN_PEOPLE: String(K), DORMANT_AFTER_DAYS: '30' } });
    const signedUp = await signUp(n.identity, rootEmail, 'Root');
    root = { personId: signedUp.personId, email: rootEmail, token: signedUp.token };
    [p1, colleague, q, r, coordinator] = [await person(n, 'Paul'), await person(n, 'Colette'), await person(n, 'Quentin'), await person(n, 'Rose'), await person(n, 'Coralie')];
    companyA = await company(n, { nafCode: '25.62B', address: { line1: '1 rue', postalCode: '23000', city: 'Guéret', country: 'FR' } });
    companyB = await company(n, { nafCode: '62.01Z', address: { line1: '1 rue', postalCode: '75001', city: 'Paris', country: 'FR' } });
    companyC = await company(n, { nafCode: '47.11Z', address: { line1: '1 rue', postalCode: '33000', city: 'Bordeaux', country: 'FR' } });
    outsider = companyC.admin;
    await join(n, companyA, p1);
    await join(n, companyA, colleague);
    await join(n, companyB, q);
    await join(n, companyB, r);
    await untilRole(root, 'platform_admin');
    await n.identity.http().put(`/people/${coordinator.personId}/platform-roles/territory_coordinator`).set(bearer(root.token)).expect(204);
    await untilRole(coordinator, 'territory_coordinator');
  }, 240_000);

  afterAll(async () => {
    await n?.close();
  });

  it('asks for the consent and a known person', async () => {
    const shy = await person(n, 'Shy', { tiesConsent: false });
    const refused = await rel().post('/ties').set(bearer(shy.token)).send({ otherPersonId: p1.personId, kinds: ['family'], strength: 3, visibility: 'private' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('consent personal_ties is required');
    await eventually(async () => {
      const r404 = await rel().post('/ties').set(bearer(p1.token)).send({ otherPersonId: randomUUID(), kinds: ['family'], strength: 3, visibility: 'private' });
      return r404.status === 404 && r404.body.error.message === 'person not found';
    });
    const bad = await rel().post('/ties').set(bearer(p1.token)).send({ otherPersonId: q.personId, kinds: ['enemies'], strength: 9, visibility: 'everyone' });
    expect(bad.status).toBe(400);
  });

  describe.each(['private', 'company', 'territory', 'members'] as const)('a confirmed %s tie', (level) => {
    let tieId: string;
    let helperId: string;
    let unknown: { status: number; body: unknown };

    beforeAll(async () => {
      // p1 - q: the swept tie; colleague - r: a second tie of company A, so aggregates reach k on both sides.
      tieId = await declare(p1, q, { kinds: ['family', 'hobby'], strength: 4, lastContactOn: daysAgo(2), visibility: level, note: `met at school (${level})` });
      await confirm(q, tieId, 'members');
      helperId = await declare(colleague, r, { kinds: ['family'], strength: 2, visibility: level });
      await confirm(r, helperId, level);
      const u = await rel().get(`/ties/${unknownTieId()}`).set(bearer(p1.token));
      unknown = { status: u.status, body: u.body };
      expect(unknown).toEqual({ status: 404, body: { error: { code: expect.any(String), message: 'tie not found', status: 404 } } });
    }, 120_000);

    afterAll(async () => {
      await rel().post(`/ties/${tieId}/end`).set(bearer(p1.token)).expect(200);
      await rel().post(`/ties/${helperId}/end`).set(bearer(colleague.token)).expect(200);
    });

    const others = () => ({ colleague, admin: companyA.admin, coordinator, outsider, root });
    const membersSee = level === 'members';
    const companyCounts = level !== 'private';
    const territoryCounts = level === 'territory' || level === 'members';

    it('shows everything, the note included, to its two people', async () => {
      for (const who of [p1, q]) {
        const res = await rel().get(`/ties/${tieId}`).set(bearer(who.token)).expect(200);
        expect(res.body).toMatchObject({
          tieId,
          people: [p1.personId, q.personId].sort(),
          proposedBy: p1.personId,
          status: 'confirmed',
          kinds: ['family', 'hobby'],
          strength: 4,
          visibility: { [p1.personId]: level, [q.personId]: 'members' },
          effective: level,
          note: `met at school (${level})`,
          dormant: false,
        });
        const mine = await rel().get('/me/ties').set(bearer(who.token)).expect(200);
        expect(mine.body.items.map((t: { tieId: string }) => t.tieId)).toContain(tieId);
        const theirs = await rel().get(`/people/${who.personId}/ties`).set(bearer(who.token)).expect(200);
        expect(theirs.body.items.map((t: { tieId: string }) => t.tieId)).toContain(tieId);
        const history = await rel().get(`/ties/${tieId}/history`).set(bearer(who.token)).expect(200);
        const steps = history.body.items as { type: string; details: { note?: string } }[];
        expect(steps.slice(-2).map((s) => s.type)).toEqual(['TieDeclared', 'TieConfirmed']);
        expect(steps[steps.length - 2].details.note).toBe(`met at school (${level})`);
      }
    });

    it(`shows it to every other role ${membersSee ? 'without the note' : 'nowhere: the 404 of an unknown tie'}`, async () => {
      for (const [role, who] of Object.entries(others())) {
        const res = await rel().get(`/ties/${tieId}`).set(bearer(who.token));
        if (membersSee) {
          expect([role, res.status]).toEqual([role, 200]);
          expect(res.body).toEqual({
            tieId,
            people: [p1.personId, q.personId].sort(),
            status: 'confirmed',
            kinds: ['family', 'hobby'],
            strength: 4,
            lastContactOn: daysAgo(2),
            confirmedAt: expect.any(String),
            effective: 'members',
            dormant: false,
            updatedAt: expect.any(String),
          });
        } else {
          expect([role, { status: res.status, body: res.body }]).toEqual([role, unknown]);
        }
        const list = await rel().get(`/people/${p1.personId}/ties`).set(bearer(who.token)).expect(200);
        expect([role, list.body.items.map((t: { tieId: string }) => t.tieId), list.body.total]).toEqual([role, membersSee ? [tieId] : [], membersSee ? 1 : 0]);
        if (membersSee) expect(list.body.items[0]).not.toHaveProperty('note');
        const mine = await rel().get('/me/ties').set(bearer(who.token)).expect(200);
        expect(mine.body.items.map((t: { tieId: string }) => t.tieId)).not.toContain(tieId);
        // The history is for the two people only, whatever the visibility.
        const history = await rel().get(`/ties/${tieId}/history`).set(bearer(who.token));
        expect([role, { status: history.status, body: history.body }]).toEqual([role, unknown]);
      }
    });

    it(`${companyCounts ? 'counts' : 'does not count'} it in the company reach, for company admins and platform admins only`, async () => {
      for (const who of [companyA.admin, root]) {
        const res = await rel().get(`/companies/${companyA.companyId}/reach`).set(bearer(who.token)).expect(200);
        if (companyCounts) {
          // p1 - q (family, hobby) and colleague - r (family): 2 people on each side.
          expect(res.body.total).toEqual({ ties: 2, people: 2, suppressed: false });
          expect(res.body.bySector.cells).toEqual([{ key: '62', ties: 2, people: 2, suppressed: false }]);
          expect(res.body.byDepartement.cells).toEqual([{ key: '75', ties: 2, people: 2, suppressed: false }]);
          // hobby describes one person on each side: under k, suppressed; family with it (secondary suppression).
          expect(res.body.byKind.cells).toEqual([
            { key: 'family', ties: null, people: null, suppressed: true },
            { key: 'hobby', ties: null, people: null, suppressed: true },
          ]);
        } else {
          expect(res.body.total).toEqual({ ties: null, people: null, suppressed: true });
          expect(res.body.byKind.cells).toEqual([]);
        }
        expect(JSON.stringify(res.body)).not.toContain(p1.personId);
        expect(JSON.stringify(res.body)).not.toContain(q.personId);
      }
      for (const [role, who] of Object.entries({ p1, q, colleague, coordinator, outsider })) {
        const res = await rel().get(`/companies/${companyA.companyId}/reach`).set(bearer(who.token));
        expect([role, res.status, res.body.error?.message]).toEqual([role, 404, 'company not found']);
      }
    });

    it(`${territoryCounts ? 'counts' : 'does not count'} it in the territory reach, for coordinators and platform admins only`, async () => {
      for (const who of [coordinator, root]) {
        const res = await rel().get('/territories/23/reach').set(bearer(who.token)).expect(200);
        if (territoryCounts) {
          expect(res.body.total).toEqual({ ties: 2, people: 2, suppressed: false });
          expect(res.body.bySector.cells).toEqual([{ key: '62', ties: 2, people: 2, suppressed: false }]);
        } else {
          expect(res.body.total).toEqual({ ties: null, people: null, suppressed: true });
          expect(res.body.bySector.cells).toEqual([]);
        }
      }
      // Seen from the other end's territory too: q and r are in 75.
      const paris = await rel().get('/territories/75/reach').set(bearer(coordinator.token)).expect(200);
      expect(paris.body.total).toEqual(territoryCounts ? { ties: 2, people: 2, suppressed: false } : { ties: null, people: null, suppressed: true });
      for (const [role, who] of Object.entries({ p1, q, colleague, admin: companyA.admin, outsider })) {
        const res = await rel().get('/territories/23/reach').set(bearer(who.token));
        expect([role, res.status, res.body.error?.message]).toEqual([role, 404, 'territory not found']);
      }
    });
  });

  it('lets its people change kinds, strength and their own visibility, and declines and withdrawals end a proposal', async () => {
    const t = await person(n, 'Tom');
    const tieId = await declare(p1, t, { kinds: ['partner'], strength: 3, visibility: 'members' });
    // A proposal is the two people's only, even declared open to members.
    expect((await rel().get(`/ties/${tieId}`).set(bearer(colleague.token))).status).toBe(404);
    expect((await rel().post(`/ties/${tieId}/confirm`).set(bearer(p1.token)).send({ visibility: 'members' })).status).toBe(409);
    await confirm(t, tieId, 'members');
    expect((await rel().get(`/ties/${tieId}`).set(bearer(colleague.token)).expect(200)).body.effective).toBe('members');
    await rel().patch(`/ties/${tieId}`).set(bearer(t.token)).send({ kinds: ['partner', 'client'], strength: 5 }).expect(200);
    expect((await rel().get(`/ties/${tieId}`).set(bearer(colleague.token)).expect(200)).body).toMatchObject({ kinds: ['client', 'partner'], strength: 5 });
    // Either side narrowing hides it from members at once.
    await rel().put(`/ties/${tieId}/visibility`).set(bearer(t.token)).send({ visibility: 'company' }).expect(200);
    expect((await rel().get(`/ties/${tieId}`).set(bearer(colleague.token))).status).toBe(404);
    expect((await rel().get(`/ties/${tieId}`).set(bearer(p1.token)).expect(200)).body).toMatchObject({ effective: 'company', visibility: { [p1.personId]: 'members', [t.personId]: 'company' } });
    // Someone else cannot act on it: the 404 of an unknown tie.
    expect((await rel().post(`/ties/${tieId}/end`).set(bearer(colleague.token))).body).toEqual((await rel().post(`/ties/${unknownTieId()}/end`).set(bearer(colleague.token))).body);
    await rel().post(`/ties/${tieId}/end`).set(bearer(t.token)).expect(200);
    const u = await person(n, 'Ursula');
    const declined = await declare(p1, u, { kinds: ['family'], strength: 1, visibility: 'private' });
    expect((await rel().post(`/ties/${declined}/decline`).set(bearer(u.token)).expect(200)).body).toEqual({ tieId: declined, status: 'declined' });
    expect((await rel().get(`/me/ties?status=declined`).set(bearer(p1.token)).expect(200)).body.items.map((x: { tieId: string }) => x.tieId)).toEqual([declined]);
  });

  it('shows a tie without recent contact as dormant, and a contact revives it', async () => {
    const s = await person(n, 'Sam');
    const tieId = await declare(p1, s, { kinds: ['classmates'], strength: 2, lastContactOn: daysAgo(100), visibility: 'private' });
    await confirm(s, tieId, 'private');
    expect((await rel().get(`/ties/${tieId}`).set(bearer(p1.token)).expect(200)).body.dormant).toBe(true);
    const dormant = await rel().get('/me/ties?dormant=true').set(bearer(p1.token)).expect(200);
    expect(dormant.body.items.map((t: { tieId: string }) => t.tieId)).toEqual([tieId]);
    await rel().post(`/ties/${tieId}/contact`).set(bearer(s.token)).send({ on: daysAgo(1) }).expect(200);
    expect((await rel().get(`/ties/${tieId}`).set(bearer(p1.token)).expect(200)).body).toMatchObject({ dormant: false, lastContactOn: daysAgo(1) });
    expect((await rel().get('/me/ties?dormant=true').set(bearer(p1.token)).expect(200)).body.total).toBe(0);
    const history = await rel().get(`/ties/${tieId}/history`).set(bearer(p1.token)).expect(200);
    expect(history.body.items.at(-1)).toMatchObject({ type: 'TieContactRecorded', by: s.personId, details: { on: daysAgo(1), revived: true } });
    expect(today() >= daysAgo(1)).toBe(true);
  });

  it('narrows the ties of a person who withdraws the personal_ties consent to the two people, within seconds', async () => {
    const w = await person(n, 'Walter');
    const tieId = await declare(p1, w, { kinds: ['association'], strength: 2, visibility: 'members' });
    await confirm(w, tieId, 'members');
    expect((await rel().get(`/ties/${tieId}`).set(bearer(colleague.token)).expect(200)).body.effective).toBe('members');
    await n.identity.http().put('/me/consents/personal_ties').set(bearer(w.token)).send({ granted: false }).expect(200);
    await eventually(async () => (await rel().get(`/ties/${tieId}`).set(bearer(colleague.token))).status === 404, { what: 'the tie to narrow', timeoutMs: 30_000 });
    const own = (await rel().get(`/ties/${tieId}`).set(bearer(w.token)).expect(200)).body;
    expect(own).toMatchObject({ effective: 'private', visibility: { [w.personId]: 'private', [p1.personId]: 'members' } });
    const steps = (await rel().get(`/ties/${tieId}/history`).set(bearer(p1.token)).expect(200)).body.items;
    expect(steps[steps.length - 1]).toMatchObject({ type: 'TieVisibilityChanged', by: w.personId });
  });

  it("erases a person's ties within seconds of their erasure in identity", async () => {
    const e = await person(n, 'Eve');
    const tieId = await declare(p1, e, { kinds: ['hobby'], strength: 3, visibility: 'members', note: 'chess club' });
    await confirm(e, tieId, 'members');
    expect((await rel().get(`/ties/${tieId}`).set(bearer(colleague.token)).expect(200)).body.tieId).toBe(tieId);
    await n.identity.http().post('/me/erasure').set(bearer(e.token)).send({ password: 'correct horse battery staple' }).expect(204);
    await eventually(async () => (await rel().get(`/ties/${tieId}`).set(bearer(p1.token))).status === 404, { what: 'the tie to be erased', timeoutMs: 30_000 });
    const unknown = await rel().get(`/ties/${unknownTieId()}`).set(bearer(p1.token));
    expect((await rel().get(`/ties/${tieId}`).set(bearer(p1.token))).body).toEqual(unknown.body);
    const mine = await rel().get('/me/ties').set(bearer(p1.token)).expect(200);
    expect(mine.body.items.map((t: { tieId: string }) => t.tieId)).not.toContain(tieId);
    expect((await rel().get(`/ties/${tieId}/history`).set(bearer(p1.token))).status).toBe(404);
    // The note's key is gone: the note reads [erased] in the log for good.
    expect(await n.relations.app.get<KeyStore>(KEY_STORE).isDestroyed(`tie-${tieId}`)).toBe(true);
  });

  it('leaves no plaintext of a tie note anywhere after an erasure: event store files, MongoDB, Kafka', async () => {
    const canary = `cnrynote${randomBytes(6).toString('hex')}`;
    const f = await person(n, 'Frida');
    const tieId = await declare(f, p1, { kinds: ['family'], strength: 5, visibility: 'members', note: `cousins, ${canary}` });
    await confirm(p1, tieId, 'members');
    expect((await rel().get(`/ties/${tieId}`).set(bearer(p1.token)).expect(200)).body.note).toContain(canary);
    await n.identity.http().post('/me/erasure').set(bearer(f.token)).send({ password: 'correct horse battery staple' }).expect(204);
    await eventually(async () => (await rel().get(`/ties/${tieId}`).set(bearer(p1.token))).status === 404, { what: 'the tie to be erased', timeoutMs: 30_000 });

    const dir = n.relations.dataDir;
    const files = readdirSync(dir).map((name) => joinPath(dir, name)).filter((file) => statSync(file).isFile());
    const stored = files.map((file) => readFileSync(file).toString('latin1')).join('\n');
    expect(stored).toContain(`tie-${tieId}`); // the scan does see the log's text
    expect(stored).not.toContain(canary);
    const db = n.relations.app.get<Connection>(MONGO).db!;
    let documents = '';
    for (const c of await db.listCollections().toArray()) documents += JSON.stringify(await db.collection(c.name).find({}).toArray());
    expect(documents).not.toContain(canary);
    const messages = await readTopic(testInfra().kafkaBrokers, RELATIONS_TOPICS.tie, (ms) => ms.some((m) => m.key === tieId && (m.value as { type: string }).type === 'relations.TieWithdrawn'), 30_000);
    expect(JSON.stringify(messages)).not.toContain(canary);
  });
});
