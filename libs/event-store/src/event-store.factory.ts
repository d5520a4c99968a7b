import { CheckpointStore, EventStore, KeyStore } from '@opn/kernel';
import { join } from 'node:path';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { SqliteKeyStore } from './sqlite/sqlite-key-store';

export type EventStoreWithCheckpoints = EventStore & CheckpointStore;

export interface EventStoreConfig {
  /** esdb:// or kurrentdb:// connection string; when absent the embedded store is used. */
  eventStoreUrl?: string;
  /** Directory for the embedded store's file; default `.data/<service>`. */
  dataDir?: string;
  service: string;
}

/** EVENTSTORE_URL set: EventStoreDB/KurrentDB. Otherwise: one SQLite file per service. */
export function createEventStore(config: EventStoreConfig): EventStoreWithCheckpoints {
  if (config.eventStoreUrl) return new KurrentDbEventStore(config.eventStoreUrl);
  const dir = config.dataDir ?? join(process.cwd(), '.data', config.service);
  return new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
}

export interface KeyStoreConfig {
  /** Directory of the embedded key file; default `.data/<service>`. */
  dataDir?: string;
  service: string;
}

/**
 * The crypto-shredding key store: `<dataDir>/keys.sqlite`, beside (never inside) the event store,
 * whichever event store adapter is used. See docs/adr/0009-crypto-shredding.md.
 */
export function createKeyStore(config: KeyStoreConfig): KeyStore {
  const dir = config.dataDir ?? join(process.cwd(), '.data', config.service);
  return new SqliteKeyStore({ filename: join(dir, 'keys.sqlite') });
}
