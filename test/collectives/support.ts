import { eventually } from '@opn/testing';
import { uniqueSiren } from '../../services/identity/test/identity-app';
import { Member, TestCompany, TestNetwork, bearer } from '../support/network';
import { FIRST_CONTACT_MS, TerritoriesWorld, coordinatorOf, createTerritory, firm, geographic, startTerritoriesWorld } from '../territories/support';

/** Identity, relations, territories and collectives in one process, with a platform admin and a territory T whose firms join collectives. */
export interface CollectivesWorld extends TerritoriesWorld {
  /** Collectives' HTTP client. */
  c: () => ReturnType<NonNullable<TestNetwork['collectives']>['http']>;
  T: string;
  coordinator: Member;
}

export async function startCollectivesWorld(env: Record<string, string> = {}, clock?: () => Date): Promise<CollectivesWorld> {
  const tw = await startTerritoriesWorld({}, undefined, { collectives: env, collectivesClock: clock });
  const c = () => tw.n.collectives!.http();
  await eventually(async () => (await c().get('/me').set(bearer(tw.admin.token))).body.platformRoles?.includes('platform_admin'), { what: 'collectives to know the admin', timeoutMs: FIRST_CONTACT_MS });
  const T = await createTerritory(tw, geographic('Rhône collectif'));
  const coordinator = await coordinatorOf(tw, T, 'Coordinator of T', FIRST_CONTACT_MS);
  return { ...tw, c, T, coordinator };
}

/**
 * A firm registered in identity and admitted to territory `territoryId` by its coordinator (an
 * import), once collectives knows the firm is there (its `GET /me` lists the territory).
 */
export async function memberFirm(w: CollectivesWorld, name: string, territoryId = w.T, coordinator = w.coordinator): Promise<TestCompany> {
  const siren = uniqueSiren();
  const f = await firm(w, { legalName: name, siren }, FIRST_CONTACT_MS);
  const job = await w.http().post(`/territories/${territoryId}/imports`).set(bearer(coordinator.token)).send({ csv: `siren,name\n${siren},${name}\n` }).expect(202);
  await eventually(async () => (await w.http().get(job.headers.location).set(bearer(coordinator.token))).body.state === 'done', { what: 'the import', timeoutMs: FIRST_CONTACT_MS });
  await untilCollectivesKnows(w, f.admin, (me) => me.companies?.some((x) => x.companyId === f.companyId && x.territories.includes(territoryId)));
  return f;
}

/** A firm on the platform but in no territory, once collectives knows its admin's company. */
export async function outsideFirm(w: CollectivesWorld, name: string): Promise<TestCompany> {
  const f = await firm(w, { legalName: name }, FIRST_CONTACT_MS);
  await untilCollectivesKnows(w, f.admin, (me) => me.companies?.some((x) => x.companyId === f.companyId));
  return f;
}

type Me = { companies?: Array<{ companyId: string; territories: string[] }>; platformRoles?: string[] };

export async function untilCollectivesKnows(w: CollectivesWorld, who: Member, check: (me: Me) => boolean | undefined): Promise<void> {
  await eventually(async () => check((await w.c().get('/me').set(bearer(who.token))).body as Me), { what: `collectives to know ${who.personId}`, timeoutMs: FIRST_CONTACT_MS });
}

export const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
export { geographic, createTerritory, coordinatorOf };
