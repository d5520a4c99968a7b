import { SqliteEventStore } from '@opn/event-store';
import { join } from 'node:path';
import { TestIdentity, companyBody, signUp, startIdentity } from './identity-app';

describe('concurrent and repeated commands over HTTP', () => {
  let t: TestIdentity;
  let founder: Awaited<ReturnType<typeof signUp>>;
  const auth = () => ({ Authorization: `Bearer ${founder.token}` });

  beforeAll(async () => {
    t = await startIdentity();
    founder = await signUp(t);
  });
  afterAll(() => t.close());

  it('lets exactly one of 8 concurrent edits with the same If-Match win; the others get 412', async () => {
    const created = await t.http().post('/companies').set(auth()).send(companyBody()).expect(201);
    const { companyId } = created.body;
    const etag = created.headers.etag;
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.http().patch(`/companies/${companyId}`).set(auth()).set('If-Match', etag).send({ description: `edit ${i}` })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412, 412, 412, 412, 412]);
    const loser = responses.find((r) => r.status === 412)!;
    expect(loser.body.error.code).toBe('concurrency_conflict');
    const winner = responses.find((r) => r.status === 200)!;
    expect(winner.headers.etag).toBe('"2"');
    const now = await t.http().get(`/companies/${companyId}`).set(auth()).expect(200);
    expect(now.body.description).toBe(winner.body.description);
    expect(now.headers.etag).toBe('"2"');
  });

  it('without If-Match, concurrent edits are each applied on the state they saw or refused with 409, never lost silently', async () => {
    const created = await t.http().post('/companies').set(auth()).send(companyBody()).expect(201);
    const { companyId } = created.body;
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.http().patch(`/companies/${companyId}`).set(auth()).send({ capabilities: [`skill ${i}`] })),
    );
    const ok = responses.filter((r) => r.status === 200);
    expect(responses.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const revisions = ok.map((r) => r.body.revision);
    expect(new Set(revisions).size).toBe(ok.length);
    const final = await t.http().get(`/companies/${companyId}`).set(auth()).expect(200);
    expect(final.body.revision).toBe(1 + ok.length);
  });

  it('registers a company once for 10 concurrent retries with one Idempotency-Key', async () => {
    const body = companyBody();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => t.http().post('/companies').set(auth()).set('Idempotency-Key', 'register-acme-0001').send(body)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set(responses.map((r) => r.body.companyId));
    expect(ids.size).toBe(1);
    const [companyId] = [...ids];
    const store = new SqliteEventStore({ filename: join(t.dataDir, 'events.sqlite') });
    const events = await store.readStream(`company-${companyId}`);
    expect(events.map((e) => e.type)).toEqual(['CompanyRegistered', 'MemberJoined']);
    await store.close();
    // A different key is a different command: the same SIREN is then refused.
    await t.http().post('/companies').set(auth()).set('Idempotency-Key', 'register-acme-0002').send(body).expect(409);
  });
});
