// Rows 1 and 2 of QUALITY.md: SqliteEventStore single appends vs a raw better-sqlite3 insert loop
// with the same durability, and batched (100 per append) vs single appends.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { EVENTS_TABLE_DDL, SqliteEventStore } from '@opn/event-store';
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

/** Rows as a raw writer would insert them, serialised ahead of time (the baseline does no JSON work). */
function rawRows(plan: PlannedAppend[]) {
  return plan.flatMap((p) =>
    p.events.map((e, i) => ({
      id: randomUUID(),
      stream: p.stream,
      revision: p.before + i,
      type: e.type,
      data: JSON.stringify(e.data),
      metadata: JSON.stringify(e.metadata),
    })),
  );
}

/** Raw baseline: one INSERT of an equivalent row per transaction (each commit fsynced). */
export async function rawInsertLoop(file: string, plan: PlannedAppend[]) {
  const rows = rawRows(plan);
  const db = openRaw(file);
  try {
    const insert = db.prepare(
      `INSERT INTO events (id, stream_id, revision, type, version, data, metadata, occurred_at, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const tx = db.transaction((r: (typeof rows)[number]) => {
      const now = new Date().toISOString();
      insert.run(r.id, r.stream, r.revision, r.type, 1, r.data, r.metadata, now, now);
    });
    return await timed(rows.length, async () => {
      for (const r of rows) tx(r);
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

export interface AppendSizes {
  singleStreams: number;
  singlePerStream: number;
  batchStreams: number;
  batchAppendsPerStream: number;
  batchSize: number;
}

export function appendSizes(config: Pick<BenchConfig, 'scale'>, warmup = false): AppendSizes {
  const k = warmup ? 0.1 : 1;
  return {
    singleStreams: scaled({ scale: config.scale * k }, 1000, 10),
    singlePerStream: 2,
    batchStreams: scaled({ scale: config.scale * k }, 100, 2),
    batchAppendsPerStream: 2,
    batchSize: 100,
  };
}

export async function benchAppend(config: BenchConfig): Promise<Row[]> {
  const sizesOf = (warmup: boolean) => appendSizes(config, warmup);
  const plans = new Map<boolean, { single: PlannedAppend[]; batched: PlannedAppend[] }>();
  const plansOf = (warmup: boolean) => {
    let p = plans.get(warmup);
    if (!p) {
      const s = sizesOf(warmup);
      p = {
        single: planAppends('company', s.singleStreams, s.singlePerStream, 1, 1),
        batched: planAppends('company', s.batchStreams, s.batchAppendsPerStream, s.batchSize, 2),
      };
      plans.set(warmup, p);
    }
    return p;
  };
  const s = sizesOf(false);
  log(
    `append: single = ${s.singleStreams} streams x ${s.singlePerStream} appends of 1 event; ` +
      `batched = ${s.batchStreams} streams x ${s.batchAppendsPerStream} appends of ${s.batchSize}; WAL + synchronous=FULL on both sides`,
  );

  const file = (name: string, round: number) => join(config.dir, `append-${name}-r${round}.sqlite`);
  const withStore = async (name: string, round: number, fn: (store: SqliteEventStore) => Promise<Samples>) => {
    const f = file(name, round);
    const store = new SqliteEventStore({ filename: f }); // default durability: 'full'
    try {
      return await fn(store);
    } finally {
      await store.close();
      removeSqlite(f);
    }
  };

  const results = await alternate('append', config.rounds, {
    raw: async (round, warmup) => {
      const f = file('raw', round);
      try {
        return { single: await rawInsertLoop(f, plansOf(warmup).single) };
      } finally {
        removeSqlite(f);
      }
    },
    ours: (round, warmup) => withStore('single', round, async (store) => ({ single: await storeAppends(store, plansOf(warmup).single) })),
    oursBatched: (round, warmup) =>
      withStore('batched', round, async (store) => ({ batched: await storeAppends(store, plansOf(warmup).batched) })),
  });

  const raw = side('raw better-sqlite3 insert loop, 1 row per tx', results.raw.single);
  const single = side('SqliteEventStore, 1 event per append', results.ours.single);
  const batched = side('SqliteEventStore, 100 events per append', results.oursBatched.batched);
  return [
    ratioRow(
      'append-single',
      'event append, single, durable (SqliteEventStore vs raw insert loop, WAL+FULL)',
      single,
      raw,
      0.5,
      `${s.singleStreams} streams x ${s.singlePerStream} events, one append per event with expectedRevision; raw loop inserts the same rows (pre-serialised) into an identical events table, one transaction each`,
    ),
    ratioRow(
      'append-batched',
      'event append, batched 100 per append vs single appends',
      batched,
      single,
      10,
      `${s.batchStreams} streams x ${s.batchAppendsPerStream} appends of ${s.batchSize} events vs the single-append rounds above`,
    ),
  ];
}
