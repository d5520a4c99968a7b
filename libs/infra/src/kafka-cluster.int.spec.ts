import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Admin, Consumer, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { KafkaCluster, startKafkaCluster } from './kafka';

// A 3-broker KRaft cluster of its own (not the globalSetup one): with replication 3 and
// min.insync.replicas 2, acks=all writes must keep succeeding while one broker is SIGKILLed,
// and nothing acknowledged may be lost.
describe('local Kafka cluster under a broker failure', () => {
  const topic = 'fault-test';
  const perPhase = 100;
  let dataDir: string;
  let cluster: KafkaCluster;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let consumer: Consumer | undefined;
  const acked = new Set<string>();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'opn-kafka-fault-'));
    cluster = await startKafkaCluster({ brokers: 3, dataDir });
    kafka = new Kafka({
      clientId: 'fault-test',
      brokers: cluster.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 12, initialRetryTime: 200, maxRetryTime: 3000 },
    });
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  }, 90_000);

  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check().catch(() => false))) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function produce(phase: string): Promise<void> {
    for (let batch = 0; batch < perPhase / 10; batch++) {
      const messages = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `${phase}-${batch * 10 + i}` }));
      await producer.send({ topic, acks: -1, messages });
      for (const m of messages) acked.add(m.value);
    }
  }

  it('keeps every acknowledged message across a SIGKILLed and restarted broker', async () => {
    // kafkajs' waitForLeaders gives up on UNKNOWN_TOPIC_OR_PARTITION, which a KRaft broker answers until
    // the new topic's metadata reached it; poll instead until every partition has 3 in-sync replicas.
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: false });
    await waitFor(async () => {
      const [t] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
      return t.partitions.length === 3 && t.partitions.every((p) => p.leader >= 0 && p.isr.length === 3);
    });
    await produce('before');

    // Kill the leader of partition 0 so that a leader election is part of the test.
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    const leader = metadata.partitions.find((p) => p.partitionId === 0)?.leader ?? 1;
    const victim = cluster.brokers.findIndex((_, i) => i + 1 === leader); // node ids are index + 1
    await cluster.stopBroker(victim);
    expect(cluster.isRunning(victim)).toBe(false);

    await produce('during');
    await cluster.restartBroker(victim);
    expect(cluster.isRunning(victim)).toBe(true);
    await produce('after');
    expect(acked.size).toBe(3 * perPhase);

    const received = new Set<string>();
    consumer = kafka.consumer({ groupId: `fault-test-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const allSeen = new Promise<void>((resolve) => {
      void consumer?.run({
        eachMessage: async ({ message }) => {
          received.add(message.value?.toString() ?? '');
          if ([...acked].every((v) => received.has(v))) resolve();
        },
      });
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([allSeen, new Promise((r) => (timer = setTimeout(r, 30_000)))]);
    clearTimeout(timer);
    expect([...acked].filter((v) => !received.has(v))).toEqual([]);
  }, 90_000);
});
