import { eventually } from '@opn/testing';
import { Member, TestNetwork, bearer } from '../support/network';
import { FIRST_CONTACT_MS } from '../territories/support';

export type RecoHttp = () => ReturnType<NonNullable<TestNetwork['recommendations']>['http']>;

/** Waits until recommendations' read model of identity's events says what `check` expects of `who` (its `GET /me`). */
export async function untilRecoKnows(http: RecoHttp, who: Member, check: (body: { known?: boolean; platformRoles?: string[]; companies?: Array<{ companyId: string }>; brokersIntroductions?: boolean }) => boolean | undefined, timeoutMs = FIRST_CONTACT_MS): Promise<void> {
  await eventually(async () => check((await http().get('/me').set(bearer(who.token))).body), { what: `recommendations to know ${who.personId}`, timeoutMs });
}

/** A company relation proposed by `a` and confirmed by `b` (relations publishes it once active). */
export async function relate(n: TestNetwork, a: { companyId: string; admin: Member }, b: { companyId: string; admin: Member }, kind = 'partner'): Promise<string> {
  const rel = () => n.relations.http();
  const relationId = (await rel().post(`/companies/${a.companyId}/relations`).set(bearer(a.admin.token)).send({ partnerCompanyId: b.companyId, kind }).expect(201)).body.relationId as string;
  await rel().post(`/companies/${b.companyId}/relations/${relationId}/confirm`).set(bearer(b.admin.token)).send({}).expect(200);
  return relationId;
}

/** Grants `warm_introductions` in identity: the person brokers introductions. */
export async function brokers(n: TestNetwork, who: Member): Promise<void> {
  await n.identity.http().put('/me/consents/warm_introductions').set(bearer(who.token)).send({ granted: true, policyVersion: '2026-11' }).expect(200);
}
