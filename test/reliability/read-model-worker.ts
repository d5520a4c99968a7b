// A service-shaped consumer in its own process, so a test can SIGKILL it at any instant: a Nest
// application that declares a companies read model fed by identity's integration events to the
// kit's IntegrationModule (KafkaProjectionRunner, group `<SERVICE>.read-models`).
// env: KAFKA_BROKERS, MONGODB_URL, MONGO_DB, SERVICE
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { kafkaConfigFromEnv } from '@opn/messaging';
import { IntegrationEventsHost, IntegrationModule } from '@opn/service-kit';
import mongoose from 'mongoose';
import { partnerCompaniesProjection } from '../support/partner-companies.projection';

async function main() {
  const service = process.env.SERVICE!;
  const connection = await mongoose.createConnection(process.env.MONGODB_URL!, { dbName: process.env.MONGO_DB!, serverSelectionTimeoutMS: 10000 }).asPromise();

  @Module({
    imports: [
      IntegrationModule.forRootAsync({
        useFactory: () => ({
          service,
          kafka: kafkaConfigFromEnv(service),
          connection,
          projections: [partnerCompaniesProjection],
          backoff: { initialMs: 20, maxMs: 200 },
          // The broker's minimum: a SIGKILLed member's partitions move to its successor after 6 s.
          sessionTimeoutMs: 6000,
        }),
      }),
    ],
  })
  class PartnerDirectoryModule {}

  const app = await NestFactory.createApplicationContext(PartnerDirectoryModule, { logger: false });
  const host = app.get(IntegrationEventsHost);
  const report = setInterval(() => process.stdout.write(`${JSON.stringify(host.status().readModels)}\n`), 200);
  process.on('SIGTERM', async () => {
    clearInterval(report);
    await app.close();
    await connection.close();
    process.stdout.write(`${JSON.stringify(host.status().readModels)}\n`);
    process.exit(0);
  });
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
