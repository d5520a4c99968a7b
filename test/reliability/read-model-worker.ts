// A service-shaped consumer in its own process, so a test can SIGKILL it at any instant: a service
// declared to the kit whose only read model is fed by identity's integration events over Kafka
// (`kafkaReadModels`, run by the kit's KafkaProjectionRunner, group `<SERVICE>.read-models`).
// env: KAFKA_BROKERS, MONGODB_URL, MONGO_DB, SERVICE, DATA_DIR
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IntegrationEventsHost, ServiceKitModule, defineService } from '@opn/service-kit';
import { partnerCompaniesProjection } from '../support/partner-companies.projection';

async function main() {
  const service = process.env.SERVICE!;
  const NAME = service.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  Object.assign(process.env, {
    [`${NAME}_MONGODB_DB`]: process.env.MONGO_DB,
    [`${NAME}_DATA_DIR`]: process.env.DATA_DIR,
    // The broker's minimum: a SIGKILLed member's partitions move to its successor after 6 s.
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    LOG_LEVEL: 'warn',
  });
  const partners = defineService({
    name: service,
    title: 'partner directory (test)',
    description: "identity's companies, as another service sees them",
    defaultPort: 0,
    config: {},
    projections: [],
    kafkaReadModels: [partnerCompaniesProjection],
  });

  @Module({ imports: [ServiceKitModule.forService(partners)] })
  class PartnerDirectoryModule {}

  const app = await NestFactory.createApplicationContext(PartnerDirectoryModule, { logger: false });
  await app.init();
  const host = app.get(IntegrationEventsHost);
  const report = setInterval(() => process.stdout.write(`${JSON.stringify(host.status().readModels)}\n`), 200);
  process.on('SIGTERM', async () => {
    clearInterval(report);
    await app.close();
    process.stdout.write(`${JSON.stringify(host.status().readModels)}\n`);
    process.exit(0);
  });
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
