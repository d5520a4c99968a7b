import { backoffDelay, sleep } from '@opn/kernel';
import mongoose, { Connection } from 'mongoose';

/**
 * A connection that opens in the background and keeps trying: the service starts and accepts
 * commands while MongoDB is down (mongoose does not retry a failed first connection by itself).
 * Commands are not buffered while disconnected: read-model writes fail fast and are retried.
 */
export function connectMongoInBackground(url: string, dbName: string, onError?: (e: unknown) => void): { connection: Connection; stop: () => void } {
  const connection = mongoose.createConnection();
  connection.set('bufferCommands', false);
  const abort = new AbortController();
  void (async () => {
    for (let attempt = 0; !abort.signal.aborted; attempt++) {
      try {
        await connection.openUri(url, { dbName, serverSelectionTimeoutMS: 3000, bufferCommands: false, maxPoolSize: 20 });
        return;
      } catch (error) {
        onError?.(error);
        await sleep(backoffDelay(attempt, { initialMs: 250, maxMs: 5000 }), abort.signal);
      }
    }
  })();
  return { connection, stop: () => abort.abort() };
}
