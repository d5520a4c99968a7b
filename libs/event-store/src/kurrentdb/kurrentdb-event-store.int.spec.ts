import { describeEventStoreContract } from '../event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

const url = process.env.EVENTSTORE_URL;

describeEventStoreContract(
  'EventStoreDB/KurrentDB (EVENTSTORE_URL)',
  async () => {
    const store = new KurrentDbEventStore(url as string);
    await store.ping();
    return store;
  },
  { skipReason: url ? undefined : 'EVENTSTORE_URL is not set: no EventStoreDB/KurrentDB server to run against' },
);
