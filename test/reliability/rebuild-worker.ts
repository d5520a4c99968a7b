// A projection rebuild in its own process, so a test can SIGKILL it anywhere.
// env: DB_FILE, MONGODB_URL, MONGO_DB, MODE=fresh|resume
import { SqliteEventStore } from '@opn/event-store';
import { rebuildProjection } from '@opn/projections';
import mongoose from 'mongoose';
import { shopProjection } from '@opn/testing';

async function main() {
  const store = new SqliteEventStore({ filename: process.env.DB_FILE! });
  const connection = await mongoose.createConnection(process.env.MONGODB_URL!, { dbName: process.env.MONGO_DB! }).asPromise();
  await rebuildProjection({ store, connection, projection: shopProjection, batchSize: 500, windowEvents: 1000, resume: process.env.MODE === 'resume' });
  await connection.close();
  await store.close();
  process.stdout.write('done\n');
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
