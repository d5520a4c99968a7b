import { SqliteEventStore } from '@opn/event-store';
import { KafkaCluster, startKafkaCluster } from '@opn/infra';
import { handleCommand, newId } from '@opn/kernel';
import { KafkaRelay, ensureTopics } from '@opn/messaging';
import { eventually } from '@opn/testing';
import { Kafka, logLevel } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { counterDecider } from '../support/counter';
import { orderMapper } from '../support/relay-fixture';

/**
 * QUALITY.md: one of three Kafka brokers killed during 10,000 commands, 0 acknowledged commands
 * lost. Commands go to the event store (acknowledged = appended); the relay publishes them to a
 * 3-broker cluster (replication 3, min.insync.replicas 2, acks=all) while a broker is SIGKILLed and
 * later restarted. Every command must reach the topic.
 */
describe('relay across a Kafka broker failure', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opn-failover-'));
  const topic = 'test.orders';
  let cluster: KafkaCluster;
  let store: SqliteEventStore;
  let relay: KafkaRelay;

  beforeAll(async () => {
    cluster = await startKafkaCluster({ brokers: 3, dataDir: join(dir, 'kafka') });
    store = new SqliteEventStore({ filename: join(dir, 'events.sqlite'), durability: 'normal' });
  }, 120000);
  afterAll(async () => {
    await relay?.stop();
    await store?.close();
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60000);

  it('loses no acknowledged command', async () => {
    const config = { clientId: 'failover', brokers: cluster.brokers, replicationFactor: 3, partitions: 3 };
    const kafka = new Kafka({ clientId: 'failover-check', brokers: cluster.brokers, logLevel: logLevel.NOTHING });
    await ensureTopics(kafka, [topic], config);
    relay = new KafkaRelay({ name: 'failover.relay', store, checkpoints: store, kafka: config, topics: [topic], map: orderMapper(topic), batchSize: 200 });
    await relay.start();

    const orders = Array.from({ length: 100 }, () => newId());
    const acknowledged = new Set<string>();
    const command = async (i: number) => {
      const result = await handleCommand(store, `order-${orders[i % orders.length]}`, counterDecider, { type: 'Increment', by: 1, writer: i });
      acknowledged.add(result.events[0].id);
    };
    for (let i = 0; i < 3000; i++) await command(i);
    await cluster.stopBroker(1);
    for (let i = 3000; i < 7000; i++) await command(i);
    await cluster.restartBroker(1);
    for (let i = 7000; i < 10000; i++) await command(i);
    expect(acknowledged.size).toBe(10000);

    const seen = new Set<string>();
    const consumer = kafka.consumer({ groupId: `failover-${newId()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.add(JSON.parse(message.value!.toString()).id) });
    await eventually(() => seen.size >= acknowledged.size, { timeoutMs: 90000, intervalMs: 500, what: '10,000 events on the topic' }).catch(async (e) => {
      throw new Error(`${(e as Error).message}; seen ${seen.size}; relay ${JSON.stringify(await relay.status())}`);
    });
    await consumer.disconnect();
    const missing = [...acknowledged].filter((id) => !seen.has(id));
    expect(missing).toEqual([]);
  }, 240000);
});
