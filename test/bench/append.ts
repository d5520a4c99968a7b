// Rows 1 and 2 of QUALITY.md: SqliteEventStore single appends vs a raw better-sqlite3 insert loop
// with the same durability, and batched appends (100 per append) vs a raw 100-row transaction loop.
// A third row shows group commit: concurrent appenders with it vs one transaction per append.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { EVENTS_TABLE_DDL, SqliteEventStore } from '@opn/event-store';
import { newEventId } from '@opn/kernel';
import { BenchConfig, Row, Samples, alternate, log, ratioRow, removeSqlite, scaled, side, timed } from './lib';
import { PlannedAppend, countEvents, planAppends } from './payloads';

/** Opens a SQLite file exactly as SqliteEventStore does by default: WAL, synchronous=FULL. */
export function openRaw(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(EVENTS_TABLE_DDL);
  return db;
}

/**
 * Rows as a raw writer would insert them, serialised ahead of time (the baseline does no JSON work),
 * with the same kind of ids as the store gives events (UUIDv7, generated before timing).
 */
function rawRows(plan: PlannedAppend[]) {
  return plan.map((p) =>
    p.events.map((e, i) => ({
      id: newEventId(),
      stream: p.stream,
      revision: p.before + i,
      type: e.type,
      data: JSON.stringify(e.data),
      metadata: JSON.stringify(e.metadata),
    })),
  );
}

/**
 * Raw baseline: one transaction per planned append (BEGIN IMMEDIATE, one INSERT per row, COMMIT, each
 * commit fsynced). With 1-event appends this is the raw single-insert loop; with 100-event appends, the
 * raw 100-row transaction loop.
 */
