import { eventually } from '@opn/testing';
import { TestCompany, TestNetwork, bearer, company, join, person, startNetwork, untilMember } from '../support/network';

/** Company relations end to end: identity and relations in-process on the real Kafka and FerretDB. */
describe('relations: company relations', () => {
  let n: TestNetwork;
  let a: TestCompany;
  let b: TestCompany;

  beforeAll(async () => {
    n = await startNetwork();
    [a, b] = await Promise.all([company(n, { legalName: 'Atelier A' }), company(n, { legalName: 'Bureau B', address: { line1: '1 rue X', postalCode: '75002', city: 'Paris', country: 'FR' } })]);
  }, 120_000);
  afterAll(() => n?.close());

  const http = () => n.relations.http();

  it('is proposed by one company, confirmed by the other, suspended, resumed and ended, with its whole history', async () => {
    const proposed = await http().post(`/companies/${a.companyId}/relations`).set(bearer(a.admin.token)).send({ partnerCompanyId: b.companyId, kind: 'supplier', startsOn: '2026-01-15' }).expect(201);
    const relationId = proposed.body.relationId as string;
    expect(proposed.headers.location).toBe(`/relations/${relationId}`);

    // B reads it from its own side: A is B's client.
    const seenByB = await http().get(`/companies/${b.companyId}/relations`).set(bearer(b.admin.token)).expect(200);
    expect(seenByB.body.items).toEqual([expect.objectContaining({ relationId, partnerCompanyId: a.companyId, kind: 'client', status: 'proposed', proposal: 'received' })]);

    // The proposer cannot confirm its own proposal; confirming twice is refused and changes nothing.
    const own = await http().post(`/companies/${a.companyId}/relations/${relationId}/confirm`).set(bearer(a.admin.token)).send({}).expect(409);
    expect(own.body.error).toMatchObject({ code: 'illegal_state', message: expect.stringMatching(/only the other company/) });
    await http().post(`/companies/${b.companyId}/relations/${relationId}/confirm`).set(bearer(b.admin.token)).send({}).expect(200, { relationId, status: 'active' });
    const twice = await http().post(`/companies/${b.companyId}/relations/${relationId}/confirm`).set(bearer(b.admin.token)).send({}).expect(409);
    expect(twice.body.error.message).toMatch(/already active/);

    await http().post(`/companies/${b.companyId}/relations/${relationId}/suspend`).set(bearer(b.admin.token)).send({ reason: 'audit' }).expect(200, { relationId, status: 'suspended' });
    await http().post(`/companies/${a.companyId}/relations/${relationId}/resume`).set(bearer(a.admin.token)).send({}).expect(200, { relationId, status: 'active' });
    await http().post(`/companies/${a.companyId}/relations/${relationId}/end`).set(bearer(a.admin.token)).send({ endsOn: '2026-06-30', reason: 'contract over' }).expect(200, { relationId, status: 'ended' });
    const again = await http().post(`/companies/${b.companyId}/relations/${relationId}/end`).set(bearer(b.admin.token)).send({}).expect(409);
    expect(again.body.error.message).toMatch(/already ended/);

    const view = await http().get(`/relations/${relationId}`).set(bearer(b.admin.token)).expect(200);
    expect(view.body).toMatchObject({ relationId, status: 'ended', startsOn: '2026-01-15', endsOn: '2026-06-30' });
    expect(view.body.sides).toEqual(
      expect.arrayContaining([expect.objectContaining({ companyId: a.companyId, kind: 'supplier' }), expect.objectContaining({ companyId: b.companyId, kind: 'client' })]),
    );
    const history = await http().get(`/relations/${relationId}/history`).set(bearer(a.admin.token)).expect(200);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['RelationProposed', 'RelationConfirmed', 'RelationSuspended', 'RelationResumed', 'RelationEnded']);
    expect(history.body.items[0]).toMatchObject({ by: a.admin.personId, details: { kinds: { [a.companyId]: 'supplier', [b.companyId]: 'client' } } });
    expect(history.body.total).toBe(5);

    // A new period may start after the end, on the same stream.
    await http().post(`/companies/${b.companyId}/relations`).set(bearer(b.admin.token)).send({ partnerCompanyId: a.companyId, kind: 'client' }).expect(201, { relationId, status: 'proposed' });
  });

  it('answers 404 to another company, the same as an unknown relation, and 403 to a plain member', async () => {
    const relationId = (await http().post(`/companies/${a.companyId}/relations`).set(bearer(a.admin.token)).send({ partnerCompanyId: b.companyId, kind: 'partner' }).expect(201)).body.relationId;
    const outsider = await company(n, { legalName: 'Tiers C' });
    const hidden = await http().get(`/relations/${relationId}`).set(bearer(outsider.admin.token)).expect(404);
    const unknown = await http().get(`/relations/${'x'.repeat(22)}`).set(bearer(outsider.admin.token)).expect(404);
    expect(hidden.body.error).toEqual(unknown.body.error);
    await http().get(`/companies/${a.companyId}/relations`).set(bearer(outsider.admin.token)).expect(404);
    await http().post(`/companies/${outsider.companyId}/relations/${relationId}/confirm`).set(bearer(outsider.admin.token)).send({}).expect(404);
    const member = await person(n, 'Plain Member');
    await join(n, b, member);
    await http().post(`/companies/${b.companyId}/relations/${relationId}/confirm`).set(bearer(member.token)).send({}).expect(403);
    await http().get(`/companies/${b.companyId}/relations`).set(bearer(member.token)).expect(200);
  });

  it('refuses bad input with 400 and the fields, and a relation to oneself', async () => {
    const res = await http().post(`/companies/${a.companyId}/relations`).set(bearer(a.admin.token)).send({ partnerCompanyId: 'nope', kind: 'friend', startsOn: 'tomorrow', extra: 1 }).expect(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['extra', 'kind', 'partnerCompanyId', 'startsOn']);
    await http().post(`/companies/${a.companyId}/relations`).set(bearer(a.admin.token)).send({ partnerCompanyId: a.companyId, kind: 'partner' }).expect(400);
    await http().post(`/companies/${a.companyId}/relations`).set(bearer(a.admin.token)).send({ partnerCompanyId: b.companyId, kind: 'other' }).expect(400);
  });

  it('takes the rights of a member removed from a company within seconds', async () => {
    const colleague = await person(n, 'Colleague');
    await join(n, a, colleague, 'company_admin');
    await http().get(`/companies/${a.companyId}/relations`).set(bearer(colleague.token)).expect(200);
    await n.identity.http().delete(`/companies/${a.companyId}/members/${colleague.personId}`).set(bearer(a.admin.token)).expect(204);
    const removedAt = Date.now();
    await eventually(async () => (await http().get(`/companies/${a.companyId}/relations`).set(bearer(colleague.token))).status === 404, { what: 'the removed member to lose access', timeoutMs: 10_000 });
    expect(Date.now() - removedAt).toBeLessThan(10_000);
    await http().post(`/companies/${a.companyId}/relations`).set(bearer(colleague.token)).send({ partnerCompanyId: b.companyId, kind: 'investor' }).expect(404);
    // and the remaining admin still acts
    await untilMember(n, a.admin, a.companyId);
  });
});
