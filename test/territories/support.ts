import { eventually } from '@opn/testing';
import { signUp, uniqueEmail } from '../../services/identity/test/identity-app';
import { Member, TestCompany, TestNetwork, bearer, company, person, startNetwork } from '../support/network';

/** Identity, relations and territories in one process, with a platform admin and a territory coordinator known to territories. */
export interface TerritoriesWorld {
  n: TestNetwork;
  admin: Member;
  http: () => ReturnType<NonNullable<TestNetwork['territories']>['http']>;
  close: () => Promise<void>;
}

/** How long a test waits for a service it just started to read its first event from Kafka. */
export const FIRST_CONTACT_MS = 90_000;

/** `more` starts other services beside them (collectives' tests). */
export async function startTerritoriesWorld(env: Record<string, string> = {}, clock?: () => Date, more: Omit<Parameters<typeof startNetwork>[0], 'identity' | 'territories' | 'territoriesClock'> = {}): Promise<TerritoriesWorld> {
  const adminEmail = uniqueEmail('territories-admin');
  const n = await startNetwork({ ...more, identity: { PLATFORM_ADMIN_EMAILS: adminEmail }, territories: env, territoriesClock: clock });
  const signed = await signUp(n.identity, adminEmail, 'Platform Admin');
  const admin = { personId: signed.personId, email: signed.email, token: signed.token };
  const http = () => n.territories!.http();
  // The first event a freshly started service reads waits for its consumer groups to join: on a
  // loaded machine (another suite booting a 3-broker cluster beside it) that took over 30 s once.
  await untilTerritoriesKnows(http, admin, (body) => body.platformRoles?.includes('platform_admin'), FIRST_CONTACT_MS);
  return { n, admin, http, close: () => n.close() };
}

/** Waits until territories' read model of identity's events says what `check` expects of `who` (its `GET /me`). */
export async function untilTerritoriesKnows(http: TerritoriesWorld['http'], who: Member, check: (body: { platformRoles?: string[] }) => boolean | undefined, timeoutMs = 30_000): Promise<void> {
  await eventually(async () => check((await http().get('/me').set(bearer(who.token))).body), { what: `territories to know ${who.personId}`, timeoutMs });
}

/** A person appointed coordinator of `territoryId` by the platform admin, once territories knows them. */
export async function coordinatorOf(w: TerritoriesWorld, territoryId: string, name = 'Coordinator', timeoutMs = 30_000): Promise<Member> {
  const c = await person(w.n, name, { tiesConsent: false });
  await eventually(
    async () => {
      const r = await w.http().put(`/territories/${territoryId}/coordinators/${c.personId}`).set(bearer(w.admin.token));
      return r.status === 200 ? r : r.status === 404 && r.body.error?.message === 'person not found' ? null : Promise.reject(new Error(`${r.status} ${JSON.stringify(r.body)}`));
    },
    { what: 'territories to know the new coordinator', timeoutMs },
  );
  return c;
}

export const geographic = (name: string, departements = ['69'], parentId?: string) => ({ name, kind: 'geographic', level: 'departement', ...(parentId ? { parentId } : {}), perimeter: { departements } });

export async function createTerritory(w: TerritoriesWorld, body: Record<string, unknown>, token = w.admin.token): Promise<string> {
  return (await w.http().post('/territories').set(bearer(token)).send(body).expect(201)).body.territoryId as string;
}

/** A company registered in identity (optionally with a given SIREN), once territories knows it and its admin. */
export async function firm(w: TerritoriesWorld, over: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<TestCompany> {
  const c = await company(w.n, over);
  await eventually(async () => (await w.http().get(`/companies/${c.companyId}/memberships`).set(bearer(c.admin.token))).status === 200, {
    what: `territories to know company ${c.companyId}`,
    timeoutMs,
  });
  return c;
}

/** The SIREN identity holds for a company (territories knows firms by SIREN). */
export async function sirenOf(w: TerritoriesWorld, c: TestCompany): Promise<string> {
  return (await w.n.identity.http().get(`/companies/${c.companyId}`).set(bearer(c.admin.token)).expect(200)).body.siren as string;
}
