import { ContractRegistry, IntegrationEvent, defineContract } from '@opn/contracts';
import { SqliteEventStore } from '@opn/event-store';
import { CORRELATION_HEADER, currentCorrelationId, handleCommand, newId } from '@opn/kernel';
import { eventually, MemoryProcessedEvents, testInfra } from '@opn/testing';
import { Kafka, logLevel } from 'kafkajs';
import { toKafkaMessage } from './kafka-message';
import { DeadLetterRecord, EventConsumer, PoisonMessageError } from './event-consumer';
import { MessagingLogger } from './messaging-logger';
import { ensureTopics } from './kafka-config';

const Pinged = defineContract<{ n: number }>()({
  type: 'test.Pinged',
  version: 1,
  topic: 'unused',
  description: 'test event',
  schema: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
});


const envelope = (subject: string, n: number): IntegrationEvent => ({
  id: newId(),
  type: 'test.Pinged',
  version: 1,
  source: 'test',
  subject,
  position: n,
  occurredAt: new Date().toISOString(),
  data: { n },
});

describe('EventConsumer against a real Kafka broker', () => {
  const { kafkaBrokers } = testInfra();
  const kafka = new Kafka({ clientId: 'consumer-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumers: EventConsumer[] = [];

  beforeAll(() => producer.connect());
  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await producer.disconnect();
  });

  /** A topic with ONE partition, so "the partition keeps flowing" is observable. */
  const setup = async (handle: (e: IntegrationEvent) => Promise<void>, logger?: MessagingLogger, unavailable?: (e: unknown) => boolean) => {
    const topic = `test.consumer-${newId()}`;
    const groupId = `group-${newId()}`;
    await ensureTopics(kafka, [topic], { partitions: 1, replicationFactor: 1 });
    const deadLetters: DeadLetterRecord[] = [];
    const processed = new MemoryProcessedEvents();
    const consumer = new EventConsumer({
      kafka: { clientId: 'test', brokers: kafkaBrokers, partitions: 1, replicationFactor: 1 },
      groupId,
      topics: [topic],
      handle,
      contracts: new ContractRegistry([Pinged]),
      processed,
      backoff: { initialMs: 10, maxMs: 50 },
      onDeadLetter: (r) => deadLetters.push(r),
      logger,
      unavailable,
    });
    consumers.push(consumer);
    await consumer.start();
    return { topic, groupId, consumer, deadLetters, processed };
  };

  it('handles each event once, even when the same event is delivered twice', async () => {
    const seen: number[] = [];
    const { topic, consumer } = await setup(async (e) => {
      seen.push((e.data as { n: number }).n);
    });
    const events = [1, 2, 3].map((n) => envelope('s1', n));
    await producer.send({ topic, acks: -1, messages: [...events, events[1]].map(toKafkaMessage) });
    await eventually(() => consumer.status().handled + consumer.status().duplicates === 4, { what: '4 deliveries' });
    expect(seen).toEqual([1, 2, 3]);
    expect(consumer.status().duplicates).toBe(1);
  });

  it('dead-letters a poison message at once and keeps the partition flowing', async () => {
    const seen: number[] = [];
    const { topic, groupId, deadLetters } = await setup(async (e) => {
      seen.push((e.data as { n: number }).n);
    });
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: 's', value: '{not json' },
        toKafkaMessage({ ...envelope('s', 1), data: { n: 'not a number' } }),
        toKafkaMessage(envelope('s', 2)),
      ],
    });
    await eventually(() => seen.length === 1 && deadLetters.length === 2, { what: 'poison dead-lettered and next handled' });
    expect(seen).toEqual([2]);
    expect(deadLetters.map((d) => [d.reason, d.attempts])).toEqual([
      ['poison', 0],
      ['poison', 0],
    ]);
    // The dead letters are really on the DLQ topic, with their reason in the headers.
    const reader = kafka.consumer({ groupId: `dlq-reader-${newId()}` });
    await reader.connect();
    await reader.subscribe({ topic: `${groupId}.dlq`, fromBeginning: true });
    const reasons: string[] = [];
    await reader.run({ eachMessage: async ({ message }) => void reasons.push(String(message.headers?.dlq_reason)) });
    await eventually(() => reasons.length === 2, { what: 'messages on the DLQ topic' });
    await reader.disconnect();
  });

  it('retries a failing handler at most 5 times, then dead-letters it and moves on', async () => {
    const attempts = new Map<number, number>();
    const { topic, deadLetters, consumer } = await setup(async (e) => {
      const n = (e.data as { n: number }).n;
      attempts.set(n, (attempts.get(n) ?? 0) + 1);
      if (n === 1) throw new Error('database unavailable');
      if (n === 2 && attempts.get(n)! < 3) throw new Error('transient');
      if (n === 4) throw new PoisonMessageError('cannot apply');
    });
    await producer.send({ topic, acks: -1, messages: [1, 2, 3, 4, 5].map((n) => toKafkaMessage(envelope('k', n))) });
    await eventually(() => consumer.status().handled === 3 && deadLetters.length === 2, { what: 'all five settled' });
    expect(attempts.get(1)).toBe(6); // first try + 5 retries
    expect(attempts.get(2)).toBe(3);
    expect(attempts.get(4)).toBe(1);
    expect(deadLetters.map((d) => [d.reason, d.attempts])).toEqual([
      ['retries_exhausted', 6],
      ['poison', 1],
    ]);
  });
  it("runs each handler in its event's correlation context, so what it appends and logs carries the cause's id", async () => {
    const store = new SqliteEventStore({ filename: ':memory:' });
    const logged: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
    const log = (level: string) => (fields: object, message: string) => void logged.push({ level, fields: fields as Record<string, unknown>, message });
    const logger: MessagingLogger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
    const seen: Array<string | undefined> = [];
    const counter = { decide: () => ({ type: 'Counted', data: {} }), evolve: (n: number) => n + 1, initialState: () => 0 };
    const { topic, consumer } = await setup(async (e) => {
      seen.push(currentCorrelationId());
      // No metadata given: handleCommand takes the correlation id from the context.
      await handleCommand(store, `counter-${e.id}`, counter, {});
    }, logger);
    const withId = { ...envelope('c', 1), correlationId: 'request-42' };
    const withoutId = envelope('c', 2);
    const message = toKafkaMessage(withId);
    expect(message.headers?.[CORRELATION_HEADER]).toBe('request-42');
    await producer.send({ topic, acks: -1, messages: [message, toKafkaMessage(withoutId)] });
    await eventually(() => consumer.status().handled === 2, { what: 'both handled' });
    expect(seen).toEqual(['request-42', withoutId.id]);
    const [appended] = await store.readStream(`counter-${withId.id}`);
    expect(appended.metadata.correlationId).toBe('request-42');
    expect(logged.filter((l) => l.message === 'event handled').map((l) => [l.level, l.fields.eventId, l.fields.correlationId])).toEqual([
      ['debug', withId.id, 'request-42'],
      ['debug', withoutId.id, withoutId.id],
    ]);
    await store.close();
  });

  it('waits out an unavailable dependency without spending retries or dead-lettering, then catches up in order', async () => {
    const seen: number[] = [];
    // "MongoDB" is down for 1.5 s from the first delivery: 5 retries of 10-50 ms would be spent in 0.25 s.
    let downUntil: number | undefined;
    class StorageDown extends Error {
      override name = 'MongoNetworkError';
    }
    const { topic, deadLetters, consumer } = await setup(
      async (e) => {
        downUntil ??= Date.now() + 1500;
        if (Date.now() < downUntil) throw new StorageDown('connection refused');
        seen.push((e.data as { n: number }).n);
      },
      undefined,
      (error) => error instanceof StorageDown,
    );
    await producer.send({ topic, acks: -1, messages: [1, 2, 3].map((n) => toKafkaMessage(envelope('s', n))) });
    await eventually(() => seen.length === 3, { what: 'all three handled after the outage', timeoutMs: 20000 });
    expect(seen).toEqual([1, 2, 3]);
    expect(deadLetters).toEqual([]);
    expect(consumer.status()).toMatchObject({ handled: 3, retries: 0, deadLettered: 0 });
    expect(consumer.status().stalls).toBeGreaterThanOrEqual(2);
  });
});
