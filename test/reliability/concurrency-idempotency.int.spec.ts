import { SqliteEventStore } from '@opn/event-store';
import { ConcurrencyError, handleCommand } from '@opn/kernel';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { counterDecider } from '../support/counter';

const root = join(__dirname, '..', '..');

describe('optimistic concurrency and idempotency on the embedded store (QUALITY.md reliability rows)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opn-conc-'));
  beforeAll(() => execFileSync(process.execPath, [join(root, 'tools', 'build.mjs')], { cwd: root, stdio: 'ignore' }));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('8 writer threads x 1,000 rounds on one aggregate: exactly one winner per revision, the others get a conflict', async () => {
    const file = join(dir, 'contended.sqlite');
    const writers = 8;
    const rounds = 1000;
    const barrier = new SharedArrayBuffer(8);
    const outcomes = await Promise.all(
      Array.from(
        { length: writers },
        (_, writer) =>
          new Promise<Array<'won' | 'conflict'>>((resolve, reject) => {
            const w = new Worker(join(root, 'dist', 'test', 'reliability', 'writer-worker.js'), {
              workerData: { file, stream: 'counter-1', writer, writers, rounds, barrier },
            });
            w.once('message', resolve);
            w.once('error', reject);
          }),
      ),
    );
    for (let round = 0; round < rounds; round++) {
      const winners = outcomes.filter((o) => o[round] === 'won').length;
      expect([round, winners]).toEqual([round, 1]);
    }
    const store = new SqliteEventStore({ filename: file });
    const events = await store.readStream('counter-1');
    expect(events).toHaveLength(rounds);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    await store.close();
  }, 120000);

  it('10,000 duplicated commands (same idempotency keys): 0 duplicate effects', async () => {
    const store = new SqliteEventStore({ filename: join(dir, 'idempotent.sqlite') });
    const keys = 1000;
    const copies = 10;
    const streams = 10;
    // Different keys racing on one stream conflict (409) and are retried, as a client would;
    // copies of the same key must come back as replays, never as a second effect.
    const send = async (k: number, copy: number) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await handleCommand(store, `counter-${k % streams}`, counterDecider, { type: 'Increment', by: 1, writer: copy }, { idempotencyKey: `key-${k}` });
        } catch (error) {
          if (!(error instanceof ConcurrencyError) || attempt > 200) throw error;
        }
      }
    };
    // 16 keys in flight at a time, each sent 10 times at once (a client retrying over a flaky network).
    const results: Array<Awaited<ReturnType<typeof send>>> = [];
    let next = 0;
    const lane = async () => {
      while (next < keys) {
        const k = next++;
        results.push(...(await Promise.all(Array.from({ length: copies }, (_, copy) => send(k, copy)))));
      }
    };
    await Promise.all(Array.from({ length: 16 }, lane));
    expect(results).toHaveLength(keys * copies);
    expect(results.filter((r) => !r.replayed)).toHaveLength(keys);
    let total = 0;
    for (let s = 0; s < streams; s++) {
      const events = await store.readStream(`counter-${s}`);
      total += events.length;
      expect(new Set(events.map((e) => e.metadata.idempotencyKey)).size).toBe(events.length);
    }
    expect(total).toBe(keys);
    await store.close();
  }, 120000);
});
