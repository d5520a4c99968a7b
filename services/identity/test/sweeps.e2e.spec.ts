import type { EventStore } from '@opn/kernel';
import { rebuildProjection } from '@opn/projections';
import { MONGO, RAW_EVENT_STORE } from '@opn/service-kit';
import { ServiceSweepDeclaration, SweepFixture, bolaSweep, coverageSweep, describeServiceSweeps, massAssignmentSweep, rebuildSweep, sweepContext } from '@opn/testing';
import type { Connection } from 'mongoose';
import { identityService } from '../src/identity.service';
import { companyDirectoryProjection } from '../src/read-models';
import { TestIdentity, companyBody, signUp, startIdentity, uniqueEmail } from './identity-app';

const PASSWORD = 'correct horse battery staple';
const ADMIN_EMAIL = uniqueEmail('sweep-admin');

interface IdentityFixture extends SweepFixture {
  ownerEmail: string;
  /** The secret of A's pending invitation (sent to someone else's address). */
  pendingInvitationToken: string;
}

/**
 * Identity declared to the shared sweeps (libs/testing/src/sweeps): every operation of its
 * OpenAPI document classified, tenant A = a company with an admin, a member and a pending
 * invitation, tenant B = a signed-in admin of another company, plus a platform admin.
 */
function identitySweeps(t: TestIdentity): ServiceSweepDeclaration<IdentityFixture> {
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  let admin: string | undefined;
  const platformAdmin = async () => (admin ??= (await signUp(t, ADMIN_EMAIL, 'Platform Admin')).token);
  const freshInvitation = async (owner: string, companyId: string, email = uniqueEmail('invitee')) =>
    (await t.http().post(`/companies/${companyId}/invitations`).set(auth(owner)).send({ email }).expect(201)).body as { invitationId: string; token: string };

  return {
    service: 'identity',
    app: t.app,
    // Projections read the raw (sealed) log: so does their rebuild (ADR 0009).
    kit: { store: t.app.get<EventStore>(RAW_EVENT_STORE), mongo: t.app.get<Connection>(MONGO), rebuildProjection },
    projections: identityService.projections,
    fixture: async () => {
      const owner = await signUp(t, uniqueEmail('owner-a'), 'Owner A');
      const member = await signUp(t, uniqueEmail('member-a'), 'Member A');
      const outsider = await signUp(t, uniqueEmail('outsider-b'), 'Outsider B');
      const companyId = (await t.http().post('/companies').set(auth(owner.token)).send(companyBody()).expect(201)).body.companyId as string;
      await t.http().post('/companies').set(auth(outsider.token)).send(companyBody({ legalName: 'Tenant B' })).expect(201);
      const joining = await freshInvitation(owner.token, companyId, member.email);
      await t.http().post('/invitations/accept').set(auth(member.token)).send({ companyId, invitationId: joining.invitationId, token: joining.token }).expect(200);
      const pending = await freshInvitation(owner.token, companyId);
      return {
        owner: owner.token,
        ownerEmail: owner.email,
        pendingInvitationToken: pending.token,
        outsider: outsider.token,
        admin: await platformAdmin(),
        params: { companyId, invitationId: pending.invitationId, personId: member.personId, purpose: 'analytics', role: 'territory_coordinator' },
      };
    },
    operations: {
      'GET /health': { access: 'public' },
      'GET /health/live': { access: 'public' },
      'GET /health/ready': { access: 'public' },
      'GET /.well-known/jwks.json': { access: 'public' },
      'GET /metrics': { access: 'public' },
      'POST /auth/sign-up': { access: 'public', request: () => ({ body: { email: uniqueEmail('sweep'), password: PASSWORD, displayName: 'Sweep' } }) },
      'POST /auth/sign-in': { access: 'public', request: (f) => ({ body: { email: f.ownerEmail, password: PASSWORD } }) },
      'POST /auth/refresh': { access: 'public', request: async () => ({ body: { refreshToken: (await signUp(t)).refreshToken } }) },
      'POST /auth/sign-out': { access: 'self' },
      'GET /me': { access: 'self' },
      'PATCH /me': { access: 'self', request: () => ({ body: { headline: 'Sweeping' } }) },
      'PUT /me/password': {
        access: 'self',
        request: async () => {
          const someone = await signUp(t); // its own account: the control request changes the password
          return { token: someone.token, body: { currentPassword: PASSWORD, newPassword: 'another long password' } };
        },
      },
      'GET /me/consents': { access: 'self' },
      'PUT /me/consents/{purpose}': { access: 'self', request: () => ({ body: { granted: true, policyVersion: '2026-11' } }) },
      'GET /me/companies': { access: 'self' },
      'GET /me/export': { access: 'self' },
      'POST /me/erasure': {
        access: 'self',
        request: async () => {
          const someone = await signUp(t); // its own account: the control request erases it
          return { token: someone.token, body: { password: PASSWORD } };
        },
      },
      // A person or a platform admin; anyone else gets the 404 of an unknown person (no 403 oracle).
      'POST /people/{personId}/erasure': {
        access: 'tenant',
        ids: ['personId'],
        request: async (f) => ({ token: f.admin, params: { ...f.params, personId: (await signUp(t)).personId } }),
      },
      'POST /companies': { access: 'signed-in', request: () => ({ body: companyBody() }) },
      'GET /companies': { access: 'signed-in', request: () => ({ query: { capability: 'usinage cnc' } }) },
      'GET /companies/{companyId}': { access: 'open', ids: ['companyId'], because: "a company's public profile is open to every signed-in user (README, Tenancy)" },
      'PATCH /companies/{companyId}': { access: 'tenant', ids: ['companyId'], request: () => ({ body: { description: 'Swept' } }) },
      'GET /companies/{companyId}/members': { access: 'tenant', ids: ['companyId'] },
      'PATCH /companies/{companyId}/members/{personId}': { access: 'tenant', ids: ['companyId', 'personId'], request: () => ({ body: { role: 'company_admin' } }) },
      'DELETE /companies/{companyId}/members/{personId}': { access: 'tenant', ids: ['companyId', 'personId'] },
      'POST /companies/{companyId}/invitations': { access: 'tenant', ids: ['companyId'], request: () => ({ body: { email: uniqueEmail('invitee') } }) },
      'GET /companies/{companyId}/invitations': { access: 'tenant', ids: ['companyId'] },
      'DELETE /companies/{companyId}/invitations/{invitationId}': { access: 'tenant', ids: ['companyId', 'invitationId'] },
      // The ids travel in the body: only the invitee (by email) holding the token may use them.
      'POST /invitations/accept': {
        access: 'signed-in',
        foreign: (f) => {
          const ids = { companyId: f.params.companyId, invitationId: f.params.invitationId };
          return [{ body: { ...ids, token: f.pendingInvitationToken } }, { body: { ...ids, token: 'x'.repeat(43) } }];
        },
        request: async (f) => {
          const invitee = await signUp(t, uniqueEmail('invitee'));
          const invitation = await freshInvitation(f.owner, f.params.companyId, invitee.email);
          return { token: invitee.token, body: { companyId: f.params.companyId, invitationId: invitation.invitationId, token: invitation.token } };
        },
      },
      'GET /people/{personId}': { access: 'tenant', ids: ['personId'] },
      'PUT /people/{personId}/platform-roles/{role}': { access: 'admin', ids: ['personId'], request: (f) => ({ token: f.admin }) },
      'DELETE /people/{personId}/platform-roles/{role}': { access: 'admin', ids: ['personId'], request: (f) => ({ token: f.admin }) },
    },
    fuzz: { perOperation: 100, maxSeconds: 150 },
  };
}

