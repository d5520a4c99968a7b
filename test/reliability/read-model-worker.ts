// A service-shaped consumer in its own process, so a test can SIGKILL it at any instant: it runs a
// KafkaProjectionRunner that keeps a companies read model from identity's integration events.
// env: KAFKA_BROKERS, MONGODB_URL, MONGO_DB, GROUP_ID
import { kafkaConfigFromEnv } from '@opn/messaging';
import { KafkaProjectionRunner } from '@opn/projections';
import mongoose from 'mongoose';
import { partnerCompaniesProjection } from '../support/partner-companies.projection';

async function main() {
  const connection = await mongoose.createConnection(process.env.MONGODB_URL!, { dbName: process.env.MONGO_DB!, serverSelectionTimeoutMS: 10000 }).asPromise();
  const runner = new KafkaProjectionRunner({
    kafka: kafkaConfigFromEnv('read-model-worker'),
    groupId: process.env.GROUP_ID!,
    connection,
    projections: [partnerCompaniesProjection],
    backoff: { initialMs: 20, maxMs: 200 },
    // The broker's minimum: a SIGKILLed member's partitions move to its successor after 6 s.
    sessionTimeoutMs: 6000,
  });
  await runner.start();
  const report = setInterval(() => process.stdout.write(`${JSON.stringify(runner.status())}\n`), 200);
  process.on('SIGTERM', async () => {
    clearInterval(report);
    await runner.stop();
    await connection.close();
    process.stdout.write(`${JSON.stringify({ stopped: true, ...runner.status() })}\n`);
    process.exit(0);
  });
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
