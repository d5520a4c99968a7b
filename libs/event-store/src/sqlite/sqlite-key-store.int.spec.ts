import { ERASED, PersonalDataCipher, PersonalDataEventStore, RecordedEvent, definePersonalDataPolicy, isSealed } from '@opn/kernel';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '../event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteKeyStore } from './sqlite-key-store';

const dir = mkdtempSync(join(tmpdir(), 'opn-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Ev =
  | { type: 'PersonRegistered'; data: { personId: string; email: string; displayName: string } }
  | { type: 'PersonProfileUpdated'; data: { personId: string; changes: { phone?: string | null; locale?: string } } };

const policy = definePersonalDataPolicy<Ev>({
  PersonRegistered: { subject: (d) => d.personId, fields: ['email', 'displayName'] },
  PersonProfileUpdated: { subject: (d) => d.personId, fields: ['changes.phone'] },
});

const canary = (label: string) => `canary-${label}-${Math.random().toString(36).slice(2)}`;

/** The bytes of a SQLite file and its WAL, as a latin1 string to search. */
const bytesOf = (file: string) => [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');

// The decorator is an EventStore like any other: the whole contract suite runs through it
// (with the contract's CompanyRegistered fields treated as personal data).
let n = 0;
describeEventStoreContract('SQLite behind PersonalDataEventStore', async () => {
  n += 1;
  const keys = new SqliteKeyStore({ filename: join(dir, `contract-keys-${n}.sqlite`) });
  const contractPolicy = definePersonalDataPolicy<{ type: 'CompanyRegistered'; data: { name: string } }>({
    CompanyRegistered: { subject: () => 'contract-subject', fields: ['name', 'tags'] },
  });
  return new PersonalDataEventStore(new SqliteEventStore({ filename: join(dir, `contract-${n}.sqlite`) }), new PersonalDataCipher(contractPolicy, keys));
});

describe('SqliteKeyStore', () => {
  let keys: SqliteKeyStore;
  const file = join(dir, 'keys-only.sqlite');
  beforeAll(() => (keys = new SqliteKeyStore({ filename: file })));
  afterAll(() => keys.close());

  it('creates one 256-bit key per subject, stable across calls and reopening', async () => {
    const k = await keys.getOrCreate('p-1');
    expect(k).toHaveLength(32);
    expect(await keys.getOrCreate('p-1')).toEqual(k);
    expect(await keys.find('p-1')).toEqual(k);
    expect(await keys.getOrCreate('p-2')).not.toEqual(k);
    expect(await keys.find('p-unknown')).toBeUndefined();
    const reopened = new SqliteKeyStore({ filename: file });
    expect(await reopened.find('p-1')).toEqual(k);
    await reopened.close();
  });

  it('destroys a key for good, idempotently, with a tombstone that prevents a new key', async () => {
    const k = (await keys.getOrCreate('p-3'))!;
    await keys.destroy('p-3');
    await keys.destroy('p-3');
    expect(await keys.find('p-3')).toBeUndefined();
    expect(await keys.getOrCreate('p-3')).toBeUndefined();
    expect(await keys.isDestroyed('p-3')).toBe(true);
    expect(await keys.isDestroyed('p-1')).toBe(false);
    // secure_delete + a truncated WAL: the key's bytes are gone from the files.
    expect(bytesOf(file).includes(k.toString('latin1'))).toBe(false);
  });

  it('two handles on one file (two processes) agree on a new subject\'s key', async () => {
    const other = new SqliteKeyStore({ filename: file });
    try {
      const [a, b] = await Promise.all([keys.getOrCreate('p-shared'), other.getOrCreate('p-shared')]);
      expect(a).toEqual(b);
      await other.destroy('p-shared');
      expect(await keys.find('p-shared')).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('tombstones a subject that never had a key', async () => {
    await keys.destroy('p-never');
    expect(await keys.getOrCreate('p-never')).toBeUndefined();
  });
});

describe('PersonalDataEventStore over the SQLite event store and key store', () => {
  const eventsFile = join(dir, 'events.sqlite');
  let raw: SqliteEventStore;
  let keys: SqliteKeyStore;
  let store: PersonalDataEventStore<SqliteEventStore>;
  beforeAll(() => {
    raw = new SqliteEventStore({ filename: eventsFile });
    keys = new SqliteKeyStore({ filename: join(dir, 'keys.sqlite') });
    store = new PersonalDataEventStore(raw, new PersonalDataCipher(policy, keys));
  });
  afterAll(async () => {
    await store.close();
    await keys.close();
  });

  it('seals on append, opens on every read path, and the raw store holds only ciphertext', async () => {
    const email = `${canary('email')}@example.fr`;
    const name = canary('name');
    const phone = canary('phone');
    const appended = await store.appendToStream('person-a', [
      { type: 'PersonRegistered', data: { personId: 'a', email, displayName: name } },
      { type: 'PersonProfileUpdated', data: { personId: 'a', changes: { phone, locale: 'en' } } },
    ]);
    const clear = [
      { personId: 'a', email, displayName: name },
      { personId: 'a', changes: { phone, locale: 'en' } },
    ];
    expect(appended.events.map((e) => e.data)).toEqual(clear);
    expect((await store.readStream('person-a')).map((e) => e.data)).toEqual(clear);
    expect((await store.readAll()).filter((e) => e.streamId === 'person-a').map((e) => e.data)).toEqual(clear);

    const seen: RecordedEvent[] = [];
    const sub = store.subscribeToAll({ onEvent: (e) => void seen.push(e) });
    const batches: RecordedEvent[] = [];
    const sub2 = store.subscribeToAll({ onBatch: (b) => void batches.push(...b) });
    await waitUntil(() => seen.length >= 2 && batches.length >= 2);
    await sub.stop();
    await sub2.stop();
    expect(seen.filter((e) => e.streamId === 'person-a').map((e) => e.data)).toEqual(clear);
    expect(batches.filter((e) => e.streamId === 'person-a').map((e) => e.data)).toEqual(clear);

    const rawEvents = await store.raw.readStream('person-a');
    const [reg, upd] = rawEvents.map((e) => e.data as Record<string, never>);
    expect(isSealed(reg.email) && isSealed(reg.displayName)).toBe(true);
    expect(isSealed((upd.changes as Record<string, unknown>).phone)).toBe(true);
    expect((upd.changes as Record<string, unknown>).locale).toBe('en');
    expect(JSON.stringify(rawEvents)).not.toMatch(/canary/);
  });

  it('after destroy: the subject reads as erased, others do not, and no planted plaintext is left in events.sqlite or its WAL', async () => {
    const planted = [`${canary('email')}@example.fr`, canary('name'), canary('phone')];
    await store.appendToStream('person-b', [
      { type: 'PersonRegistered', data: { personId: 'b', email: planted[0], displayName: planted[1] } },
      { type: 'PersonProfileUpdated', data: { personId: 'b', changes: { phone: planted[2] } } },
    ]);
    const other = canary('other');
    await store.appendToStream('person-c', [{ type: 'PersonRegistered', data: { personId: 'c', email: 'c@example.fr', displayName: other } }]);

    await keys.destroy('b');

    expect((await store.readStream('person-b')).map((e) => e.data)).toEqual([
      { personId: 'b', email: ERASED, displayName: ERASED },
      { personId: 'b', changes: { phone: ERASED } },
    ]);
    expect((await store.readStream('person-c'))[0].data).toEqual({ personId: 'c', email: 'c@example.fr', displayName: other });

    // Written after the erasure: stored as the placeholder, no key re-created.
    const late = canary('late');
    await store.appendToStream('person-b', [{ type: 'PersonProfileUpdated', data: { personId: 'b', changes: { phone: late } } }]);
    expect((await store.raw.readStream('person-b'))[2].data).toEqual({ personId: 'b', changes: { phone: ERASED } });
    expect(await keys.find('b')).toBeUndefined();

    const bytes = bytesOf(eventsFile);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes('person-b')).toBe(true); // the search does see the file's text
    for (const value of [...planted, late]) expect(bytes.includes(value)).toBe(false);
    expect(bytes.includes(other)).toBe(false); // sealed too, though its key lives on
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
