import { SqliteEventStore } from '@opn/event-store';
import { connectTestDatabase } from '@opn/testing';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Shop, shopProjection } from '@opn/testing';

const root = join(__dirname, '..', '..');

/** QUALITY.md: projector killed at 50 random points during a rebuild; the read model equals the fold of the log. */
describe('projection rebuild killed at random points', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opn-rebuild-'));
  const dbFile = join(dir, 'events.sqlite');
  let db: Awaited<ReturnType<typeof connectTestDatabase>>;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(root, 'tools', 'build.mjs')], { cwd: root, stdio: 'ignore' });
    db = await connectTestDatabase('rebuild_kill');
    const store = new SqliteEventStore({ filename: dbFile, durability: 'normal' });
    for (let i = 0; i < 1000; i++) {
      const id = `shop-${i}`;
      await store.appendToStream(id, [
        { type: 'ShopOpened', data: { name: `Shop ${i}` } },
        { type: 'ShopVisited', data: {} },
        { type: 'ShopRenamed', data: { name: `Shop ${i} (renamed)` } },
        ...(i % 5 === 0 ? [{ type: 'ShopClosed', data: {} }] : [{ type: 'ShopVisited', data: {} }]),
      ]);
    }
    await store.close();
  }, 120000);
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (mode: 'fresh' | 'resume', killAfterMs?: number) =>
    new Promise<'done' | 'killed'>((resolve, reject) => {
      const child = spawn(process.execPath, [join(root, 'dist', 'test', 'reliability', 'rebuild-worker.js')], {
        env: { ...process.env, DB_FILE: dbFile, MONGO_DB: db.connection.name, MODE: mode },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (signal === 'SIGKILL') resolve('killed');
        else if (code === 0 && out.includes('done')) resolve('done');
        else reject(new Error(`rebuild worker exited with ${code}`));
      });
    });

  it('ends equal to the fold of the log after 50 kills', async () => {
    const outcomes: string[] = [await run('fresh', 400)];
    for (let k = 1; k < 50; k++) outcomes.push(await run('resume', 250 + Math.random() * 500));
    outcomes.push(await run('resume'));
    expect(outcomes[outcomes.length - 1]).toBe('done');
    expect(outcomes.filter((o) => o === 'killed').length).toBeGreaterThanOrEqual(10);

    const store = new SqliteEventStore({ filename: dbFile });
    const expected = new Map<string, Shop>();
    for (let after = 0; ; ) {
      const page = await store.readAll({ after, maxCount: 5000 });
      if (page.length === 0) break;
      for (const e of page) {
        const next = shopProjection.apply(expected.get(e.streamId) ?? null, { ...e, subject: e.streamId });
        if (next) expected.set(e.streamId, next);
        else expected.delete(e.streamId);
      }
      after = page[page.length - 1].position;
    }
    await store.close();
    const actual = await db.connection.collection('shops').find({}).toArray();
    expect(actual).toHaveLength(expected.size);
    for (const doc of actual) expect({ name: doc.name, visits: doc.visits }).toEqual(expected.get(String(doc._id)));
  }, 240000);
});
