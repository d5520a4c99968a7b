import { IntegrationEvent } from '@opn/contracts';
import { newId } from '@opn/kernel';
import { eventually, testInfra } from '@opn/testing';
import { Kafka, logLevel } from 'kafkajs';
import { ConsumerLagProbe } from './consumer-lag';
import { EventConsumer } from './event-consumer';
import { ensureTopics } from './kafka-config';
import { toKafkaMessage } from './kafka-message';

describe('ConsumerLagProbe against a real Kafka broker', () => {
  const { kafkaBrokers } = testInfra();
  const kafka = new Kafka({ clientId: 'lag-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  beforeAll(() => producer.connect());
  afterAll(() => producer.disconnect());

  it('reports end minus committed offset per partition: all messages before the group consumed, none after', async () => {
    const topic = `test.lag-${newId()}`;
    const groupId = `lag-group-${newId()}`;
    await ensureTopics(kafka, [topic], { partitions: 2, replicationFactor: 1 });
    const events: IntegrationEvent[] = [1, 2, 3].map((n) => ({
      id: newId(),
      type: 'test.Pinged',
      version: 1,
      source: 'test',
      subject: `s${n}`,
      position: n,
      occurredAt: new Date().toISOString(),
      data: { n },
    }));
    await producer.send({ topic, acks: -1, messages: events.map(toKafkaMessage) });
    const config = { clientId: 'lag-probe', brokers: kafkaBrokers, partitions: 2, replicationFactor: 1 };
    const probe = new ConsumerLagProbe(config, [{ groupId, topics: [topic] }]);
    try {
      // A group the brokers have never seen may first get "not the coordinator" while its
      // coordinator loads: that scrape misses the series, the next one has it.
      const before = await eventually(() => probe.lag(), { what: 'a first lag reading', timeoutMs: 20000 });
      expect(before.map((l) => l.partition).sort()).toEqual([0, 1]);
      expect(before.every((l) => l.group === groupId && l.topic === topic)).toBe(true);
      expect(before.reduce((n, l) => n + l.lag, 0)).toBe(3);

      const consumer = new EventConsumer({ kafka: config, groupId, topics: [topic], handle: async () => undefined });
      await consumer.start();
      try {
        await eventually(() => consumer.status().handled === 3, { what: 'three handled' });
        await eventually(async () => (await probe.lag()).every((l) => l.lag === 0), { what: 'offsets committed', timeoutMs: 20000 });
      } finally {
        await consumer.stop();
      }
    } finally {
      await probe.close();
    }
  });

  it('rejects within its timeout when no broker answers, so a scrape is not held up', async () => {
    const probe = new ConsumerLagProbe({ clientId: 'lag-probe', brokers: ['127.0.0.1:1'] }, [{ groupId: 'g', topics: ['t'] }], 500);
    const started = Date.now();
    await expect(probe.lag()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
    await probe.close();
  });
});