export async function rawInsertLoop(file: string, plan: PlannedAppend[]) {
  const batches = rawRows(plan);
  const db = openRaw(file);
  try {
    const insert = db.prepare(
      `INSERT INTO events (id, stream_id, revision, type, version, data, metadata, occurred_at, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const tx = db.transaction((rows: (typeof batches)[number]) => {
      const now = new Date().toISOString();
      for (const r of rows) insert.run(r.id, r.stream, r.revision, r.type, 1, r.data, r.metadata, now, now);
    });
    return await timed(countEvents(plan), async () => {
      for (const rows of batches) tx.immediate(rows);
    });
  } finally {
    db.close();
  }
}

/** Our store: each planned append is one appendToStream call with its expected revision. */
export async function storeAppends(store: SqliteEventStore, plan: PlannedAppend[]) {
  return timed(countEvents(plan), async () => {
    for (const p of plan) {
      await store.appendToStream(p.stream, p.events, { expectedRevision: p.before === 0 ? 'no_stream' : p.before - 1 });
    }
  });
}

/**
 * `concurrency` appenders in flight at once, each awaiting its append before the next: appender w
 * takes the plan's appends w, w + concurrency, ... (different streams at any one time, like
 * independent HTTP commands served by one process).
 */
export async function concurrentAppends(store: SqliteEventStore, plan: PlannedAppend[], concurrency: number) {
  return timed(countEvents(plan), async () => {
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        for (let i = w; i < plan.length; i += concurrency) {
          const p = plan[i];
          await store.appendToStream(p.stream, p.events, { expectedRevision: p.before === 0 ? 'no_stream' : p.before - 1 });
        }
      }),
    );
  });
}

export interface AppendSizes {
  singleStreams: number;
  singlePerStream: number;
  batchStreams: number;
  batchAppendsPerStream: number;
  batchSize: number;
  concurrency: number;
  concurrentStreams: number;
  concurrentPerStream: number;
}

export function appendSizes(config: Pick<BenchConfig, 'scale'>, warmup = false): AppendSizes {
  const k = warmup ? 0.1 : 1;
  return {
    singleStreams: scaled({ scale: config.scale * k }, 1000, 10),
    singlePerStream: 2,
    batchStreams: scaled({ scale: config.scale * k }, 100, 2),
    batchAppendsPerStream: 2,
    batchSize: 100,
    concurrency: 64,
    concurrentStreams: scaled({ scale: config.scale * k }, 2560, 128),
    concurrentPerStream: 2,
  };
}

export async function benchAppend(config: BenchConfig): Promise<Row[]> {
  const sizesOf = (warmup: boolean) => appendSizes(config, warmup);
  const plans = new Map<boolean, { single: PlannedAppend[]; batched: PlannedAppend[]; concurrent: PlannedAppend[] }>();
  const plansOf = (warmup: boolean) => {
    let p = plans.get(warmup);
    if (!p) {
      const s = sizesOf(warmup);
      p = {
        single: planAppends('company', s.singleStreams, s.singlePerStream, 1, 1),
        batched: planAppends('company', s.batchStreams, s.batchAppendsPerStream, s.batchSize, 2),
        concurrent: planAppends('company', s.concurrentStreams, s.concurrentPerStream, 1, 3),
      };
      plans.set(warmup, p);
    }
    return p;
  };
  const s = sizesOf(false);
  log(
    `append: single = ${s.singleStreams} streams x ${s.singlePerStream} appends of 1 event; ` +
      `batched = ${s.batchStreams} streams x ${s.batchAppendsPerStream} appends of ${s.batchSize}; ` +
      `concurrent = ${s.concurrency} appenders in flight over ${s.concurrentStreams} streams x ${s.concurrentPerStream} appends of 1; ` +
      'WAL + synchronous=FULL on every side',
  );

  const file = (name: string, round: number) => join(config.dir, `append-${name}-r${round}.sqlite`);
  const withStore = async (
    name: string,
    round: number,
    fn: (store: SqliteEventStore) => Promise<Samples>,
    groupCommit = true,
  ) => {
    const f = file(name, round);
    const store = new SqliteEventStore({ filename: f, groupCommit }); // default durability: 'full'
    try {
      return await fn(store);
    } finally {
      await store.close();
      removeSqlite(f);
    }
  };

  const raw = async (name: string, round: number, plan: PlannedAppend[]) => {
    const f = file(name, round);
    try {
      return await rawInsertLoop(f, plan);
    } finally {
      removeSqlite(f);
    }
  };
  const results = await alternate('append', config.rounds, {
    raw: async (round, warmup) => ({ single: await raw('raw', round, plansOf(warmup).single) }),
    ours: (round, warmup) => withStore('single', round, async (store) => ({ single: await storeAppends(store, plansOf(warmup).single) })),
    rawBatched: async (round, warmup) => ({ batched: await raw('raw-batched', round, plansOf(warmup).batched) }),
    oursBatched: (round, warmup) =>
      withStore('batched', round, async (store) => ({ batched: await storeAppends(store, plansOf(warmup).batched) })),
    oneTxPerAppend: (round, warmup) =>
      withStore(
        'concurrent-tx',
        round,
        async (store) => ({ concurrent: await concurrentAppends(store, plansOf(warmup).concurrent, s.concurrency) }),
        false,
      ),
    groupCommit: (round, warmup) =>
      withStore('concurrent-group', round, async (store) => ({
        concurrent: await concurrentAppends(store, plansOf(warmup).concurrent, s.concurrency),
      })),
  });

  const rawSingle = side('raw better-sqlite3 insert loop, 1 row per tx', results.raw.single);
  const single = side('SqliteEventStore, 1 event per append', results.ours.single);
  const rawBatched = side('raw better-sqlite3 loop, 100 rows per tx', results.rawBatched.batched);
  const batched = side('SqliteEventStore, 100 events per append', results.oursBatched.batched);
  const oneTx = side(`SqliteEventStore, ${s.concurrency} in flight, one tx per append`, results.oneTxPerAppend.concurrent);
  const group = side(`SqliteEventStore, ${s.concurrency} in flight, group commit`, results.groupCommit.concurrent);
  return [
    ratioRow(
      'append-single',
      'event append, single, durable (SqliteEventStore vs raw insert loop, WAL+FULL)',
      single,
      rawSingle,
      0.5,
      `${s.singleStreams} streams x ${s.singlePerStream} events, one append per event with expectedRevision, each awaited before the next (sequential: group commit has nothing to share); raw loop inserts the same rows (pre-serialised, UUIDv7 ids made before timing) into an identical events table, one transaction each`,
    ),
    ratioRow(
      'append-batched',
      'event append, batched vs raw 100-row transaction loop (WAL+FULL)',
      batched,
      rawBatched,
      0.5,
      `${s.batchStreams} streams x ${s.batchAppendsPerStream} appends of ${s.batchSize} events with expectedRevision; raw loop: the same rows pre-serialised, one BEGIN IMMEDIATE ... COMMIT of ${s.batchSize} INSERTs per append`,
    ),
    ratioRow(
      'append-group-commit',
      `event append, ${s.concurrency} concurrent appenders: group commit vs one transaction per append`,
      group,
      oneTx,
      1,
      `${s.concurrentStreams} streams x ${s.concurrentPerStream} appends of 1 event with expectedRevision, ${s.concurrency} appenders in flight (each awaits its append, then takes the next stream); same store with groupCommit: false as the baseline`,
    ),
  ];
}
