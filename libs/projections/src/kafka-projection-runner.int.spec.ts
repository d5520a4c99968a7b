import { IntegrationEvent, defineContract } from '@opn/contracts';
import { newId } from '@opn/kernel';
import { DeadLetterRecord, KafkaConfig, ensureTopics, toKafkaMessage } from '@opn/messaging';
import { connectTestDatabase, eventually, testInfra } from '@opn/testing';
import { Kafka, logLevel } from 'kafkajs';
import { integrationProjection, on } from './integration-projection';
import { streamKey } from './integration-projector';
import { KafkaProjectionRunner, rebuildKafkaProjections } from './kafka-projection-runner';
import { MongoProcessedEvents } from './processed-events';
import { Progress } from './progress';

const suffix = newId().slice(-12);
const CompanyListed = defineContract<{ name: string }>()({
  type: 'alpha.CompanyListed',
  version: 1,
  topic: `test.alpha-${suffix}`,
  description: 'test: a company from the first source',
  schema: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 } }, additionalProperties: false },
});
const TieNoted = defineContract<{ companyId: string; note: string }>()({
  type: 'beta.TieNoted',
  version: 1,
  topic: `test.beta-${suffix}`,
  description: 'test: a note about the company from the second source',
  schema: { type: 'object', required: ['companyId', 'note'], properties: { companyId: { type: 'string' }, note: { type: 'string' } }, additionalProperties: false },
});

interface Partner {
  name?: string;
  notes: string[];
  applied: number;
}
/** One document fed by two services; it fails for the note "explode" (a handler bug). */
const partners = integrationProjection<Partner>({
  name: 'partners',
  collection: 'partners',
  documentId: (e) => (e.type === 'beta.TieNoted.v1' ? (e.data as { companyId: string }).companyId : e.subject),
  handlers: [
    on(CompanyListed, (doc, data) => ({ notes: [], ...doc, name: data.name, applied: (doc?.applied ?? 0) + 1 })),
    on(TieNoted, (doc, data) => {
      if (data.note === 'explode') throw new Error('cannot apply');
      return { notes: [...(doc?.notes ?? []), data.note], ...(doc?.name && { name: doc.name }), applied: (doc?.applied ?? 0) + 1 };
    }),
  ],
});

let position = 0;
const event = (source: 'alpha' | 'beta', subject: string, data: object, at = ++position): IntegrationEvent => ({
  id: newId(),
  type: source === 'alpha' ? CompanyListed.type : TieNoted.type,
  version: 1,
  source,
  subject,
  position: at,
  occurredAt: new Date().toISOString(),
  data,
});

