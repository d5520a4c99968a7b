import { loadOrCreateKeys } from '@opn/auth';
import { SignJWT, generateKeyPair } from 'jose';
import { join } from 'node:path';
import { TestIdentity, companyBody, signUp, startIdentity, uniqueEmail, uniqueSiren } from './identity-app';

describe('bad input, tokens and tenancy', () => {
  let t: TestIdentity;
  let alice: Awaited<ReturnType<typeof signUp>>;
  let bob: Awaited<ReturnType<typeof signUp>>;
  let companyId: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startIdentity({ SIGN_IN_MAX_FAILURES: '3' });
    alice = await signUp(t, uniqueEmail('alice'), 'Alice');
    bob = await signUp(t, uniqueEmail('bob'), 'Bob');
    const created = await t.http().post('/companies').set(auth(alice.token)).send(companyBody()).expect(201);
    companyId = created.body.companyId;
  });
  afterAll(() => t.close());

  const countCompanies = async () => (await t.http().get('/companies').set(auth(alice.token)).expect(200)).body.total as number;

  describe('invalid input gets a 400 with a machine-readable body and writes nothing', () => {
    it.each([
      ['a SIREN failing its check digit', { siren: '732829321' }, 'siren'],
      ['a SIRET not starting with the SIREN', { siren: '732829320', siret: '44306184100047' }, 'siret'],
      ['an unknown NAF code', { nafCode: '00.00Z' }, 'nafCode'],
      ['an unknown field', { isVerified: true }, 'isVerified'],
      ['a privileged field (mass assignment)', { memberCount: 999, companyId: 'x' }, 'memberCount'],
      ['a wrong type', { legalName: 42 }, 'legalName'],
      ['a wrong nested type', { address: { line1: 'x', postalCode: 69002, city: 'Lyon', country: 'FR' } }, 'address.postalCode'],
      ['an out-of-range coordinate', { coordinates: { lat: 91, lon: 0 } }, 'coordinates.lat'],
      ['too many tags', { capabilities: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'capabilities'],
    ])('%s', async (_what, override, field) => {
      const before = await countCompanies();
      const res = await t.http().post('/companies').set(auth(alice.token)).send(companyBody(override)).expect(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', status: 400 });
      expect(JSON.stringify(res.body.error.details)).toContain(field);
      expect(await countCompanies()).toBe(before);
    });

    it('refuses malformed JSON, oversize bodies and a non-JSON root', async () => {
      const bad = await t.http().post('/companies').set(auth(alice.token)).set('Content-Type', 'application/json').send('{"legalName":').expect(400);
      expect(bad.body.error.status).toBe(400);
      const huge = await t
        .http()
        .post('/companies')
        .set(auth(alice.token))
        .send(companyBody({ description: 'x'.repeat(200_000) }))
        .expect(413);
      expect(huge.body.error.code).toBe('payload_too_large');
      await t.http().post('/companies').set(auth(alice.token)).set('Content-Type', 'application/json').send('[1,2]').expect(400);
    });

    it('does not claim the SIREN of a refused registration', async () => {
      const siren = uniqueSiren();
      await t.http().post('/companies').set(auth(alice.token)).send(companyBody({ siren, nafCode: 'nope' })).expect(400);
      await t.http().post('/companies').set(auth(bob.token)).send(companyBody({ siren })).expect(201);
    });

    it('answers 409 for a SIREN already registered and for an email already used', async () => {
      const siren = uniqueSiren();
      await t.http().post('/companies').set(auth(alice.token)).send(companyBody({ siren })).expect(201);
      const dup = await t.http().post('/companies').set(auth(bob.token)).send(companyBody({ siren })).expect(409);
      expect(dup.body.error.message).toMatch(/SIREN/);
      const again = await t.http().post('/auth/sign-up').send({ email: alice.email.toUpperCase(), password: 'another long password', displayName: 'X' }).expect(409);
      expect(again.body.error.code).toBe('illegal_state');
    });

    it('validates query parameters, path ids and headers', async () => {
      await t.http().get('/companies').query({ limit: 1000 }).set(auth(alice.token)).expect(400);
      await t.http().get('/companies').query({ page: 'two' }).set(auth(alice.token)).expect(400);
      await t.http().get('/companies/not-a-uuid').set(auth(alice.token)).expect(404);
      await t.http().patch(`/companies/${companyId}`).set(auth(alice.token)).set('If-Match', 'yesterday').send({ description: 'x' }).expect(400);
      await t.http().post('/companies').set(auth(alice.token)).set('Idempotency-Key', 'x').send(companyBody()).expect(400);
      const purpose = await t.http().put('/me/consents/newsletter').set(auth(alice.token)).send({ granted: true, policyVersion: 'v1' }).expect(400);
      expect(purpose.body.error.details).toEqual([{ field: 'purpose', message: 'unknown purpose' }]);
      await t.http().put(`/people/${bob.personId}/platform-roles/emperor`).set(auth(alice.token)).expect(400);
      await t.http().put('/me/consents/analytics').set(auth(alice.token)).send({ granted: true }).expect(400);
      const consents = await t.http().put('/me/consents/analytics').set(auth(alice.token)).send({ granted: true, policyVersion: '2026-11' }).expect(200);
      expect(consents.body.analytics).toMatchObject({ granted: true, policyVersion: '2026-11' });
    });
  });

  describe('access tokens', () => {
    const keysFile = () => join(t.dataDir, 'jwt-keys.json');
    const base = (sub: string) => new SignJWT({ roles: ['platform_admin'], sid: 's' }).setSubject(sub).setIssuedAt();

    it('refuses missing, malformed, forged, alg=none, expired, wrong-audience and wrong-issuer tokens with 401', async () => {
      const keys = await loadOrCreateKeys(keysFile());
      const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: 'EdDSA', typ: 'at+jwt' };
      const tokens = {
        forged: await base(alice.personId).setProtectedHeader(header).setIssuer('opn-identity').setAudience('opn').setExpirationTime('5m').sign(other.privateKey),
        expired: await base(alice.personId).setProtectedHeader(header).setIssuer('opn-identity').setAudience('opn').setIssuedAt(now - 3600).setExpirationTime(now - 60).sign(keys.privateKey),
        wrongAudience: await base(alice.personId).setProtectedHeader(header).setIssuer('opn-identity').setAudience('someone-else').setExpirationTime('5m').sign(keys.privateKey),
        wrongIssuer: await base(alice.personId).setProtectedHeader(header).setIssuer('evil').setAudience('opn').setExpirationTime('5m').sign(keys.privateKey),
        algNone: `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${Buffer.from(
          JSON.stringify({ sub: alice.personId, roles: ['platform_admin'], iss: 'opn-identity', aud: 'opn', iat: now, exp: now + 600 }),
        ).toString('base64url')}.`,
        tampered: alice.token.replace(/\.([^.]+)\./, (_m, payload: string) => {
          const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
          return `.${Buffer.from(JSON.stringify({ ...claims, roles: ['platform_admin'] })).toString('base64url')}.`;
        }),
      };
      for (const [name, token] of Object.entries(tokens)) {
        const res = await t.http().get('/me').set(auth(token));
        expect([name, res.status]).toEqual([name, 401]);
        expect(res.body.error.code).toBe('unauthorized');
      }
      await t.http().get('/me').expect(401);
      await t.http().get('/me').set('Authorization', 'Basic abc').expect(401);
      await t.http().get('/me').set(auth(alice.token)).expect(200);
    });
  });

  describe('sign-in, refresh and sign-out', () => {
    it('signs in, rotates refresh tokens and revokes the session when an old one is reused', async () => {
      const email = uniqueEmail('carol');
      await t.http().post('/auth/sign-up').send({ email, password: 'a long enough password', displayName: 'Carol' }).expect(201);
      const signIn = await t.http().post('/auth/sign-in').send({ email, password: 'a long enough password' }).expect(200);
      const first = signIn.body.refreshToken;
      const second = (await t.http().post('/auth/refresh').send({ refreshToken: first }).expect(200)).body.refreshToken;
      expect(second).not.toBe(first);
      await t.http().post('/auth/refresh').send({ refreshToken: first }).expect(401); // reuse: session revoked
      await t.http().post('/auth/refresh').send({ refreshToken: second }).expect(401); // the whole session is gone
    });

    it('ends the session on sign-out', async () => {
      const dave = await signUp(t, uniqueEmail('dave'), 'Dave');
      await t.http().post('/auth/sign-out').set(auth(dave.token)).expect(204);
      await t.http().post('/auth/refresh').send({ refreshToken: dave.refreshToken }).expect(401);
    });

    it('answers the same 401 for an unknown email and a wrong password, then rate-limits', async () => {
      const unknown = await t.http().post('/auth/sign-in').send({ email: uniqueEmail('nobody'), password: 'whatever password' }).expect(401);
      const wrong = await t.http().post('/auth/sign-in').send({ email: bob.email, password: 'wrong password!!' }).expect(401);
      expect(unknown.body).toEqual(wrong.body);
      await t.http().post('/auth/sign-in').send({ email: bob.email, password: 'wrong password!!' }).expect(401);
      await t.http().post('/auth/sign-in').send({ email: bob.email, password: 'wrong password!!' }).expect(401);
      const limited = await t.http().post('/auth/sign-in').send({ email: bob.email, password: 'correct horse battery staple' }).expect(429);
      expect(limited.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    });

    it('sets security headers', async () => {
      const res = await t.http().get('/health');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBeDefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    });
  });

  describe('tenancy: another company inside is a 404', () => {
    it('hides members, invitations and admin actions of a company from outsiders', async () => {
      const asBob = auth(bob.token);
      await t.http().get(`/companies/${companyId}`).set(asBob).expect(200); // the public profile is open
      await t.http().get(`/companies/${companyId}/members`).set(asBob).expect(404);
      await t.http().get(`/companies/${companyId}/invitations`).set(asBob).expect(404);
      await t.http().patch(`/companies/${companyId}`).set(asBob).send({ description: 'hacked' }).expect(404);
      await t.http().post(`/companies/${companyId}/invitations`).set(asBob).send({ email: uniqueEmail() }).expect(404);
      await t.http().patch(`/companies/${companyId}/members/${alice.personId}`).set(asBob).send({ role: 'member' }).expect(404);
      await t.http().delete(`/companies/${companyId}/members/${alice.personId}`).set(asBob).expect(404);
      await t.http().get(`/people/${alice.personId}`).set(asBob).expect(404);
      await t.http().put(`/people/${bob.personId}/platform-roles/platform_admin`).set(asBob).expect(403);
      const profile = await t.http().get(`/companies/${companyId}`).set(auth(alice.token)).expect(200);
      expect(profile.body.description).not.toBe('hacked');
    });

    it('lets an invited person in, as a member who cannot administer', async () => {
      const erin = await signUp(t, uniqueEmail('erin'), 'Erin');
      const invite = await t.http().post(`/companies/${companyId}/invitations`).set(auth(alice.token)).send({ email: erin.email }).expect(201);
      expect(invite.body.token).toHaveLength(43);
      const pending = await t.http().get(`/companies/${companyId}/invitations`).set(auth(alice.token)).query({ status: 'pending' }).expect(200);
      expect(JSON.stringify(pending.body)).not.toContain('tokenHash');
      await t.http().post('/invitations/accept').set(auth(bob.token)).send({ companyId, invitationId: invite.body.invitationId, token: invite.body.token }).expect(404);
      await t.http().post('/invitations/accept').set(auth(erin.token)).send({ companyId, invitationId: invite.body.invitationId, token: 'x'.repeat(43) }).expect(404);
      await t.http().post('/invitations/accept').set(auth(erin.token)).send({ companyId, invitationId: invite.body.invitationId, token: invite.body.token }).expect(200);
      const members = await t.http().get(`/companies/${companyId}/members`).set(auth(erin.token)).expect(200);
      expect(members.body.items.map((m: { personId: string; role: string }) => [m.personId, m.role])).toEqual([
        [alice.personId, 'company_admin'],
        [erin.personId, 'member'],
      ]);
      expect(members.body.items[1].displayName).toBe('Erin');
      await t.http().patch(`/companies/${companyId}`).set(auth(erin.token)).send({ description: 'by a member' }).expect(403);
      await t.http().get(`/companies/${companyId}/invitations`).set(auth(erin.token)).expect(403);
      await t.http().get(`/people/${alice.personId}`).set(auth(erin.token)).expect(200);
      // The last admin cannot be demoted; a member may leave.
      await t.http().patch(`/companies/${companyId}/members/${alice.personId}`).set(auth(alice.token)).send({ role: 'member' }).expect(409);
      await t.http().delete(`/companies/${companyId}/members/${erin.personId}`).set(auth(erin.token)).expect(204);
      await t.http().get(`/companies/${companyId}/members`).set(auth(erin.token)).expect(404);
    });
  });
});
