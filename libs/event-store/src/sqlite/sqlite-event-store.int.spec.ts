import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrencyError, RecordedEvent, newId } from '@opn/kernel';
import { describeEventStoreContract } from '../event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'opn-es-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEventStoreContract('embedded SQLite (file, durable)', async () => new SqliteEventStore({ filename: join(dir, 'events.db') }));
describeEventStoreContract(
  'embedded SQLite (file, durable, one transaction per append)',
  async () => new SqliteEventStore({ filename: join(dir, 'events-no-group.db'), groupCommit: false }),
);

describe('SqliteEventStore group commit', () => {
  let file: string;
  let store: SqliteEventStore;
  const ev = (type: string, data: unknown = {}) => ({ type, data });
  const stream = () => `group-${newId()}`;
  const since = (before: { transactions: number; appends: number }) => {
    const now = store.stats();
    return { transactions: now.transactions - before.transactions, appends: now.appends - before.appends };
  };

  beforeEach(() => {
    file = join(dir, `group-${newId()}.db`);
    store = new SqliteEventStore({ filename: file });
  });
  afterEach(async () => {
    await store.close();
  });

  it('commits appends made in the same turn of the event loop in one transaction, positions gapless in call order', async () => {
    await store.appendToStream(stream(), [ev('First')]);
    const head = await store.headPosition();
    const before = store.stats();
    const streams = Array.from({ length: 50 }, stream);
    const results = await Promise.all(streams.map((s, i) => store.appendToStream(s, [ev('E', { i })], { expectedRevision: 'no_stream' })));
    expect(since(before)).toEqual({ transactions: 1, appends: 50 });
    expect(results.map((r) => r.lastPosition)).toEqual(streams.map((_, i) => head + 1 + i));
    expect(new Set(results.map((r) => r.events[0].recordedAt.getTime())).size).toBe(1);
    const all = await store.readAll({ after: head });
    expect(all.map((e) => [e.position, e.streamId, e.revision])).toEqual(streams.map((s, i) => [head + 1 + i, s, 0]));
  });

  it('also groups appends made by different callbacks of one loop turn (like requests read in one poll phase)', async () => {
    const before = store.stats();
    const appends = await new Promise<Promise<unknown>[]>((resolve) => {
      const started: Promise<unknown>[] = [];
      // Callbacks queued together run in one phase of the loop, each as its own macrotask (microtasks are
      // drained between them), as the read callbacks of several sockets do in one poll phase.
      for (let i = 0; i < 3; i++) {
        setImmediate(() => {
          started.push(store.appendToStream(stream(), [ev('Callback', { i })]));
          if (started.length === 3) resolve(started);
        });
      }
    });
    await Promise.all(appends);
    expect(since(before)).toEqual({ transactions: 1, appends: 3 });
  });

  it('commits appends to one stream in the same group in call order, each checked against the ones before it', async () => {
    const s = stream();
    const before = store.stats();
    const results = await Promise.allSettled([
      store.appendToStream(s, [ev('A')], { expectedRevision: 'no_stream' }),
      store.appendToStream(s, [ev('B'), ev('C')], { expectedRevision: 0 }),
      store.appendToStream(s, [ev('Stale')], { expectedRevision: 0 }),
      store.appendToStream(s, [ev('D')], { expectedRevision: 2 }),
      store.appendToStream(s, [ev('E')], { expectedRevision: 'stream_exists' }),
    ]);
    expect(since(before).transactions).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    const read = await store.readStream(s);
    expect(read.map((e) => [e.type, e.revision])).toEqual([
      ['A', 0],
      ['B', 1],
      ['C', 2],
      ['D', 3],
      ['E', 4],
    ]);
    expect(read.map((e) => e.position)).toEqual(read.map((_, i) => read[0].position + i));
  });

  it('rolls back only the failing append of a group (any error, not just a conflict) and keeps positions gapless', async () => {
    const taken = (await store.appendToStream(stream(), [ev('Taken')])).events[0].id;
    const [a, bad, c] = [stream(), stream(), stream()];
    const before = store.stats();
    const results = await Promise.allSettled([
      store.appendToStream(a, [ev('A')]),
      // The first row is written, the second breaks the unique event id: the savepoint undoes both.
      store.appendToStream(bad, [ev('Written'), { ...ev('Duplicate'), id: taken }]),
      store.appendToStream(c, [ev('C')]),
    ]);
    expect(since(before).transactions).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const error = (results[1] as PromiseRejectedResult).reason as Error;
    expect(error).not.toBeInstanceOf(ConcurrencyError);
    expect(error.message).toMatch(/UNIQUE/);
    expect(await store.readStream(bad)).toEqual([]);
    expect(await store.streamRevision(bad)).toBe(-1);
    const [ra, rc] = [results[0], results[2]] as PromiseFulfilledResult<{ lastPosition: number }>[];
    expect(rc.value.lastPosition).toBe(ra.value.lastPosition + 1);
  });

  it('fails an append whose payload cannot be serialised on its own, at once', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const s = stream();
    const results = await Promise.allSettled([store.appendToStream(stream(), [ev('Cyclic', cyclic)]), store.appendToStream(s, [ev('Fine')])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(await store.streamRevision(s)).toBe(0);
  });

  it('resolves only once the events are committed: a fresh connection on the file then sees every one', async () => {
    const streams = Array.from({ length: 20 }, stream);
    const pending = Promise.all(streams.map((s) => store.appendToStream(s, [ev('Durable')], { expectedRevision: 'no_stream' })));
    const other = new Database(file, { readonly: true });
    try {
      const count = other.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM events WHERE type = 'Durable'");
      expect(count.get()?.n).toBe(0); // queued, not yet written
      await pending;
      expect(count.get()?.n).toBe(20);
    } finally {
      other.close();
    }
  });

  it('commits a lone sequential append in its own transaction, without waiting for company', async () => {
    const s = stream();
    const before = store.stats();
    for (let i = 0; i < 5; i++) await store.appendToStream(s, [ev('Seq', { i })], { expectedRevision: i - 1 < 0 ? 'no_stream' : i - 1 });
    expect(since(before)).toEqual({ transactions: 5, appends: 5 });
  });

  it('with groupCommit: false, runs one transaction per append', async () => {
    const single = new SqliteEventStore({ filename: join(dir, `nogroup-${newId()}.db`), groupCommit: false });
    try {
      await Promise.all(Array.from({ length: 10 }, () => single.appendToStream(stream(), [ev('Own')])));
      expect(single.stats()).toEqual({ transactions: 10, appends: 10 });
    } finally {
      await single.close();
    }
  });

  it('commits appends still queued when closed', async () => {
    const s = stream();
    const pending = store.appendToStream(s, [ev('Late')]);
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0 });
    const reopened = new SqliteEventStore({ filename: file });
    try {
      expect((await reopened.readStream(s)).map((e) => e.type)).toEqual(['Late']);
    } finally {
      await reopened.close();
    }
  });

  it('lets a subscriber see the events of concurrent groups once each, in position order', async () => {
    const from = await store.headPosition();
    const seen: RecordedEvent[] = [];
    let done!: () => void;
    const all = new Promise<void>((r) => (done = r));
    const sub = store.subscribeToAll({
      after: from,
      onEvent: (e) => {
        seen.push(e);
        if (seen.length === 60) done();
      },
    });
    try {
      for (let g = 0; g < 3; g++) {
        await Promise.all(Array.from({ length: 10 }, (_, i) => store.appendToStream(stream(), [ev('G', { g, i }), ev('H', { g, i })])));
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([all, new Promise((_, rej) => (timer = setTimeout(() => rej(new Error('timeout')), 10000)))]);
      clearTimeout(timer);
    } finally {
      await sub.stop();
    }
    expect(seen.map((e) => e.position)).toEqual(seen.map((_, i) => from + 1 + i));
  });
});

