import { IntegrationEvent, defineContract } from '@opn/contracts';
import { SqliteEventStore } from '@opn/event-store';
import { newId } from '@opn/kernel';
import { ensureTopics, toKafkaMessage } from '@opn/messaging';
import { integrationProjection, on } from '@opn/projections';
import { connectTestDatabase, shopProjection, testInfra } from '@opn/testing';
import { Kafka, logLevel } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runRebuildCli } from './rebuild-cli';
import { defineService } from './service-definition';

const suffix = newId().slice(-12);
const Listed = defineContract<{ name: string }>()({
  type: 'alpha.Listed',
  version: 1,
  topic: `test.rebuild-cli-${suffix}`,
  description: 'test: a listing from another service',
  schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } }, additionalProperties: false },
});
const listings = integrationProjection<{ name: string; applied: number }>({
  name: 'test.listings',
  collection: 'listings',
  handlers: [on(Listed, (doc, data) => ({ name: data.name, applied: (doc?.applied ?? 0) + 1 }))],
});
const service = `rebuildcli${suffix}`;
const definition = defineService({
  name: service,
  title: 'rebuild test',
  description: 'a service with a log-fed and a Kafka-fed read model',
  defaultPort: 0,
  config: {},
  projections: [{ ...shopProjection, name: 'test.shops' }],
  kafkaReadModels: [listings],
});

describe("the kit's rebuild CLI (npm run rebuild -- <service>)", () => {
  const { kafkaBrokers } = testInfra();
  const dataDir = mkdtempSync(join(tmpdir(), 'opn-rebuild-cli-'));
  let db: Awaited<ReturnType<typeof connectTestDatabase>>;
  const run = async (args: string[]) => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk) => (text += String(chunk)));
    const code = await runRebuildCli(definition, args, out as unknown as NodeJS.WriteStream);
    return { code, text };
  };

  beforeAll(async () => {
    db = await connectTestDatabase('rebuild_cli');
    const NAME = service.toUpperCase();
    Object.assign(process.env, { [`${NAME}_DATA_DIR`]: dataDir, [`${NAME}_MONGODB_DB`]: db.connection.name, KAFKA_BROKERS: kafkaBrokers.join(','), KAFKA_PARTITIONS: '1' });
    // The service's own log: two shops, one renamed, one closed.
    const store = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite') });
    await store.appendToStream('shop-a', [{ type: 'ShopOpened', data: { name: 'Boulangerie' } }, { type: 'ShopRenamed', data: { name: 'Boulangerie Martin' } }]);
    await store.appendToStream('shop-b', [{ type: 'ShopOpened', data: { name: 'Primeur' } }, { type: 'ShopClosed', data: {} }]);
    await store.close();
    // Another service's topic: three listings of two subjects.
    const kafka = new Kafka({ clientId: 'rebuild-cli-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
    await ensureTopics(kafka, [Listed.topic], { partitions: 1, replicationFactor: 1 });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const event = (subject: string, name: string, position: number): IntegrationEvent => ({
      id: newId(),
      type: Listed.type,
      version: 1,
      source: 'alpha',
      subject,
      position,
      occurredAt: new Date().toISOString(),
      data: { name },
    });
    await producer.send({ topic: Listed.topic, acks: -1, messages: [event('l1', 'one', 1), event('l2', 'two', 2), event('l1', 'one again', 3)].map(toKafkaMessage) });
    await producer.disconnect();
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses an unknown read model with the list of the service', async () => {
    const { code, text } = await run(['test.nothing']);
    expect(code).toBe(2);
    expect(text).toContain(`unknown projection(s) of ${service}: test.nothing`);
    expect(text).toContain('available: test.shops, test.listings');
  });

  it('replays the log into the local read models and the topics into the Kafka-fed ones, with progress, twice to the same result', async () => {
    for (let round = 0; round < 2; round++) {
      const { code, text } = await run([]);
      expect(code).toBe(0);
      expect(text).toMatch(/test\.shops \[#+\] 100% 4 events/);
      expect(text).toContain('test.shops: 4 events replayed');
      expect(text).toMatch(/test\.listings \[#+\] 100%/);
      expect(text).toContain('test.listings: 3 messages replayed from the topics');
      const shops = await db.connection.collection('shops').find({}, { projection: { _id: 1, name: 1, visits: 1 } }).toArray();
      expect(shops).toEqual([{ _id: 'shop-a', name: 'Boulangerie Martin', visits: 0 }]);
      const docs = await db.connection.collection('listings').find({}, { projection: { _id: 1, name: 1, applied: 1 } }).sort({ _id: 1 }).toArray();
      expect(docs).toEqual([
        { _id: 'l1', name: 'one again', applied: 2 },
        { _id: 'l2', name: 'two', applied: 1 },
      ]);
    }
  });
});
