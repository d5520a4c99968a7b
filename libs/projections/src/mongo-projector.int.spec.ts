import { SqliteEventStore } from '@opn/event-store';
import { newId } from '@opn/kernel';
import { Shop, connectTestDatabase, shopProjection } from '@opn/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { LocalProjectionRunner, rebuildProjection } from './local-projection-runner';
import { MongoProjector } from './mongo-projector';
import { DocumentProjection, ProjectedEvent } from './projection';

const shops = shopProjection;

let position = 0;
const event = (subject: string, type: string, data: object = {}): ProjectedEvent => ({
  id: newId(),
  type,
  version: 1,
  data,
  position: ++position,
  subject,
  occurredAt: new Date(),
});

const plain = async (connection: Connection) =>
  (await connection.collection('shops').find({}).sort({ _id: 1 }).toArray()).map(({ _id, name, visits }) => ({ _id, name, visits }));

describe('MongoProjector', () => {
  let db: Awaited<ReturnType<typeof connectTestDatabase>>;
  let projector: MongoProjector<Shop>;

  beforeAll(async () => {
    db = await connectTestDatabase('projector');
    projector = new MongoProjector(db.connection, shops);
    await projector.reset();
  });
  afterAll(() => db.close());

  it('folds a batch into documents, deleting what the projection returns null for', async () => {
    const a = event('a', 'ShopOpened', { name: 'Atelier' });
    const b = event('b', 'ShopOpened', { name: 'Boulangerie' });
    const c = event('c', 'ShopOpened', { name: 'Cave' });
    await projector.apply([a, b, c, event('a', 'ShopVisited'), event('a', 'ShopRenamed', { name: 'Atelier 2' }), event('c', 'ShopClosed')]);
    expect(await plain(db.connection)).toEqual([
      { _id: 'a', name: 'Atelier 2', visits: 1 },
      { _id: 'b', name: 'Boulangerie', visits: 0 },
    ]);
  });

  it('ignores a redelivered event and an event older than the document', async () => {
    const visit = event('b', 'ShopVisited');
    expect(await projector.apply([visit])).toBe(1);
    expect(await projector.apply([visit])).toBe(0);
    const stale = { ...event('b', 'ShopRenamed', { name: 'Stale' }), position: 1 };
    expect(await projector.apply([stale])).toBe(0);
    expect(await plain(db.connection)).toContainEqual({ _id: 'b', name: 'Boulangerie', visits: 1 });
  });

  it('skips events it does not handle without touching the database', async () => {
    expect(await projector.apply([event('z', 'SomethingElse')])).toBe(0);
  });

  it('with a document cache, reads a document it wrote only once, and again after a failed write', async () => {
    const cached = new MongoProjector(db.connection, shops, { cacheDocuments: 10 });
    const reads: unknown[] = [];
    const collection = db.connection.collection('shops');
    const prototype = Object.getPrototypeOf(collection) as { findOne: (...args: unknown[]) => unknown };
    const original = prototype.findOne;
    const findOne = jest.spyOn(prototype, 'findOne').mockImplementation(function (this: unknown, ...args: unknown[]) {
      reads.push(args[0]);
      return original.apply(this, args);
    });
    try {
      await cached.apply([event('k', 'ShopOpened', { name: 'Kiosque' })]);
      await cached.apply([event('k', 'ShopVisited')]);
      await cached.apply([event('k', 'ShopVisited'), event('k', 'ShopRenamed', { name: 'Kiosque 2' })]);
      expect(reads).toEqual([{ _id: 'k' }]); // only before the first write (absent documents are never cached)
      const bulkWrite = jest.spyOn(Object.getPrototypeOf(collection), 'bulkWrite').mockRejectedValueOnce(new Error('connection reset'));
      await expect(cached.apply([event('k', 'ShopVisited')])).rejects.toThrow('connection reset');
      bulkWrite.mockRestore();
      await cached.apply([event('k', 'ShopVisited')]);
      expect(reads).toEqual([{ _id: 'k' }, { _id: 'k' }]);
    } finally {
      findOne.mockRestore();
    }
    expect(await plain(db.connection)).toContainEqual({ _id: 'k', name: 'Kiosque 2', visits: 3 });
  });

  it('keeps and resets its checkpoint', async () => {
    await projector.saveCheckpoint(42);
    expect(await projector.checkpoint()).toBe(42);
    await projector.reset();
    expect(await projector.checkpoint()).toBeUndefined();
    expect(await plain(db.connection)).toEqual([]);
  });
});

