import { randomBytes } from 'node:crypto';
import mongoose, { Connection } from 'mongoose';

/** A connection to a database of its own on the test MongoDB server, dropped by `close`. */
export async function connectTestDatabase(prefix: string): Promise<{ connection: Connection; close: () => Promise<void> }> {
  const url = process.env.MONGODB_URL;
  if (!url) throw new Error('MONGODB_URL is not set: int tests run under the jest global setup that starts FerretDB');
  const dbName = `${prefix}_${randomBytes(4).toString('hex')}`.replace(/[^a-zA-Z0-9_]/g, '_');
  const connection = await mongoose.createConnection(url, { dbName, serverSelectionTimeoutMS: 10000 }).asPromise();
  return {
    connection,
    close: async () => {
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    },
  };
}
