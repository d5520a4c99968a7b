import { SqliteEventStore } from '@opn/event-store';
import { newId } from '@opn/kernel';
import { ensureTopics } from '@opn/messaging';
import { eventually, testInfra } from '@opn/testing';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

const root = join(__dirname, '..', '..');

/**
 * The relay is killed with SIGKILL at random instants while 5% of its sends fail, and restarted each
 * time. A consumer that deduplicates by event id must then see every published event exactly once
 * in effect, in order per aggregate, and never a private one.
 */
describe('Kafka relay killed mid-stream', () => {
  const { kafkaBrokers } = testInfra();
  const dir = mkdtempSync(join(tmpdir(), 'opn-relay-'));
  const dbFile = join(dir, 'events.sqlite');
  const topic = `test.relay-${newId()}`;
  const kafka = new Kafka({ clientId: 'relay-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
  let worker: ChildProcess | undefined;

  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'tools', 'build.mjs')], { cwd: root, stdio: 'ignore' });
  });
  afterAll(() => {
    worker?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const startWorker = () => {
    worker = spawn(process.execPath, [join(root, 'dist', 'test', 'reliability', 'relay-worker.js')], {
      env: { ...process.env, DB_FILE: dbFile, TOPIC: topic, KAFKA_BROKERS: kafkaBrokers.join(','), FAIL_RATE: '0.05', BATCH_SIZE: '25' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return worker;
  };

  it('loses nothing, duplicates no effect and keeps order per aggregate', async () => {
    const store = new SqliteEventStore({ filename: dbFile });
    await ensureTopics(kafka, [topic], { partitions: 3, replicationFactor: 1 });
    const orders = Array.from({ length: 20 }, () => newId());
    const expected = new Map<string, number[]>(orders.map((o) => [o, []]));
    let seq = 0;
    const appendSome = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const order = orders[i % orders.length];
        const n = ++seq;
        await store.appendToStream(`order-${order}`, [{ type: 'OrderLineAdded', data: { n } }]);
        expected.get(order)!.push(n);
        if (n % 10 === 0) await store.appendToStream(`secret-${order}`, [{ type: 'SecretKept', data: { n } }]);
      }
    };

    const effects = new Map<string, number[]>();
    const seenIds = new Set<string>();
    let deliveries = 0;
    const consumer = kafka.consumer({ groupId: `relay-check-${newId()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        deliveries++;
        const e = JSON.parse(message.value!.toString());
        if (seenIds.has(e.id)) return; // idempotent consumer: dedup by event id
        seenIds.add(e.id);
        const list = effects.get(e.subject) ?? [];
        list.push(e.data.n);
        effects.set(e.subject, list);
      },
    });

    await appendSome(200);
    for (let kill = 0; kill < 8; kill++) {
      const w = startWorker();
      await appendSome(50);
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
      w.kill('SIGKILL');
      await new Promise((r) => w.once('exit', r));
    }
    startWorker();
    const total = seq;
    await eventually(() => seenIds.size === total, { timeoutMs: 60000, what: `${total} distinct events on the topic` });
    await new Promise((r) => setTimeout(r, 500));

    expect(seenIds.size).toBe(total);
    for (const [order, ns] of expected) expect(effects.get(order)).toEqual(ns);
    expect([...effects.keys()].every((k) => expected.has(k))).toBe(true);
    // Redeliveries happen (at-least-once) but have no effect past the dedup.
    expect(deliveries).toBeGreaterThanOrEqual(total);
    await consumer.disconnect();
    worker!.kill('SIGTERM');
    await store.close();
  }, 120000);
});