describeServiceSweeps('identity', {
  start: () => startIdentity({ PLATFORM_ADMIN_EMAILS: ADMIN_EMAIL }),
  declare: identitySweeps,
});

/** Each sweep run where it must fail: a wrong declaration, an endpoint that ignores its body, a tampered read model. */
describe('identity: the sweeps catch what they are for', () => {
  let t: TestIdentity;
  let declaration: ServiceSweepDeclaration<IdentityFixture>;
  const failuresOf = (report: { failures: string[] }) => report.failures.join('\n');

  beforeAll(async () => {
    t = await startIdentity({ PLATFORM_ADMIN_EMAILS: ADMIN_EMAIL });
    declaration = identitySweeps(t);
  }, 60_000);
  afterAll(() => t?.close());

  it('coverage fails on an unclassified, a stale and a misclassified operation', async () => {
    const { 'GET /me': _unclassified, ...operations } = declaration.operations;
    const ctx = await sweepContext({ ...declaration, operations: { ...operations, 'GET /me/ghost': { access: 'self' }, 'GET /me/consents': { access: 'public' } } });
    const failures = failuresOf(await coverageSweep(ctx));
    expect(failures).toContain('GET /me: not classified');
    expect(failures).toContain('GET /me/ghost: declared but not in the OpenAPI document');
    expect(failures).toContain('GET /me/consents: declared public but answers 401');
  });

  it("BOLA fails when another tenant's id is answered (a profile declared tenant-owned)", async () => {
    const operations = { ...declaration.operations, 'GET /companies/{companyId}': { access: 'tenant' as const, ids: ['companyId'] } };
    const failures = failuresOf(await bolaSweep(await sweepContext({ ...declaration, operations })));
    expect(failures).toMatch(/GET \/companies\/\{companyId\} as another tenant with the owner's ids: expected 404, got 200/);
  });

  it('mass assignment fails on an endpoint that ignores its body and writes', async () => {
    const ctx = await sweepContext(declaration);
    // Sign-out takes no body: declared as taking one, every planted field is ignored and the session ends.
    ctx.operations = ctx.operations.map((op) => (op.key === 'POST /auth/sign-out' ? { ...op, body: { type: 'object', properties: {} } } : op)).filter((op) => op.body);
    const failures = failuresOf(await massAssignmentSweep(ctx));
    expect(failures).toMatch(/POST \/auth\/sign-out with an unknown field: expected 400, got 204/);
    expect(failures).toMatch(/POST \/auth\/sign-out with an unknown field: events were written/);
  });

  it('rebuild fails when a live read model differs from the fold of the log', async () => {
    const ctx = await sweepContext(declaration);
    const fixture = await declaration.fixture();
    const directory = ctx.mongo.collection(companyDirectoryProjection.collection);
    await directory.updateOne({ _id: fixture.params.companyId } as never, { $set: { description: 'tampered' } });
    const failures = failuresOf(await rebuildSweep(ctx));
    expect(failures).toMatch(new RegExp(`${fixture.params.companyId}: description live "tampered" rebuilt`));
  });
});
