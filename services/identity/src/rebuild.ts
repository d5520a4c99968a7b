// `npm run rebuild -- [projection ...] [--resume]`: drops identity read models and replays the
// event log into them, with a progress bar. Run it with the service stopped (one writer per read
// model, see docs/adr/0005); or simply restart the service after dropping a read model's collection
// and checkpoint, and its live runner replays the log. Without names, rebuilds every projection.
import { createEventStore } from '@opn/event-store';
import { progressReporter, rebuildProjection } from '@opn/projections';
import mongoose from 'mongoose';
import { identityConfig } from './config';
import { IDENTITY_PROJECTIONS } from './read-models';

async function main(args: string[]) {
  const resume = args.includes('--resume');
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !IDENTITY_PROJECTIONS.some((p) => p.name === n));
  if (unknown.length) {
    console.error(`unknown projection(s): ${unknown.join(', ')}\navailable: ${IDENTITY_PROJECTIONS.map((p) => p.name).join(', ')}`);
    process.exit(2);
  }
  const selected = names.length ? IDENTITY_PROJECTIONS.filter((p) => names.includes(p.name)) : IDENTITY_PROJECTIONS;
  const config = identityConfig();
  const store = createEventStore({ eventStoreUrl: config.eventStoreUrl, dataDir: config.dataDir, service: 'identity' });
  const connection = await mongoose.createConnection(config.mongoUrl, { dbName: config.mongoDb, serverSelectionTimeoutMS: 10000 }).asPromise();
  try {
    for (const projection of selected) {
      const { events, seconds } = await rebuildProjection({ store, connection, projection, resume, onProgress: progressReporter(projection.name) });
      console.log(`${projection.name}: ${events} events replayed in ${seconds.toFixed(2)} s`);
    }
  } finally {
    await connection.close();
    await store.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(1);
});
