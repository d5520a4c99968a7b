// Row 3 of QUALITY.md: SqliteEventStore vs Emmett's SQLite event store (@event-driven-io/emmett-sqlite
// 0.38.5), same events, same streams, both files in the same temp dir: single appends, batched appends
// (100 per append), and reads of whole streams (short and long).
import Database from 'better-sqlite3';
import { getSQLiteEventStore, type SQLiteEventStore as EmmettStore } from '@event-driven-io/emmett-sqlite';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { SqliteEventStore } from '@opn/event-store';
import { BenchConfig, Row, Sample, alternate, log, ratioRow, removeSqlite, scaled, side, timed } from './lib';
import { PlannedAppend, countEvents, planAppends } from './payloads';
import { storeAppends } from './append';

export interface EmmettSizes {
  singleStreams: number;
  singlePerStream: number;
  batchStreams: number;
  batchSize: number;
  shortReadPasses: number;
}

export function emmettSizes(config: Pick<BenchConfig, 'scale'>, warmup = false): EmmettSizes {
  const k = warmup ? 0.1 : 1;
  return {
    singleStreams: scaled({ scale: config.scale * k }, 100, 5),
    singlePerStream: 5,
    batchStreams: scaled({ scale: config.scale * k }, 100, 2),
    batchSize: 100,
    shortReadPasses: 3,
  };
}

/** How each side is configured, found out by asking SQLite (printed with the results). */
export interface StorageSettings {
  ours: string;
  emmett: string;
}

