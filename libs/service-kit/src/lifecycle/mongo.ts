import { backoffDelay, sleep } from '@opn/kernel';
import mongoose, { Connection } from 'mongoose';

/**
 * A connection that opens in the background and keeps trying: the service starts and accepts
 * commands while MongoDB is down (mongoose does not retry a failed first connection by itself).
 * Commands are not buffered while disconnected: read-model writes fail fast and are retried.
 */
export class MongoHandle {
  readonly connection: Connection;
  private readonly abort = new AbortController();

  constructor(url: string, dbName: string, onError?: (e: unknown) => void) {
    this.connection = mongoose.createConnection();
    this.connection.set('bufferCommands', false);
    void (async () => {
      for (let attempt = 0; !this.abort.signal.aborted; attempt++) {
        try {
          await this.connection.openUri(url, { dbName, serverSelectionTimeoutMS: 3000, bufferCommands: false, maxPoolSize: 20 });
          return;
        } catch (error) {
          onError?.(error);
          await sleep(backoffDelay(attempt, { initialMs: 250, maxMs: 5000 }), this.abort.signal);
        }
      }
    })();
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.connection.close().catch(() => undefined);
  }
}
