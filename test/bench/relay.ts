// Row 4 of QUALITY.md: KafkaRelay publishing pre-appended events from a SqliteEventStore until its
// checkpoint reaches the head, vs a bare kafkajs sendBatch loop of the very same messages.
import { join } from 'node:path';
import { IntegrationEvent } from '@opn/contracts';
import { SqliteEventStore } from '@opn/event-store';
import { RecordedEvent, streamCategory, streamEntityId } from '@opn/kernel';
import { KafkaConfig, KafkaRelay, OutboundMapper, createKafka, ensureTopics, toKafkaMessage } from '@opn/messaging';
import type { Message } from 'kafkajs';
import { BenchConfig, Row, Sample, alternate, log, ratioRow, removeSqlite, scaled, side, sleep, timed } from './lib';
import { commandEvent } from './payloads';
import { prng } from './lib';

/** The relay's default page size; the baseline sends batches of the same size. */
export const RELAY_BATCH = 500;

const mapper =
  (topic: string): OutboundMapper =>
  (e: RecordedEvent) => {
    if (streamCategory(e.streamId) !== 'company') return null;
    const event: IntegrationEvent = {
      id: e.id,
      type: `identity.${e.type}`,
      version: e.version,
      source: 'identity',
      subject: streamEntityId(e.streamId),
      position: e.position,
      occurredAt: e.occurredAt.toISOString(),
      correlationId: e.metadata.correlationId,
      data: e.data,
    };
    return { topic, event };
  };

/** N events over N/10 company streams, appended one event per append, interleaved (like commands). */
async function seed(file: string, events: number) {
  const streams = Math.max(1, Math.round(events / 10));
  const rnd = prng(5);
  // Seeding only: 'normal' skips the fsync per commit; the relay reads it through a 'full' store.
  const store = new SqliteEventStore({ filename: file, durability: 'normal' });
  try {
    for (let n = 0, i = 0; i < events; n++) {
      for (let s = 0; s < streams && i < events; s++, i++) {
        const id = `company-${String(s).padStart(6, '0')}`;
        await store.appendToStream(id, [commandEvent(rnd, s, n)], { expectedRevision: n === 0 ? 'no_stream' : n - 1 });
      }
    }
  } finally {
    await store.close();
  }
}

async function topicSize(kafkaConfig: KafkaConfig, topic: string): Promise<number> {
  const admin = createKafka(kafkaConfig).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((n, o) => n + Number(o.high) - Number(o.low), 0);
  } finally {
    await admin.disconnect();
  }
}

export async function benchRelay(config: BenchConfig, brokers: string[]): Promise<Row[]> {
  const total = scaled(config, 20_000, 500);
  const warmTotal = Math.max(500, Math.round(total / 10));
  const kafkaConfig: KafkaConfig = { brokers, clientId: 'opn-bench', partitions: 3, replicationFactor: 1 };
  const runId = Date.now().toString(36);
  log(`relay: seeding ${total} events (+${warmTotal} for the warm-up) over ${Math.round(total / 10)} streams`);
  const files = { measured: join(config.dir, 'relay.sqlite'), warmup: join(config.dir, 'relay-warmup.sqlite') };
  await seed(files.measured, total);
  await seed(files.warmup, warmTotal);

  const stores = {
    measured: new SqliteEventStore({ filename: files.measured }),
    warmup: new SqliteEventStore({ filename: files.warmup }),
  };
  try {
    // The baseline's messages: the same envelopes the relay builds, in the same pages, built up front.
    const messagesOf = async (store: SqliteEventStore, topic: string) => {
      const map = mapper(topic);
      const pages: Message[][] = [];
      for (let after = 0; ; ) {
        const page = await store.readAll({ after, maxCount: RELAY_BATCH });
        if (!page.length) break;
        pages.push(page.map((e) => toKafkaMessage(map(e)!.event)));
        after = page[page.length - 1].position;
      }
      return pages;
    };
    const kafka = createKafka(kafkaConfig);
    const freshTopic = async (name: string) => {
      await ensureTopics(kafka, [name], kafkaConfig);
      return name;
    };

    const verify = async (topic: string, expected: number) => {
      const n = await topicSize(kafkaConfig, topic);
      if (n !== expected) throw new Error(`topic ${topic} holds ${n} messages, expected ${expected}`);
    };

    const results = await alternate('relay', config.rounds, {
      bare: async (round, warmup) => {
        const store = warmup ? stores.warmup : stores.measured;
        const topic = await freshTopic(`bench.${runId}.bare.r${round}`);
        const pages = await messagesOf(store, topic);
        const count = pages.reduce((n, p) => n + p.length, 0);
        const sample: Sample = await timed(count, async () => {
          const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
          await producer.connect();
          for (const messages of pages) await producer.sendBatch({ topicMessages: [{ topic, messages }], acks: -1 });
          await producer.disconnect();
        });
        await verify(topic, count);
        return { publish: sample };
      },
      relay: async (round, warmup) => {
        const store = warmup ? stores.warmup : stores.measured;
        const topic = await freshTopic(`bench.${runId}.relay.r${round}`);
        const head = await store.headPosition();
        const errors: unknown[] = [];
        const relay = new KafkaRelay({
          name: `bench.relay.${runId}.r${round}`,
          store,
          checkpoints: store,
          kafka: kafkaConfig,
          map: mapper(topic),
          topics: [topic],
          onError: (e) => errors.push(e),
        });
        const sample = await timed(head, async () => {
          await relay.start();
          const deadline = Date.now() + 120_000;
          for (;;) {
            const status = await relay.status();
            if (status.position >= head) break;
            if (Date.now() > deadline) throw new Error(`relay stuck at ${status.position}/${head}: ${status.lastError ?? 'no error'}`);
            await sleep(2);
          }
        });
        await relay.stop();
        if (errors.length) log(`relay: ${errors.length} send errors during the run (retried): ${String(errors[0])}`);
        await verify(topic, head);
        return { publish: sample };
      },
    });
    return [
      ratioRow(
        'kafka-relay',
        'Kafka relay throughput (KafkaRelay vs bare kafkajs sendBatch loop)',
        side('KafkaRelay, from start() to checkpoint = head', results.relay.publish, 'msg'),
        side('bare kafkajs loop, from producer connect to last ack', results.bare.publish, 'msg'),
        0.5,
        `${total} events, 1 topic x 3 partitions, batches of ${RELAY_BATCH}, acks=-1, idempotent producer (maxInFlightRequests 1) on both sides; baseline messages built before timing`,
      ),
    ];
  } finally {
    await stores.measured.close();
    await stores.warmup.close();
    removeSqlite(files.measured);
    removeSqlite(files.warmup);
  }
}
