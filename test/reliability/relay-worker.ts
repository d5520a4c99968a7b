// A relay in its own process, so a test can SIGKILL it at any instant.
// env: DB_FILE, TOPIC, KAFKA_BROKERS, FAIL_RATE (share of sends that throw before reaching Kafka)
import { SqliteEventStore } from '@opn/event-store';
import { KafkaRelay } from '@opn/messaging';
import { kafkaConfig, kafkaSpec, loadConfig } from '@opn/service-kit';
import { orderMapper } from '../support/relay-fixture';

async function main() {
  const store = new SqliteEventStore({ filename: process.env.DB_FILE!, pollIntervalMs: 20 });
  const topic = process.env.TOPIC!;
  const failRate = Number(process.env.FAIL_RATE ?? 0);
  const relay = new KafkaRelay({
    name: 'test.relay',
    store,
    checkpoints: store,
    kafka: kafkaConfig(loadConfig(kafkaSpec()), 'relay-worker'),
    topics: [topic],
    map: orderMapper(topic),
    batchSize: Number(process.env.BATCH_SIZE ?? 50),
    beforeSend: () => {
      if (Math.random() < failRate) throw new Error('injected send failure');
    },
  });
  await relay.start();
  const report = setInterval(async () => {
    const s = await relay.status();
    process.stdout.write(`${JSON.stringify({ position: s.position, head: s.head, failures: s.failures })}\n`);
  }, 100);
  process.on('SIGTERM', async () => {
    clearInterval(report);
    await relay.stop();
    await store.close();
    process.exit(0);
  });
}
void main();
