import { IDENTITY_TOPICS } from '@opn/identity-contracts';
import { newId } from '@opn/kernel';
import { ConsumerLagProbe, EventConsumer } from '@opn/messaging';
import { ServiceMetrics, createServiceLogger } from '@opn/service-kit';
import { eventually, testInfra } from '@opn/testing';
import { TestIdentity, companyBody, startIdentity, uniqueEmail } from './identity-app';

type Line = Record<string, unknown>;

/** Value of one series (labels in any order) in the exposition text, or undefined when absent. */
const sample = (text: string, name: string, labels: Record<string, string>): number | undefined => {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.slice(name.length, l.lastIndexOf(' ')).includes(w)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

/**
 * Logs and metrics of the whole service, against the real broker, FerretDB and event store: one
 * correlation id followed from the HTTP request through the append and the relay to a Kafka
 * consumer in another "service", and the Prometheus series that the command flow moved.
 */
describe('observability, end to end', () => {
  const lines: Line[] = [];
  const raw: string[] = [];
  const destination = { write: (s: string) => void (raw.push(s), lines.push(JSON.parse(s) as Line)) };
  let t: TestIdentity;
  let consumer: EventConsumer;
  let lagProbe: ConsumerLagProbe;
  const groupId = `observability-test-${newId()}`;

  beforeAll(async () => {
    t = await startIdentity({ LOG_LEVEL: 'debug' }, { logDestination: destination });
    const { kafkaBrokers } = testInfra();
    consumer = new EventConsumer({
      kafka: { clientId: 'observability-test', brokers: kafkaBrokers, replicationFactor: 1 },
      groupId,
      topics: [IDENTITY_TOPICS.company],
      handle: async () => undefined,
      logger: createServiceLogger({ service: 'partner-search', level: 'debug', destination }),
    });
    await consumer.start();
    lagProbe = new ConsumerLagProbe({ clientId: 'observability-test-lag', brokers: kafkaBrokers }, [{ groupId, topics: [IDENTITY_TOPICS.company] }]);
    const metrics = t.app.get(ServiceMetrics);
    metrics.watchConsumer(groupId, consumer);
    metrics.watchConsumerLag(() => lagProbe.lag());
  });
  afterAll(async () => {
    await consumer?.stop();
    await lagProbe?.close();
    await t?.close();
  });

  const hops = (correlationId: string) => ({
    http: lines.find((l) => l.msg === 'request completed' && l.correlationId === correlationId),
    appended: lines.find((l) => l.msg === 'events appended' && l.correlationId === correlationId),
    published: lines.find((l) => l.msg === 'event published' && l.correlationId === correlationId),
    handled: lines.find((l) => l.msg === 'event handled' && l.correlationId === correlationId),
  });

  it('carries the x-correlation-id of each request on one line per hop: HTTP, append, relay, consumer', async () => {
    const ids = { signUp: `signup-${newId()}`, register: `register-${newId()}`, update: `update-${newId()}` };
    const password = 'correct horse battery staple';
    const signedUp = await t
      .http()
      .post('/auth/sign-up')
      .set('x-correlation-id', ids.signUp)
      .send({ email: uniqueEmail('observed'), password, displayName: 'Ada Lovelace' })
      .expect(201);
    expect(signedUp.headers['x-correlation-id']).toBe(ids.signUp);
    const token = signedUp.body.accessToken as string;
    const auth = `Bearer ${token}`;
    const created = await t.http().post('/companies').set('authorization', auth).set('x-correlation-id', ids.register).send(companyBody()).expect(201);
    const companyId = created.body.companyId as string;
    await t
      .http()
      .patch(`/companies/${companyId}`)
      .set('authorization', auth)
      .set('x-correlation-id', ids.update)
      .set('if-match', created.headers.etag)
      .send({ description: 'Usinage et soudure de précision' })
      .expect(200);

    for (const id of [ids.register, ids.update]) {
      const found = await eventually(
        () => {
          const h = hops(id);
          return h.http && h.appended && h.published && h.handled ? h : undefined;
        },
        { what: `four hops logged with correlation id ${id}`, timeoutMs: 30000 },
      );
      expect(found.http).toMatchObject({ service: 'identity', level: 'info', route: expect.stringMatching(/^\/companies/), status: expect.any(Number) });
      expect(found.appended).toMatchObject({ service: 'identity', level: 'info' });
      // A registration appends to several streams (SIREN claim, company, membership): one is the company's.
      const appends = lines.filter((l) => l.msg === 'events appended' && l.correlationId === id);
      expect(appends.map((l) => l.streamId)).toContainEqual(expect.stringContaining(companyId));
      expect(found.published).toMatchObject({ service: 'identity', level: 'debug', topic: IDENTITY_TOPICS.company });
      expect(found.handled).toMatchObject({ service: 'partner-search', level: 'debug', group: groupId, topic: IDENTITY_TOPICS.company });
    }
    expect(hops(ids.update).http).toMatchObject({ method: 'PATCH', route: '/companies/:companyId', status: 200 });
    expect(hops(ids.update).published).toMatchObject({ eventType: 'identity.CompanyProfileUpdated' });
    // The sign-up's own hops inside identity (its events go to identity.person, which nobody here reads).
    expect(hops(ids.signUp)).toMatchObject({ http: expect.objectContaining({ route: '/auth/sign-up' }), appended: expect.anything() });

    // Neither the password nor the tokens the service handed out were ever written.
    const all = raw.join('');
    expect(all).not.toContain(password);
    expect(all).not.toContain(token);
    expect(all).not.toContain(signedUp.body.refreshToken as string);
    // No query string nor raw path in the access lines.
    expect(lines.filter((l) => l.msg === 'request completed').every((l) => !String(l.route).includes(companyId))).toBe(true);
  });

  it('exposes the named series on GET /metrics, moved by the command flow', async () => {
    await eventually(() => consumer.status().handled > 0, { what: 'the consumer to handle an event' });
    // The first lag reading of a new group may miss (its coordinator loading): scrape until it is there.
    const text = await eventually(
      async () => {
        const res = await t.http().get('/metrics').expect(200).expect('content-type', /^text\/plain/);
        return sample(res.text, 'consumer_lag_messages', { group: groupId }) !== undefined ? res.text : undefined;
      },
      { what: 'consumer lag on /metrics', timeoutMs: 20000 },
    );
    const service = { service: 'identity' };
    expect(sample(text, 'http_request_duration_seconds_count', { ...service, method: 'PATCH', route: '/companies/:companyId', status: '200' })).toBeGreaterThan(0);
    expect(sample(text, 'http_request_duration_seconds_count', { ...service, method: 'POST', route: '/companies', status: '201' })).toBeGreaterThan(0);
    expect(sample(text, 'eventstore_appends_total', { ...service, result: 'ok' })).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'eventstore_appended_events_total', service)).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'eventstore_head_position', service)).toBeGreaterThan(0);
    expect(sample(text, 'relay_published_events_total', { ...service, relay: 'identity.relay' })).toBeGreaterThan(0);
    expect(sample(text, 'relay_lag_events', { ...service, relay: 'identity.relay' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'projection_lag_events', { ...service, projection: 'identity.company-directory' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'consumer_handled_events_total', { ...service, group: groupId })).toBeGreaterThan(0);
    expect(sample(text, 'consumer_dead_letters_total', { ...service, group: groupId })).toBe(0);
    expect(sample(text, 'consumer_lag_messages', { ...service, group: groupId, topic: IDENTITY_TOPICS.company, partition: '0' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_resident_memory_bytes', service)).toBeGreaterThan(0);
    // Raw ids never become label values.
    expect(text).not.toMatch(/route="\/companies\/[0-9a-f]{8}-/);
  });
});
