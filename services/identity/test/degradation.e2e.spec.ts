import { freePort, startFerretDb } from '@opn/infra';
import { eventually } from '@opn/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestIdentity, companyBody, signUp, startIdentity } from './identity-app';

/**
 * QUALITY.md: "Kafka or MongoDB down: commands still succeed (log first); read models catch up
 * when it returns; health endpoints report the degradation." This service gets a FerretDB of its
 * own, stopped and restarted at the same address, and a Kafka address where nothing listens.
 */
describe('with MongoDB or Kafka down', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opn-degraded-'));
  let t: TestIdentity;
  let ferret: Awaited<ReturnType<typeof startFerretDb>>;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    ferret = await startFerretDb({ dataDir: dir, port });
    const deadKafka = `127.0.0.1:${await freePort()}`;
    t = await startIdentity({ MONGODB_URL: ferret.url, KAFKA_BROKERS: deadKafka, READ_YOUR_WRITES_MS: '3000' });
  });
  afterAll(async () => {
    await t.close();
    await ferret.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts commands while MongoDB is down, reports degraded health, and catches up when it returns', async () => {
    const founder = await signUp(t);
    const auth = { Authorization: `Bearer ${founder.token}` };
    const first = await t.http().post('/companies').set(auth).send(companyBody({ legalName: 'Avant la panne' })).expect(201);
    await t.http().get(`/companies/${first.body.companyId}`).set(auth).expect(200);

    await ferret.stop();
    const started = Date.now();
    const during = await t.http().post('/companies').set(auth).send(companyBody({ legalName: 'Pendant la panne' })).expect(201);
    expect(Date.now() - started).toBeLessThan(3500);
    const health = await eventually(
      async () => {
        const res = await t.http().get('/health');
        return res.body.checks.mongodb.state === 'degraded' ? res : undefined;
      },
      { what: 'mongodb reported degraded' },
    );
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('degraded');
    const read = await t.http().get(`/companies/${during.body.companyId}`).set(auth);
    expect(read.status).toBe(503); // a clear, retriable error, not a crash
    expect(read.body.error.code).toBe('read_model_unavailable');
    expect(read.headers['retry-after']).toBe('5');

    ferret = await startFerretDb({ dataDir: dir, port });
    await eventually(async () => (await t.http().get(`/companies/${during.body.companyId}`).set(auth)).status === 200, {
      timeoutMs: 30000,
      what: 'read model caught up after MongoDB came back',
    });
    const after = await t.http().get('/health');
    expect(after.body.checks.mongodb.state).toBe('ok');
  }, 90000);

  it('accepts commands while Kafka is unreachable and reports the relay as degraded', async () => {
    const someone = await signUp(t);
    await t.http().post('/companies').set({ Authorization: `Bearer ${someone.token}` }).send(companyBody()).expect(201);
    const health = await eventually(
      async () => {
        const res = await t.http().get('/health');
        return res.body.checks.kafkaRelay.state === 'degraded' ? res : undefined;
      },
      { timeoutMs: 30000, what: 'relay reported degraded' },
    );
    expect(health.body.checks.kafkaRelay.details.lag).toBeGreaterThan(0);
  }, 60000);
});
