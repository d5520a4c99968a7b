import { createEventStore } from '@opn/event-store';
import { progressReporter, rebuildProjection } from '@opn/projections';
import mongoose from 'mongoose';
import { ConfigError } from './config/config';
import { ServiceDefinition, loadServiceConfig } from './service-definition';

/**
 * `npm run rebuild -- <service> [projection ...] [--resume]`: drops the service's read models and
 * replays its event log into them, with a progress bar. Run it with the service stopped (one
 * writer per read model, docs/adr/0005). Without projection names, rebuilds every one.
 * Returns the process exit code.
 */
export async function runRebuildCli(definition: ServiceDefinition, args: string[], out: NodeJS.WriteStream = process.stderr): Promise<number> {
  const resume = args.includes('--resume');
  const names = args.filter((a) => !a.startsWith('--'));
  const available = definition.projections.map((p) => p.name);
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
  const selected = names.length ? definition.projections.filter((p) => names.includes(p.name)) : definition.projections;
  const store = createEventStore({ eventStoreUrl: config.eventStoreUrl, dataDir: config.dataDir, service: definition.name });
  const connection = await mongoose.createConnection(config.mongoUrl, { dbName: config.mongoDb, serverSelectionTimeoutMS: 10000 }).asPromise();
  try {
    for (const projection of selected) {
      const { events, seconds } = await rebuildProjection({ store, connection, projection, resume, onProgress: progressReporter(projection.name, out) });
      out.write(`${projection.name}: ${events} events replayed in ${seconds.toFixed(2)} s\n`);
    }
    return 0;
  } finally {
    await connection.close();
    await store.close();
  }
}