describe('SqliteEventStore stream cache', () => {
  const ev = (type: string, data: unknown = {}) => ({ type, data });

  it('reads a stream again with what was appended since, also by another writer on the same file', async () => {
    const file = join(dir, `cache-${newId()}.db`);
    const reader = new SqliteEventStore({ filename: file });
    const writer = new SqliteEventStore({ filename: file });
    try {
      await reader.appendToStream('s', [ev('A', { n: 0 }), ev('B', { n: 1 })]);
      expect((await reader.readStream('s')).map((e) => e.type)).toEqual(['A', 'B']);
      await writer.appendToStream('s', [ev('C', { n: 2 })], { expectedRevision: 1 });
      const again = await reader.readStream('s');
      expect(again.map((e) => [e.type, e.revision])).toEqual([['A', 0], ['B', 1], ['C', 2]]);
      expect(await reader.readStream('s', { fromRevision: 1, maxCount: 1 })).toEqual([again[1]]);
      expect(await reader.readStream('s', { fromRevision: 5 })).toEqual([]);
      // cached events are shared, so they are read-only
      expect(() => {
        (again[0].data as { n: number }).n = 42;
      }).toThrow(TypeError);
      expect(await new SqliteEventStore({ filename: file, streamCacheEvents: 0 }).readStream('s')).toEqual(again);
    } finally {
      await reader.close();
      await writer.close();
    }
  });

  it('keeps at most its limit of events, evicting the streams read least recently', async () => {
    const store = new SqliteEventStore({ filename: join(dir, `cache-${newId()}.db`), streamCacheEvents: 5 });
    try {
      for (const s of ['a', 'b', 'c']) await store.appendToStream(s, [ev('X'), ev('Y')]);
      await store.appendToStream('big', [ev('1'), ev('2'), ev('3'), ev('4'), ev('5'), ev('6')]);
      for (const s of ['a', 'b', 'c', 'big', 'a']) expect(await store.readStream(s)).toHaveLength(s === 'big' ? 6 : 2);
      const cache = (store as unknown as { streamCache: Map<string, unknown[]> }).streamCache;
      expect([...cache.keys()]).toEqual(['c', 'a']); // b evicted for a; big never fits
      expect([...cache.values()].reduce((n, e) => n + e.length, 0)).toBeLessThanOrEqual(5);
    } finally {
      await store.close();
    }
  });
});