function all<T>(db: sqlite3.Database, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(sql, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
}

/**
 * Emmett sets no synchronous level, so its connections run with node-sqlite3's compiled default;
 * a fresh node-sqlite3 connection on its file, after the run, reports exactly that.
 */
async function emmettSettings(file: string): Promise<string> {
  const db = new sqlite3.Database(file);
  try {
    const [jm] = await all<{ journal_mode: string }>(db, 'PRAGMA journal_mode');
    const [sync] = await all<{ synchronous: number }>(db, 'PRAGMA synchronous');
    const [v] = await all<{ v: string }>(db, 'SELECT sqlite_version() AS v');
    return (
      `journal_mode=${jm.journal_mode}, synchronous=${syncName(sync.synchronous)} (not set by Emmett: node-sqlite3 default), ` +
      `SQLite ${v.v} via sqlite3@5 (async, libuv threads); opens a new connection for every appendToStream/readStream ` +
      `and closes it after (the last connection to close checkpoints the WAL into the db file); BEGIN IMMEDIATE per append`
    );
  } finally {
    await new Promise<void>((r) => db.close(() => r()));
  }
}

function oursSettings(store: SqliteEventStore, file: string): string {
  // Read-only peek at the store's connection, to report the level it really runs with.
  const db = (store as unknown as { db: Database.Database }).db;
  const sync = db.pragma('synchronous', { simple: true }) as number;
  const jm = db.pragma('journal_mode', { simple: true }) as string;
  const v = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  void file;
  return `journal_mode=${jm}, synchronous=${syncName(sync)} (durability 'full', the default), SQLite ${v} via better-sqlite3 (sync), one connection kept open`;
}

const syncName = (n: number) => ['OFF', 'NORMAL', 'FULL', 'EXTRA'][n] ?? String(n);

async function emmettAppends(es: EmmettStore, plan: PlannedAppend[]): Promise<Sample> {
  return timed(countEvents(plan), async () => {
    for (const p of plan) {
      // Emmett's stream version counts events (0n = no stream yet); ours is the 0-based last revision.
      await es.appendToStream(p.stream, p.events, { expectedStreamVersion: BigInt(p.before) });
    }
  });
}

async function readAllStreams(streams: string[], passes: number, expectedPerStream: number, read: (s: string) => Promise<number>) {
  let total = 0;
  const sample = await timed(streams.length * passes * expectedPerStream, async () => {
    for (let pass = 0; pass < passes; pass++) {
      for (const s of streams) total += await read(s);
    }
  });
  if (total !== sample.events) throw new Error(`read ${total} events, expected ${sample.events}`);
  return sample;
}

export async function benchEmmett(config: BenchConfig): Promise<{ rows: Row[]; settings: StorageSettings }> {
  const plans = new Map<boolean, { single: PlannedAppend[]; batched: PlannedAppend[]; sizes: EmmettSizes }>();
  const plansOf = (warmup: boolean) => {
    let p = plans.get(warmup);
    if (!p) {
      const sizes = emmettSizes(config, warmup);
      p = {
        sizes,
        single: planAppends('order', sizes.singleStreams, sizes.singlePerStream, 1, 3),
        batched: planAppends('ledger', sizes.batchStreams, 1, sizes.batchSize, 4),
      };
      plans.set(warmup, p);
    }
    return p;
  };
  const s = emmettSizes(config);
  log(
    `emmett: single = ${s.singleStreams} streams x ${s.singlePerStream} appends of 1; batched = ${s.batchStreams} streams x 1 append of ${s.batchSize}; ` +
      `reads = every short stream x ${s.shortReadPasses} passes, every long stream x 1 pass`,
  );
  const settings: StorageSettings = { ours: '', emmett: '' };
  const streamsOf = (plan: PlannedAppend[]) => [...new Set(plan.map((p) => p.stream))];

  let emmettRetries = 0;
  const emmettRound = async (round: number, warmup: boolean, attempt = '') => {
    const { single, batched, sizes } = plansOf(warmup);
    const file = join(config.dir, `emmett-r${round}${attempt}.sqlite`);
    try {
      const es = getSQLiteEventStore({ fileName: file });
      const out = {
        single: await emmettAppends(es, single),
        batched: await emmettAppends(es, batched),
        readShort: await readAllStreams(streamsOf(single), sizes.shortReadPasses, sizes.singlePerStream, async (st) => (await es.readStream(st)).events.length),
        readLong: await readAllStreams(streamsOf(batched), 1, sizes.batchSize, async (st) => (await es.readStream(st)).events.length),
      };
        if (!settings.emmett) settings.emmett = await emmettSettings(file);
        return out;
      } finally {
        removeSqlite(file);
      }
    };
  const results = await alternate('emmett', config.rounds, {
    // Emmett's node-sqlite3 COMMIT fails now and then with "SQLITE_BUSY: cannot commit transaction -
    // SQL statements in progress" (seen in 2 of 4 full runs, in its own file and connection): such a
    // round is run again from a fresh file, once, and counted in the notes.
    emmett: (round, warmup) =>
      emmettRound(round, warmup).catch((error: unknown) => {
        if (!String(error).includes('SQLITE_BUSY')) throw error;
        emmettRetries++;
        log(`emmett: round ${round}: ${String(error)}; running it again`);
        return emmettRound(round, warmup, 'retry');
      }),
    ours: async (round, warmup) => {
      const { single, batched, sizes } = plansOf(warmup);
      const file = join(config.dir, `ours-r${round}.sqlite`);
      // stream cache off: reads go to SQLite, as Emmett's do (a repeated read would otherwise be a cache hit)
      const store = new SqliteEventStore({ filename: file, streamCacheEvents: 0 });
      try {
        const out = {
          single: await storeAppends(store, single),
          batched: await storeAppends(store, batched),
          readShort: await readAllStreams(streamsOf(single), sizes.shortReadPasses, sizes.singlePerStream, async (st) => (await store.readStream(st)).length),
          readLong: await readAllStreams(streamsOf(batched), 1, sizes.batchSize, async (st) => (await store.readStream(st)).length),
        };
        if (!settings.ours) settings.ours = oursSettings(store, file);
        return out;
      } finally {
        await store.close();
        removeSqlite(file);
      }
    },
  });
  log(`emmett: ours   ${settings.ours}`);
  log(`emmett: emmett ${settings.emmett}`);

  const e = results.emmett;
  const o = results.ours;
  const rows = [
    ratioRow(
      'emmett-append-single',
      'vs Emmett SQLite: append, single',
      side('SqliteEventStore', o.single),
      side('Emmett getSQLiteEventStore', e.single),
      1.0,
      `${s.singleStreams} streams x ${s.singlePerStream} appends of 1 event, expected version on every append` +
        (emmettRetries ? `; ${emmettRetries} Emmett round(s) run again after its COMMIT failed with SQLITE_BUSY` : ''),
    ),
    ratioRow(
      'emmett-append-batched',
      'vs Emmett SQLite: append, batched 100',
      side('SqliteEventStore', o.batched),
      side('Emmett getSQLiteEventStore', e.batched),
      1.0,
      `${s.batchStreams} streams x 1 append of ${s.batchSize} events`,
    ),
    ratioRow(
      'emmett-read-short',
      `vs Emmett SQLite: read whole stream (${s.singlePerStream} events)`,
      side('SqliteEventStore', o.readShort),
      side('Emmett getSQLiteEventStore', e.readShort),
      1.0,
      `${s.singleStreams} streams of ${s.singlePerStream} events, ${s.shortReadPasses} passes`,
    ),
    ratioRow(
      'emmett-read-long',
      `vs Emmett SQLite: read whole stream (${s.batchSize} events)`,
      side('SqliteEventStore', o.readLong),
      side('Emmett getSQLiteEventStore', e.readLong),
      1.0,
      `${s.batchStreams} streams of ${s.batchSize} events, 1 pass`,
    ),
  ];
  return { rows, settings };
}
