import { createEventStore } from '@opn/event-store';
import { progressReporter, rebuildKafkaProjections, rebuildProjection } from '@opn/projections';
import mongoose from 'mongoose';
import { ConfigError } from './config/config';
import { kafkaConfig } from './config/kit-config';
import { ServiceDefinition, loadServiceConfig } from './service-definition';

/**
 * `npm run rebuild -- <service> [projection ...] [--resume]`: drops the service's read models and
 * replays them, with a progress bar: local ones from the service's event log, Kafka-fed ones
 * (`kafkaReadModels`) from the beginning of their topics (the consumer group is rewound; Kafka
 * refuses while the service still runs). Run it with the service stopped (one writer per read
 * model, docs/adr/0005 and 0007). Without names, rebuilds every one. Returns the exit code.
 */
export async function runRebuildCli(definition: ServiceDefinition, args: string[], out: NodeJS.WriteStream = process.stderr): Promise<number> {
  const resume = args.includes('--resume');
  const names = args.filter((a) => !a.startsWith('--'));
  const kafkaFed = definition.kafkaReadModels ?? [];
  const available = [...definition.projections.map((p) => p.name), ...kafkaFed.map((p) => p.name)];
  const unknown = names.filter((n) => !available.includes(n));
  if (unknown.length) {
    out.write(`unknown projection(s) of ${definition.name}: ${unknown.join(', ')}\navailable: ${available.join(', ')}\n`);
    return 2;
  }
  let config;
  try {
    config = loadServiceConfig(definition);
  } catch (error) {
    if (error instanceof ConfigError) {
      out.write(`${definition.name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const chosen = <P extends { name: string }>(list: P[]) => (names.length ? list.filter((p) => names.includes(p.name)) : list);
  const selected = chosen(definition.projections);
  const fromTopics = chosen(kafkaFed);
  const store = createEventStore({ eventStoreUrl: config.eventStoreUrl, dataDir: config.dataDir, service: definition.name });
  const connection = await mongoose.createConnection(config.mongoUrl, { dbName: config.mongoDb, serverSelectionTimeoutMS: 10000 }).asPromise();
  try {
    for (const projection of selected) {
      const { events, seconds } = await rebuildProjection({ store, connection, projection, resume, onProgress: progressReporter(projection.name, out) });
      out.write(`${projection.name}: ${events} events replayed in ${seconds.toFixed(2)} s\n`);
    }
    if (fromTopics.length) {
      const label = fromTopics.map((p) => p.name).join(', ');
      const { messages, seconds } = await rebuildKafkaProjections({
        kafka: kafkaConfig(config, `${definition.name}-rebuild`),
        groupId: `${definition.name}.read-models`,
        connection,
        // The live group holds every Kafka-fed read model: they are rebuilt together.
        projections: kafkaFed,
        onProgress: progressReporter(label, out),
      });
      out.write(`${kafkaFed.map((p) => p.name).join(', ')}: ${messages} messages replayed from the topics in ${seconds.toFixed(2)} s\n`);
    }
    return 0;
  } finally {
    await connection.close();
    await store.close();
  }
}