describe('KafkaProjectionRunner against a real broker and FerretDB', () => {
  const { kafkaBrokers } = testInfra();
  const kafka: KafkaConfig = { clientId: 'projection-runner-test', brokers: kafkaBrokers, partitions: 1, replicationFactor: 1 };
  const client = new Kafka({ clientId: 'projection-runner-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
  const producer = client.producer({ idempotent: true, maxInFlightRequests: 1 });
  const groupId = `test.read-models-${suffix}`;
  const deadLetters: DeadLetterRecord[] = [];
  let db: Awaited<ReturnType<typeof connectTestDatabase>>;
  let runner: KafkaProjectionRunner;
  const send = (topic: string, events: IntegrationEvent[]) => producer.send({ topic, acks: -1, messages: events.map(toKafkaMessage) });
  const documents = async () =>
    (await db.connection.collection('partners').find({}).sort({ _id: 1 }).toArray()).map(({ _id, name, notes, applied }) => ({ _id, name, notes, applied }));

  beforeAll(async () => {
    db = await connectTestDatabase('kafka_projections');
    await ensureTopics(client, [CompanyListed.topic, TieNoted.topic], { partitions: 1, replicationFactor: 1 });
    await producer.connect();
    runner = new KafkaProjectionRunner({
      kafka,
      groupId,
      connection: db.connection,
      projections: [partners],
      backoff: { initialMs: 10, maxMs: 50 },
      onDeadLetter: (r) => deadLetters.push(r),
    });
    await runner.start();
  });
  afterAll(async () => {
    await runner.stop();
    await producer.disconnect();
    await db.close();
  });

  it('folds events of two sources into one document, keeping a position per source stream', async () => {
    // beta's log is at position 3 while alpha's is at 1000: positions of two logs never compare.
    await send(CompanyListed.topic, [event('alpha', 'c1', { name: 'Atelier' }, 1000)]);
    await send(TieNoted.topic, [event('beta', 't1', { companyId: 'c1', note: 'met at fair' }, 3), event('beta', 't2', { companyId: 'c1', note: 'supplier' }, 4)]);
    await eventually(async () => (await documents())[0]?.applied === 3, { what: 'three events applied' });
    expect(await documents()).toEqual([{ _id: 'c1', name: 'Atelier', notes: ['met at fair', 'supplier'], applied: 3 }]);
    const stored = await db.connection.collection('partners').findOne({ _id: 'c1' } as never);
    expect(stored?._positions).toEqual({ [streamKey('alpha', 'c1')]: 1000, [streamKey('beta', 't1')]: 3, [streamKey('beta', 't2')]: 4 });
  });

  it('changes nothing for a redelivered event nor for an older event of the same stream', async () => {
    const renamed = event('alpha', 'c1', { name: 'Atelier 2' }, 1001);
    await send(CompanyListed.topic, [renamed, renamed, event('alpha', 'c1', { name: 'Stale' }, 999)]);
    await eventually(() => runner.status().handled >= 6, { what: 'six deliveries settled' });
    expect(runner.status().duplicates).toBe(1); // the same id twice: the processed ids skip it
    expect(await documents()).toEqual([{ _id: 'c1', name: 'Atelier 2', notes: ['met at fair', 'supplier'], applied: 4 }]);
  });

  it('dead-letters a message breaking its contract at once and a failing one after 5 retries; the partition flows', async () => {
    const before = runner.status().handled;
    await send(TieNoted.topic, [
      { ...event('beta', 't3', { companyId: 'c1' }) }, // no note: breaks beta's contract
      event('beta', 't4', { companyId: 'c1', note: 'explode' }),
      event('beta', 't5', { companyId: 'c1', note: 'after the poison' }),
    ]);
    await eventually(() => deadLetters.length === 2 && runner.status().handled === before + 1, { what: 'two dead letters and the next one applied' });
    expect(deadLetters.map((d) => [d.reason, d.attempts])).toEqual([
      ['poison', 0],
      ['retries_exhausted', 6],
    ]);
    expect((await documents())[0].notes).toEqual(['met at fair', 'supplier', 'after the poison']);
  });

  it('reports its lag per partition: committed offset against the high watermark', async () => {
    await eventually(async () => (await runner.lag()).total === 0, { what: 'no lag' });
    const lag = await runner.lag();
    expect(lag.groupId).toBe(groupId);
    expect(lag.partitions.map((p) => [p.topic, p.partition, p.lag])).toEqual(
      [
        [CompanyListed.topic, 0, 0],
        [TieNoted.topic, 0, 0],
      ].sort(),
    );
    expect(lag.partitions.find((p) => p.topic === TieNoted.topic)).toMatchObject({ committed: 5, high: 5 });
  });

  it('rebuilds from the beginning of the topics, with progress, to the same read model', async () => {
    const expected = await documents();
    await runner.stop();
    await db.connection.collection('partners').updateMany({}, { $set: { name: 'corrupted' } });
    const reports: Progress[] = [];
    const result = await rebuildKafkaProjections({
      kafka,
      groupId,
      connection: db.connection,
      projections: [partners],
      backoff: { initialMs: 10, maxMs: 50 },
      onProgress: (p) => reports.push(p),
    });
    expect(result.messages).toBe(9);
    expect(reports[0]).toMatchObject({ done: 0, total: 9 });
    expect(reports[reports.length - 1]).toMatchObject({ done: 9, total: 9 });
    expect(await documents()).toEqual(expected);
    // The service then continues from where the rebuild left the group.
    runner = new KafkaProjectionRunner({ kafka, groupId, connection: db.connection, projections: [partners], backoff: { initialMs: 10, maxMs: 50 } });
    await runner.start();
    await send(TieNoted.topic, [event('beta', 't6', { companyId: 'c1', note: 'live again' })]);
    await eventually(async () => (await documents())[0].notes.includes('live again'), { what: 'live after the rebuild' });
    expect((await documents())[0].applied).toBe(6);
  });

  it('stops gracefully: the message in flight is finished and recorded before stop() resolves', async () => {
    await runner.stop();
    // A processed-ids store that is slow to record: stop() arrives while the message is in flight.
    const recorded: string[] = [];
    let inFlight = false;
    const slow = new MongoProcessedEvents(db.connection);
    const processed = {
      has: (group: string, id: string) => slow.has(group, id),
      add: async (group: string, id: string) => {
        inFlight = true;
        await new Promise((r) => setTimeout(r, 700));
        await slow.add(group, id);
        recorded.push(id);
      },
      clear: (group: string) => slow.clear(group),
    };
    runner = new KafkaProjectionRunner({ kafka, groupId, connection: db.connection, projections: [partners], processed });
    await runner.start();
    const last = event('beta', 't7', { companyId: 'c1', note: 'in flight' });
    await send(TieNoted.topic, [last]);
    await eventually(() => inFlight, { what: 'a message in flight' });
    await runner.stop();
    expect(recorded).toEqual([last.id]);
    expect((await documents())[0].notes).toContain('in flight');
    expect(runner.status()).toMatchObject({ running: false, handled: 1 });
    expect((await runner.lag()).total).toBe(0); // its offset was committed on the way out
    runner = new KafkaProjectionRunner({ kafka, groupId, connection: db.connection, projections: [partners] });
    await runner.start();
  });

  it('refuses to rebuild while the group has a live member', async () => {
    await expect(rebuildKafkaProjections({ kafka, groupId, connection: db.connection, projections: [partners] })).rejects.toThrow(/live member/);
  });
});
