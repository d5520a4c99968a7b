import { eventually } from '@opn/testing';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { TestIdentity, companyBody, signUp, startIdentity, uniqueEmail } from '../../services/identity/test/identity-app';
import { TestCollectives, startCollectives } from '../../services/collectives/test/collectives-app';
import { TestRecommendations, startRecommendations } from '../../services/recommendations/test/recommendations-app';
import { TestRelations, startRelations } from '../../services/relations/test/relations-app';
import { TestTerritories, startTerritories } from '../../services/territories/test/territories-app';

export interface TestNetwork {
  identity: TestIdentity;
  relations: TestRelations;
  /** Started when `startNetwork` is given `territories`. */
  territories?: TestTerritories;
  /** Started when `startNetwork` is given `collectives`. */
  collectives?: TestCollectives;
  /** Started when `startNetwork` is given `recommendations`. */
  recommendations?: TestRecommendations;
  close: () => Promise<void>;
}

/**
 * Identity and relations in one process, against the real Kafka and FerretDB of the jest global
 * setup: identity signs tokens with a key pair set in the environment, relations verifies them
 * with its public key and learns memberships, roles and consents from identity's events on Kafka.
 */
export async function startNetwork(
  env: { identity?: Record<string, string>; relations?: Record<string, string>; relationsClock?: () => Date; territories?: Record<string, string>; territoriesClock?: () => Date; collectives?: Record<string, string>; collectivesClock?: () => Date; recommendations?: Record<string, string>; recommendationsClock?: () => Date } = {},
): Promise<TestNetwork> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  Object.assign(process.env, { JWT_PRIVATE_KEY: await exportPKCS8(privateKey), JWT_PUBLIC_KEY: await exportSPKI(publicKey), JWT_KEY_ID: 'test' });
  const identity = await startIdentity(env.identity);
  const relations = await startRelations(env.relations, { clock: env.relationsClock });
  const territories = env.territories ? await startTerritories(env.territories, { clock: env.territoriesClock }) : undefined;
  const collectives = env.collectives ? await startCollectives(env.collectives, { clock: env.collectivesClock }) : undefined;
  const recommendations = env.recommendations ? await startRecommendations(env.recommendations, { clock: env.recommendationsClock }) : undefined;
  return {
    identity,
    relations,
    territories,
    collectives,
    recommendations,
    close: async () => {
      await recommendations?.close();
      await collectives?.close();
      await territories?.close();
      await relations.close();
      await identity.close();
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface Member {
  personId: string;
  email: string;
  token: string;
}

export interface TestCompany {
  companyId: string;
  admin: Member;
}

/** A person signed up in identity, with consent to declare personal ties unless told otherwise. */
export async function person(n: TestNetwork, name = 'Someone', options: { tiesConsent?: boolean; email?: string } = {}): Promise<Member> {
  const p = await signUp(n.identity, options.email ?? uniqueEmail(name.toLowerCase().replace(/[^a-z]/g, '') || 'p'), name);
  if (options.tiesConsent !== false) {
    await n.identity.http().put('/me/consents/personal_ties').set(bearer(p.token)).send({ granted: true, policyVersion: '2026-11' }).expect(200);
  }
  return { personId: p.personId, email: p.email, token: p.token };
}

/** A company registered in identity by a new admin, once relations knows it and its admin. */
export async function company(n: TestNetwork, over: Record<string, unknown> = {}, admin?: Member): Promise<TestCompany> {
  const owner = admin ?? (await person(n, 'Admin'));
  const companyId = (await n.identity.http().post('/companies').set(bearer(owner.token)).send(companyBody(over)).expect(201)).body.companyId as string;
  await untilMember(n, owner, companyId);
  return { companyId, admin: owner };
}

/** Invites and adds a person to a company as a member (or admin), once relations knows it. */
export async function join(n: TestNetwork, c: TestCompany, who: Member, role: 'member' | 'company_admin' = 'member'): Promise<void> {
  const invitation = (await n.identity.http().post(`/companies/${c.companyId}/invitations`).set(bearer(c.admin.token)).send({ email: who.email, role }).expect(201)).body;
  await n.identity.http().post('/invitations/accept').set(bearer(who.token)).send({ companyId: c.companyId, invitationId: invitation.invitationId, token: invitation.token }).expect(200);
  await untilMember(n, who, c.companyId);
}

/** Waits until relations' own read model counts `who` as a member of the company. */
export async function untilMember(n: TestNetwork, who: Member, companyId: string, timeoutMs = 30_000): Promise<void> {
  await eventually(async () => (await n.relations.http().get('/me/companies').set(bearer(who.token))).body.items?.some((c: { companyId: string }) => c.companyId === companyId), {
    what: `relations to know ${who.personId} in ${companyId}`,
    timeoutMs,
  });
}

/** Declares a tie once relations knows the declarer's consent and the other person (both arrive over Kafka). */
export async function declareTie(n: TestNetwork, by: Member, other: Member, body: Record<string, unknown>): Promise<string> {
  const res = await eventually(
    async () => {
      const r = await n.relations.http().post('/ties').set(bearer(by.token)).send({ otherPersonId: other.personId, ...body });
      if (r.status === 409 && r.body.error.message === 'consent personal_ties is required') return null;
      if (r.status === 404 && r.body.error.message === 'person not found') return null;
      return r;
    },
    { what: 'a tie declaration', timeoutMs: 30_000 },
  );
  if (res.status !== 201) throw new Error(`declaring a tie: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.tieId as string;
}

/** Confirms a tie once relations knows the confirmer's consent. */
export async function confirmTie(n: TestNetwork, by: Member, tieId: string, visibility: string): Promise<void> {
  const res = await eventually(
    async () => {
      const r = await n.relations.http().post(`/ties/${tieId}/confirm`).set(bearer(by.token)).send({ visibility });
      return r.status === 409 && r.body.error.message === 'consent personal_ties is required' ? null : r;
    },
    { what: 'a tie confirmation', timeoutMs: 30_000 },
  );
  if (res.status !== 200) throw new Error(`confirming a tie: ${res.status} ${JSON.stringify(res.body)}`);
}
