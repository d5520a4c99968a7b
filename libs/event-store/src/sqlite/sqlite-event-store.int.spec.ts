import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '../event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'opn-es-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEventStoreContract('embedded SQLite (file, durable)', async () => new SqliteEventStore({ filename: join(dir, 'events.db') }));