describe('projections fed by the local log', () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: Awaited<ReturnType<typeof connectTestDatabase>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opn-proj-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    db = await connectTestDatabase('projection_runner');
  });
  afterAll(async () => {
    await db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The expected read model: the pure fold of the whole log. */
  const foldOfLog = async () => {
    const docs = new Map<string, Shop>();
    for (const e of await store.readAll({ maxCount: 1_000_000 })) {
      if (!shops.handles.includes(e.type)) continue;
      const next = shops.apply(docs.get(e.streamId) ?? null, { ...e, subject: e.streamId });
      if (next) docs.set(e.streamId, next);
      else docs.delete(e.streamId);
    }
    return [...docs.entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([_id, d]) => ({ _id, ...d }));
  };

  const seed = async (shopsCount: number) => {
    for (let i = 0; i < shopsCount; i++) {
      const id = `shop-${String(i).padStart(4, '0')}`;
      await store.appendToStream(id, [
        { type: 'ShopOpened', data: { name: `Shop ${i}` } },
        { type: 'ShopVisited', data: {} },
        ...(i % 7 === 0 ? [{ type: 'ShopClosed', data: {} }] : [{ type: 'ShopRenamed', data: { name: `Shop ${i} bis` } }]),
      ]);
    }
  };

  it('follows the log live and stores its checkpoint', async () => {
    await seed(50);
    const runner = new LocalProjectionRunner({ store, connection: db.connection, projections: [shops], batchSize: 40 });
    await runner.start();
    expect(await runner.waitFor(await store.headPosition(), 15000)).toBe(true);
    await store.appendToStream('shop-live', [{ type: 'ShopOpened', data: { name: 'Live' } }]);
    expect(await runner.waitFor(await store.headPosition(), 15000)).toBe(true);
    await runner.stop();
    expect(await plain(db.connection)).toEqual(await foldOfLog());
    expect(await new MongoProjector(db.connection, shops).checkpoint()).toBe(await store.headPosition());
  });

  it('wakes read-your-writes callers when the projection moves, and answers false at the timeout', async () => {
    const runner = new LocalProjectionRunner({ store, connection: db.connection, projections: [shops] });
    await runner.start();
    try {
      expect(await runner.waitFor(await store.headPosition(), 15000)).toBe(true);
      const { lastPosition } = await store.appendToStream('shop-woken', [{ type: 'ShopOpened', data: { name: 'Woken' } }]);
      const started = Date.now();
      expect(await runner.waitFor(lastPosition, 15000)).toBe(true);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(await db.connection.collection('shops').findOne({ _id: 'shop-woken' } as never)).toMatchObject({ name: 'Woken' });
      expect(await runner.waitFor(lastPosition + 1, 50)).toBe(false); // nothing appended: never reached
    } finally {
      await runner.stop();
    }
    expect(await new MongoProjector(db.connection, shops).checkpoint()).toBe(await store.headPosition());
  });

  it("waits only for the read models that handle a command's event types", async () => {
    // a second read model that fails on every event it handles: it never moves
    const broken: DocumentProjection<{ n: number }> = {
      name: 'broken-audits',
      collection: 'broken_audits',
      handles: ['AuditLogged'],
      documentId: (e) => e.subject,
      apply: () => {
        throw new Error('this read model cannot fold anything');
      },
    };
    const runner = new LocalProjectionRunner({ store, connection: db.connection, projections: [shops, broken] });
    await runner.start();
    try {
      await store.appendToStream('audit-1', [{ type: 'AuditLogged', data: {} }]);
      const { lastPosition } = await store.appendToStream('shop-selective', [{ type: 'ShopOpened', data: { name: 'Selective' } }]);
      expect(await runner.waitFor(lastPosition, 15000, ['ShopOpened'])).toBe(true);
      expect(await db.connection.collection('shops').findOne({ _id: 'shop-selective' } as never)).toMatchObject({ name: 'Selective' });
      // every read model, or the broken one: it lags and fails, so the answer is false, at once
      const started = Date.now();
      expect(await runner.waitFor(lastPosition, 15000)).toBe(false);
      expect(await runner.waitFor(lastPosition, 15000, ['AuditLogged'])).toBe(false);
      expect(Date.now() - started).toBeLessThan(5000);
      // a type no read model handles: nothing to wait for
      expect(await runner.waitFor(lastPosition + 100, 15000, ['NothingHandlesThis'])).toBe(true);
    } finally {
      await runner.stop();
    }
  });

  it('rebuilds from scratch to the fold of the log, reporting progress up to 100%', async () => {
    await db.connection.collection('shops').updateMany({}, { $set: { name: 'corrupted' } });
    const reports: number[] = [];
    const result = await rebuildProjection({
      store,
      connection: db.connection,
      projection: shops,
      batchSize: 25,
      windowEvents: 25,
      onProgress: (p) => reports.push(p.total ? p.done / p.total : 1),
    });
    expect(result.events).toBe(await store.headPosition());
    expect(reports[reports.length - 1]).toBe(1);
    expect(reports.length).toBeGreaterThan(3);
    expect(await plain(db.connection)).toEqual(await foldOfLog());
  });

  it('resumes an interrupted rebuild from its checkpoint to the same result', async () => {
    let batches = 0;
    const failing: DocumentProjection<Shop> = {
      ...shops,
      apply: (doc, e) => {
        if (e.type === 'ShopVisited' && ++batches === 20) throw new Error('killed');
        return shops.apply(doc, e);
      },
    };
    await expect(rebuildProjection({ store, connection: db.connection, projection: failing, batchSize: 10, windowEvents: 30 })).rejects.toThrow('killed');
    const partialCheckpoint = await new MongoProjector(db.connection, shops).checkpoint();
    expect(partialCheckpoint).toBeGreaterThan(0);
    await rebuildProjection({ store, connection: db.connection, projection: shops, batchSize: 10, windowEvents: 30, resume: true });
    expect(await plain(db.connection)).toEqual(await foldOfLog());
  });
});
