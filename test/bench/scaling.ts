// Group `scaling`: the cost of one operation as the data grows (1k, 10k, 20k, 100k, 1M events or
// documents, times BENCH_SCALE). One event log and one read-model collection are grown step by step
// (only the difference is written between sizes); at each size a sample of single operations is timed:
//   append     SqliteEventStore.appendToStream of 1 event, durable (WAL + FULL), new or existing stream
//   read       readStream of a whole company stream (~10 events)
//   lookup     findOne({_id}) on a FerretDB collection of N company documents
//   update     updateOne({_id}, {$set}) on the same collection
//   directory  find({territory, sector}).sort({name: 1}).limit(20), with the read model's indexes: no bar,
//              it shows a MongoDB query whose matches grow with the collection (FerretDB sorts them all)
//   rebuild    rebuildProjection of the company directory from the whole log, per event
// Operations run in BENCH_ROUNDS rounds (order reversed every other round) after a short warm-up; each
// point is the median (and p95) of the single-operation timings. Rows check how the cost grows.
import { randomBytes } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import { SqliteEventStore } from '@opn/event-store';
import { rebuildProjection } from '@opn/projections';
import { BenchConfig, Row, costRatioRow, fmtRate, log, percentile, pick, prng, removeSqlite } from './lib';
import { CompanyEventType, LATER, companyDirectory, eventData } from './projection';

export const OPERATIONS = ['append', 'read', 'lookup', 'update', 'directory', 'rebuild'] as const;
export type Operation = (typeof OPERATIONS)[number];

export const OPERATION_LABELS: Record<Operation, string> = {
  append: 'event append (1 event, durable)',
  read: 'stream read (~10 events)',
  lookup: 'read model findOne by _id',
  update: 'read model updateOne by _id ($set)',
  directory: 'MongoDB query, 2 filters + sort + limit 20',
  rebuild: 'projection rebuild (per event)',
};

/** What the size counts for each operation. */
const SIZE_OF: Record<Operation, 'events' | 'documents'> = {
  append: 'events',
  read: 'events',
  lookup: 'documents',
  update: 'documents',
  directory: 'documents',
  rebuild: 'events',
};

/** The sizes at scale 1 (20k: the size of the directory bar in group `directory`). */
export const BASE_SIZES = [1_000, 10_000, 20_000, 100_000, 1_000_000];

export interface CurvePoint {
  size: number;
  /** Timed operations (for rebuild: timed rebuilds). */
  ops: number;
  medianUs: number;
  p95Us: number;
  /** medianUs / the median at the smallest size (measured earlier in the run). */
  ratio: number;
  /**
   * The same operation on a reference of the smallest size (a copy of the log at that size, a collection
   * of that many documents), timed in the same rounds; sameTimeRatio = medianUs / refMedianUs.
   */
  refMedianUs?: number;
  refP95Us?: number;
  refOps?: number;
  sameTimeRatio?: number;
  /** Set when the point could not be measured completely (e.g. a rebuild that timed out). */
  failed?: string;
}

export interface Curve {
  operation: Operation;
  label: string;
  sizeOf: 'events' | 'documents';
  points: CurvePoint[];
}

export interface ScalingResult {
  rows: Row[];
  curves: Curve[];
  sizes: number[];
  /** Markdown: size x operation -> µs/op (median, p95) and ratio to the smallest size. */
  table: string;
  settings: Record<string, unknown>;
}

const TERRITORIES = ['Ain', 'Allier', 'Ardeche', 'Cantal', 'Drome', 'Isere', 'Loire', 'Haute-Loire', 'Puy-de-Dome', 'Rhone', 'Savoie', 'Haute-Savoie'];
const SECTORS = ['software', 'manufacturing', 'logistics', 'food', 'construction', 'consulting', 'retail', 'energy'];
const WORDS = ['Alpine', 'Blue', 'Cedar', 'Delta', 'Ember', 'Forge', 'Granite', 'Harbor', 'Iris', 'Juniper', 'Kestrel', 'Lumen', 'Meridian', 'Nova', 'Orchard', 'Pioneer'];
const KINDS = ['Works', 'Labs', 'Systems', 'Partners', 'Industries', 'Foods', 'Logistics', 'Studio'];

const companyStream = (c: number) => `company-${String(c).padStart(7, '0')}`;
const documentId = (i: number) => `company-${String(i).padStart(7, '0')}`;

/** A company-directory document as a read model stores it (with the projector's fields). */
export function directoryDocument(i: number) {
  const rnd = prng(0x5eed0000 + i);
  return {
    _id: documentId(i),
    name: `${pick(rnd, WORDS)} ${pick(rnd, KINDS)} ${i}`,
    territory: pick(rnd, TERRITORIES),
    sector: pick(rnd, SECTORS),
    city: `City ${Math.floor(rnd() * 400)}`,
    employees: Math.floor(rnd() * 500),
    tags: [pick(rnd, WORDS).toLowerCase(), pick(rnd, SECTORS)],
    contact: { email: `contact@c${i}.example.org`, phone: `+33 4 ${Math.floor(rnd() * 1e8)}` },
    verified: rnd() < 0.4,
    openNeeds: Math.floor(rnd() * 5),
    updatedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    _position: i + 1,
    _eventId: `ev-${i}`,
  };
}

/** The read model's declared indexes (what a company directory would declare for its queries). */
export const DIRECTORY_INDEXES = [{ territory: 1, sector: 1, name: 1 }, { name: 1 }] as const;

/**
 * Grows a company log: each company gets 6 to 14 events (10 on average) in appends of 1 to 3 events,
 * a company at a time chosen at random among the active ones (up to 1,000 companies active at once,
 * fewer while the log is small), so a company's events spread over ~10,000 events of the log.
 */
interface StreamsView {
  /** Companies whose streams are complete, with their current length (appends add to them). */
  complete: Array<{ c: number; n: number }>;
  newCompany(): number;
  streamToRead(rnd: () => number): { c: number; n: number };
  /** Counts an event appended by a timed append, so that the log's next size is reached exactly. */
  appended(): void;
}

class LogGrower implements StreamsView {
  private readonly rnd = prng(11);
  private readonly active: Array<{ c: number; n: number; target: number }> = [];
  private nextCompany = 0;
  /** Companies whose streams are complete, with their current length (appends add to them). */
  readonly complete: Array<{ c: number; n: number }> = [];
  events = 0;

  constructor(private readonly store: SqliteEventStore) {}

  /** A frozen copy of the streams as they are now, for a copy of the log taken now. */
  snapshot(): StreamsView {
    const complete = this.complete.map((x) => ({ ...x }));
    const longest = this.active.length ? { ...this.active.reduce((a, b) => (b.n > a.n ? b : a)) } : undefined;
    let next = 0;
    return {
      complete,
      appended: () => undefined,
      newCompany: () => 20_000_000 + next++,
      streamToRead: (rnd) => streamForRead(complete, rnd) ?? longest!,
    };
  }

  async growTo(target: number, progress: (events: number) => void): Promise<void> {
    while (this.events < target) {
      const pool = Math.min(1000, Math.max(10, Math.floor(this.events / 10)));
      if (this.active.length < pool) this.active.push({ c: this.nextCompany++, n: 0, target: 6 + Math.floor(this.rnd() * 9) });
      const slot = Math.floor(this.rnd() * this.active.length);
      const a = this.active[slot];
      const k = Math.min(1 + Math.floor(this.rnd() * 3), a.target - a.n, target - this.events);
      const events = Array.from({ length: k }, (_, i) => {
        const type: CompanyEventType = a.n + i === 0 ? 'CompanyRegistered' : pick(this.rnd, LATER);
        return { type, data: eventData(this.rnd, type, a.c), metadata: { actor: 'bench' } };
      });
      await this.store.appendToStream(companyStream(a.c), events, { expectedRevision: a.n === 0 ? 'no_stream' : a.n - 1 });
      a.n += k;
      this.events += k;
      if (a.n >= a.target) {
        this.complete.push({ c: a.c, n: a.n });
        this.active[slot] = this.active[this.active.length - 1];
        this.active.pop();
      }
      if ((this.events & 0x3ff) < k) {
        progress(this.events);
        await new Promise<void>((resolve) => setImmediate(resolve)); // lets the read model's inserts proceed meanwhile
      }
    }
  }

  appended(): void {
    this.events += 1;
  }

  /** A company added by the timed appends (a new stream): numbered after every grown one. */
  newCompany(): number {
    return 10_000_000 + this.nextSampleCompany++;
  }
  private nextSampleCompany = 0;

  /** A stream to read: a complete one (~10 events), or the longest active one while there are too few. */
  streamToRead(rnd: () => number): { c: number; n: number } {
    return streamForRead(this.complete, rnd) ?? this.active.reduce((a, b) => (b.n > a.n ? b : a));
  }
}

/** The streams read: odd entries of `complete` (the timed appends go to even ones), so they keep ~10 events. */
const streamForRead = (complete: Array<{ c: number; n: number }>, rnd: () => number) =>
  complete.length >= 2 ? complete[2 * Math.floor(rnd() * Math.floor(complete.length / 2)) + 1] : undefined;


function summarise(durationsUs: number[]): { ops: number; medianUs: number; p95Us: number } {
  const v = [...durationsUs].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  const medianUs = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { ops: v.length, medianUs, p95Us: percentile(v, 0.95) };
}

const within = <T>(promise: Promise<T>, ms: number): Promise<T | undefined> => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms))),
  ]);
};

const connect = (url: string, dbName: string) => mongoose.createConnection(url, { dbName, serverSelectionTimeoutMS: 15000 }).asPromise();

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtSize = (n: number) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n));

/** Calls `report` at most every `everyMs` while a long loop runs (progress on stderr). */
function throttled(everyMs: number, report: (n: number, rate: number) => void) {
  let last = Date.now();
  let lastN = 0;
  return (n: number, force = false) => {
    const now = Date.now();
    if (!force && now - last < everyMs) return;
    report(n, ((n - lastN) * 1000) / Math.max(1, now - last));
    last = now;
    lastN = n;
  };
}

export interface ScalingOptions {
  mongoUrl: string;
}

export async function benchScaling(config: BenchConfig, options: ScalingOptions): Promise<ScalingResult> {
  const env = process.env;
  const sizes = [...new Set(BASE_SIZES.map((s) => Math.max(10, Math.round(s * config.scale))))].sort((a, b) => a - b);
  const opsTarget = Number(env.BENCH_SCALING_OPS ?? 400);
  const budgetMs = Number(env.BENCH_SCALING_BUDGET_S ?? 15) * 1000;
  const minOps = config.rounds; // one per round, when an operation is so slow that the budget runs out
  const warmOps = Math.max(5, Math.round(opsTarget / 20));
  const rebuildTimeoutFixed = env.BENCH_REBUILD_TIMEOUT_S ? Number(env.BENCH_REBUILD_TIMEOUT_S) : undefined;
  const settings = {
    sizes,
    opsPerPoint: opsTarget,
    minOpsPerPoint: minOps,
    warmupOpsPerPoint: warmOps,
    budgetSecondsPerPoint: budgetMs / 1000,
    rounds: config.rounds,
    indexes: DIRECTORY_INDEXES,
  };
  log(
    `scaling: sizes ${sizes.map(fmtInt).join(', ')}; per size and operation ${warmOps} warm-up ops, then up to ${opsTarget} timed ops ` +
      `in ${config.rounds} rounds (at least ${minOps}, stopped after ${budgetMs / 1000} s: BENCH_SCALING_OPS, BENCH_SCALING_BUDGET_S)`,
  );

  const file = join(config.dir, 'scaling.sqlite');
  // Growth only: 'normal' skips the fsync per commit. The timed appends go through the durable store.
  const seeder = new SqliteEventStore({ filename: file, durability: 'normal' });
  // stream cache off: the curves show the storage engine's cost, not a cache's hit rate
  const store = new SqliteEventStore({ filename: file, streamCacheEvents: 0 });
  const grower = new LogGrower(seeder);
  const dbName = `opn_bench_${randomBytes(4).toString('hex')}`;
  const connection: Connection = await connect(options.mongoUrl, dbName);
  const companies = connection.collection<ReturnType<typeof directoryDocument>>('scaling_companies');
  const projection = companyDirectory('scaling_rebuilt');
  const rnd = prng(23);
  const curves = new Map<Operation, CurvePoint[]>(OPERATIONS.map((o) => [o, []]));
  let documents = 0;
  let rebuildStopped: string | undefined;
  let rebuildCost1: number | undefined;
  let rebuildWarm = false;

  // The reference: the log and the read model at the smallest size, kept as they are.
  const reference = connection.collection<ReturnType<typeof directoryDocument>>('scaling_reference');
  const refTemplate = join(config.dir, 'scaling-ref-template.sqlite');
  let refStreams: StreamsView | undefined;
  const refView = { snapshotFrom: (): StreamsView => {
    // Each size starts from a fresh copy of the template, so the streams' lengths start over too.
    const base = refStreams!;
    const complete = base.complete.map((x) => ({ ...x }));
    let next = 0;
    return { complete, appended: () => undefined, newCompany: () => 30_000_000 + next++, streamToRead: (r) => streamForRead(complete, r) ?? base.streamToRead(r) };
  } };

  function makeOps(target: SqliteEventStore, streams: StreamsView, collection: typeof companies, docs: number) {
    return {
      append: async () => {
        if (rnd() < 0.5 || !streams.complete.length) {
          const c = streams.newCompany();
          await target.appendToStream(
            companyStream(c),
            [{ type: 'CompanyRegistered', data: eventData(rnd, 'CompanyRegistered', c), metadata: { actor: 'bench' } }],
            { expectedRevision: 'no_stream' },
          );
        } else {
          // Even entries take the appends, odd ones the reads: the streams read stay at ~10 events.
          const s = streams.complete[2 * Math.floor(rnd() * Math.ceil(streams.complete.length / 2))];
          await target.appendToStream(
            companyStream(s.c),
            [{ type: 'CompanyNeedPublished', data: eventData(rnd, 'CompanyNeedPublished', s.c), metadata: { actor: 'bench' } }],
            { expectedRevision: s.n - 1 },
          );
          s.n += 1;
        }
        streams.appended();
      },
      read: async () => {
        const s = streams.streamToRead(rnd);
        const events = await target.readStream(companyStream(s.c));
        if (events.length !== s.n) throw new Error(`read ${events.length} events of ${companyStream(s.c)}, expected ${s.n}`);
      },
      lookup: async () => {
        const id = documentId(Math.floor(rnd() * docs));
        const doc = await collection.findOne({ _id: id });
        if (!doc) throw new Error(`findOne: ${id} not found`);
      },
      update: async () => {
        const id = documentId(Math.floor(rnd() * docs));
        const r = await collection.updateOne({ _id: id }, { $set: { openNeeds: Math.floor(rnd() * 10), updatedAt: new Date().toISOString() } });
        if (r.matchedCount !== 1) throw new Error(`updateOne: ${id} matched ${r.matchedCount}`);
      },
      directory: async () => {
        const found = await collection
          .find({ territory: pick(rnd, TERRITORIES), sector: pick(rnd, SECTORS) })
          .sort({ name: 1 })
          .limit(20)
          .toArray();
        if (found.length > 20) throw new Error(`directory query returned ${found.length} documents`);
      },
    };
  }

  try {
    for (const index of DIRECTORY_INDEXES) {
      await companies.createIndex(index as never);
      await reference.createIndex(index as never);
    }
    {
      // The reference log: the same generator (same seed) grown to the smallest size in a file of its own.
      const refSeeder = new SqliteEventStore({ filename: refTemplate, durability: 'normal' });
      const refGrower = new LogGrower(refSeeder);
      await refGrower.growTo(sizes[0], () => undefined);
      refStreams = refGrower.snapshot();
      await refSeeder.close();
      await reference.insertMany(Array.from({ length: sizes[0] }, (_, i) => directoryDocument(i)), { ordered: false });
    }

    const growLog = async (target: number) => {
      const t0 = Date.now();
      const from = grower.events;
      const progress = throttled(5000, (n, r) => log(`scaling: log ${fmtInt(n)} / ${fmtInt(target)} events (${fmtInt(r)} ev/s)`));
      await grower.growTo(target, progress);
      const s = (Date.now() - t0) / 1000;
      if (target > from) log(`scaling: log at ${fmtInt(target)} events (+${fmtInt(target - from)} in ${s.toFixed(1)} s, ${fmtInt((target - from) / Math.max(s, 1e-3))} ev/s)`);
    };
    const growDocuments = async (target: number) => {
      const t0 = Date.now();
      const from = documents;
      const progress = throttled(5000, (n, r) => log(`scaling: read model ${fmtInt(n)} / ${fmtInt(target)} documents (${fmtInt(r)} docs/s)`));
      const chunk = 1000;
      while (documents < target) {
        const n = Math.min(chunk, target - documents);
        await companies.insertMany(
          Array.from({ length: n }, (_, k) => directoryDocument(documents + k)),
          { ordered: false },
        );
        documents += n;
        progress(documents);
      }
      const s = (Date.now() - t0) / 1000;
      if (target > from) log(`scaling: read model at ${fmtInt(target)} documents (+${fmtInt(target - from)} in ${s.toFixed(1)} s, ${fmtInt((target - from) / Math.max(s, 1e-3))} docs/s)`);
    };

    for (const size of sizes) {
      const sizeStarted = Date.now();
      // Both grow at once: the log in this process (SQLite), the documents in the server's.
      await Promise.all([growLog(size), growDocuments(size)]);

      // Rebuild first: the log holds exactly `size` events (the timed appends below add to it).
      curves.get('rebuild')!.push(await measureRebuild(size));

      // Single operations on the grown data and on the reference, interleaved in rounds.
      const refFile = join(config.dir, 'scaling-ref.sqlite');
      removeSqlite(refFile);
      copyFileSync(refTemplate, refFile);
      const refStore = new SqliteEventStore({ filename: refFile, streamCacheEvents: 0 });
      const main = makeOps(store, grower, companies, documents);
      const ref = makeOps(refStore, refView.snapshotFrom(), reference, sizes[0]);
      type Op = Exclude<Operation, 'rebuild'>;
      const mainNames = Object.keys(main) as Op[];
      const ops: Record<string, () => Promise<void>> = {};
      for (const n of mainNames) {
        ops[n] = main[n];
        ops[`${n}@ref`] = ref[n];
      }
      const names = Object.keys(ops);
      // An operation whose cost grew linearly so far would take too long at this size: not run, and
      // its expected cost (linear from the last size) is reported instead.
      const skipped = new Map<string, string>();
      for (const n of mainNames) {
        const prev = curves.get(n)!.at(-1);
        if (prev && !prev.failed) {
          const expectedUs = (prev.medianUs * size) / prev.size;
          if ((expectedUs / 1000) * (minOps + 1) > 2 * budgetMs) {
            skipped.set(n, `not run: ~${fmtRate(expectedUs / 1e6)} s per op expected (linear from ${fmtRate(prev.medianUs / 1000)} ms at ${fmtInt(prev.size)})`);
          }
        } else if (prev?.failed) skipped.set(n, `not run (${prev.failed.startsWith('not run') ? 'skipped at a smaller size' : prev.failed})`);
      }
      const measured = names.filter((n) => !skipped.has(n.replace('@ref', '')));
      if (measured.includes('directory')) await checkDirectoryQuery(size);
      for (const n of measured) {
        const t0 = Date.now();
        for (let i = 0; i < warmOps && (i === 0 || Date.now() - t0 < budgetMs / 10); i++) await ops[n]();
      }
      const durations: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, [] as number[]]));
      const spent: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
      const perRound = Math.ceil(opsTarget / config.rounds);
      const pairs = mainNames.filter((n) => !skipped.has(n));
      for (let round = 0; round < config.rounds; round++) {
        const order = round % 2 ? [...pairs].reverse() : pairs;
        for (const n of order) {
          const allowed = (budgetMs * (round + 1)) / config.rounds;
          // One operation on the grown data, one on the reference, alternately (which goes first too).
          for (let i = 0; i < perRound; i++) {
            let ran = false;
            for (const k of (i + round) % 2 ? [n, `${n}@ref`] : [`${n}@ref`, n]) {
              if (durations[k].length >= opsTarget) continue;
              if (spent[k] >= allowed && durations[k].length >= Math.ceil((minOps * (round + 1)) / config.rounds)) continue;
              const t0 = process.hrtime.bigint();
              await ops[k]();
              const us = Number(process.hrtime.bigint() - t0) / 1000;
              durations[k].push(us);
              spent[k] += us / 1000;
              ran = true;
            }
            if (!ran) break;
          }
        }
      }
      const parts: string[] = [];
      await refStore.close();
      removeSqlite(refFile);
      for (const n of mainNames) {
        const skip = skipped.get(n);
        if (skip) {
          curves.get(n)!.push({ size, ops: 0, medianUs: NaN, p95Us: NaN, ratio: NaN, failed: skip });
          parts.push(`${n} ${skip}`);
          continue;
        }
        const s = summarise(durations[n]);
        const r = summarise(durations[`${n}@ref`]);
        const first = curves.get(n)![0]?.medianUs ?? s.medianUs;
        curves.get(n)!.push({
          size,
          ...s,
          ratio: s.medianUs / first,
          refMedianUs: r.medianUs,
          refP95Us: r.p95Us,
          refOps: r.ops,
          sameTimeRatio: s.medianUs / r.medianUs,
        });
        parts.push(`${n} ${fmtRate(s.medianUs)} µs (p95 ${fmtRate(s.p95Us)}, ${s.ops} ops; ref ${fmtRate(r.medianUs)} µs, ${(s.medianUs / r.medianUs).toFixed(2)}x)`);
      }
      const rb = curves.get('rebuild')!.at(-1)!;
      parts.push(`rebuild ${rb.failed ? rb.failed : `${fmtRate(rb.medianUs)} µs/event`}`);
      log(`scaling: ${fmtInt(size)}: ${parts.join(', ')} [${((Date.now() - sizeStarted) / 1000).toFixed(1)} s]`);
    }
  } finally {
    await within(connection.dropDatabase(), 30000).catch(() => undefined);
    await within(connection.close(true), 5000).catch(() => undefined);
    await seeder.close();
    await store.close();
    removeSqlite(file);
    removeSqlite(refTemplate);
  }

  async function checkDirectoryQuery(size: number) {
    // Outside the timings: the query returns the first 20 matching documents by name.
    const filter = { territory: TERRITORIES[0], sector: SECTORS[0] };
    const docs = await companies.find(filter).sort({ name: 1 }).limit(20).toArray();
    const sorted = docs.every((d, i) => d.territory === filter.territory && d.sector === filter.sector && (i === 0 || docs[i - 1].name <= d.name));
    if (!sorted || (size >= 2000 && docs.length !== 20)) throw new Error(`directory query over ${size} documents returned ${docs.length} documents, sorted and filtered: ${sorted}`);
  }

  /** rebuildProjection of the whole log on its own connection (closed to stop a rebuild that takes too long). */
  async function measureRebuild(size: number): Promise<CurvePoint> {
    const first = curves.get('rebuild')![0];
    if (rebuildStopped) return { size, ops: 0, medianUs: NaN, p95Us: NaN, ratio: NaN, failed: `not run (${rebuildStopped})` };
    const head = await store.headPosition();
    const run = async (limitS: number): Promise<{ us: number } | { failed: string }> => {
      const conn = await connect(options.mongoUrl, dbName);
      let replayed = 0;
      const t0 = process.hrtime.bigint();
      const progress = throttled(10000, (n) => log(`scaling: rebuild ${fmtInt(n)} / ${fmtInt(head)} events`));
      const rebuild = rebuildProjection({
        store,
        connection: conn,
        projection,
        onProgress: (p) => {
          replayed = p.events;
          progress(p.events);
        },
      });
      // Stopped at the limit, or after a minute when the events replayed so far already cost over 3x
      // the smallest size's per event (the bar is 2x; the rest of the log would not bring it back).
      let why = '';
      const stop = new Promise<undefined>((resolve) => {
        const timer = setInterval(() => {
          const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
          const hopeless = rebuildCost1 !== undefined && elapsed >= 60 && (elapsed * 1e6) / Math.max(1, replayed) > 3 * rebuildCost1;
          if (elapsed >= limitS || hopeless) {
            why = hopeless ? `, over 3x the cost per event at ${fmtInt(sizes[0])}` : '';
            clearInterval(timer);
            resolve(undefined);
          }
        }, 1000);
        rebuild.then(
          () => clearInterval(timer),
          () => clearInterval(timer),
        );
      });
      const result = await Promise.race([rebuild, stop]);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (!result) {
        rebuild.catch(() => undefined); // fails once its connection is closed
        await within(conn.close(true), 5000).catch(() => undefined);
        return { failed: `stopped after ${Math.round(seconds)} s: ${fmtInt(replayed)} of ${fmtInt(head)} events (${fmtInt(replayed / seconds)} ev/s${why})` };
      }
      if (result.events !== head) throw new Error(`rebuild replayed ${result.events} events, expected ${head}`);
      await within(conn.close(), 5000).catch(() => undefined);
      return { us: (seconds * 1e6) / head };
    };
    // Past this the cost per event is already 3x the smallest size's (the bar is 2x).
    const limitS = rebuildTimeoutFixed ?? Math.max(60, rebuildCost1 ? (3 * rebuildCost1 * head) / 1e6 : 60);
    if (!rebuildWarm) {
      rebuildWarm = true;
      await run(limitS);
    }
    const samples: number[] = [];
    const startedAt = Date.now();
    for (let i = 0; i < config.rounds; i++) {
      const r = await run(limitS);
      if ('failed' in r) {
        rebuildStopped = `stopped at ${fmtInt(head)} events`;
        log(`scaling: rebuild at ${fmtInt(head)} events ${r.failed}; larger sizes are not rebuilt`);
        return { size, ops: samples.length, medianUs: NaN, p95Us: NaN, ratio: NaN, failed: r.failed };
      }
      samples.push(r.us);
      if (Date.now() - startedAt > Math.min(budgetMs, 5000)) break; // large logs: one rebuild is enough
    }
    await connection
      .collection(projection.collection)
      .drop()
      .catch(() => undefined);
    const s = summarise(samples);
    rebuildCost1 ??= s.medianUs;
    return { size, ...s, ratio: first ? s.medianUs / first.medianUs : 1 };
  }

  const curveList: Curve[] = OPERATIONS.map((operation) => ({
    operation,
    label: OPERATION_LABELS[operation],
    sizeOf: SIZE_OF[operation],
    points: curves.get(operation)!,
  }));
  return { rows: scalingRows(curveList), curves: curveList, sizes, table: scalingTable(curveList, sizes), settings };
}

function point(curves: Curve[], operation: Operation, size: number): CurvePoint | undefined {
  return curves.find((c) => c.operation === operation)?.points.find((p) => p.size === size);
}

export function scalingRows(curves: Curve[]): Row[] {
  const rows: Row[] = [];
  const sizes = curves[0].points.map((p) => p.size);
  const small = sizes[0];
  const large = sizes[sizes.length - 1];
  const mid = sizes.find((s) => s >= large / 10) ?? large; // 100k at scale 1
  const costRow = (operation: Operation, at: number, max: number) => {
    const a = point(curves, operation, at);
    const first = point(curves, operation, small);
    const unit = SIZE_OF[operation];
    // Against the reference of the smallest size timed in the same rounds when there is one (drift on
    // the machine between sizes then cancels out), else against the smallest size's own point.
    const sameTime = a?.refMedianUs !== undefined;
    const base = sameTime
      ? { label: `${fmtInt(small)} ${unit} (reference, same rounds)`, us: a!.refMedianUs!, p95: a!.refP95Us!, ops: a!.refOps! }
      : { label: `${fmtInt(small)} ${unit}`, us: first?.medianUs ?? NaN, p95: first?.p95Us ?? NaN, ops: first?.ops ?? 0, failed: first?.failed ?? (first ? undefined : 'not measured') };
    const what = operation === 'rebuild' ? 'rebuilds' : 'operations';
    rows.push(
      costRatioRow(
        `scaling-${operation}-${fmtSize(at)}`,
        `scaling: ${OPERATION_LABELS[operation]}, cost at ${fmtInt(at)} ${unit} / at ${fmtInt(small)}`,
        { label: `${fmtInt(at)} ${unit}`, us: a?.medianUs ?? NaN, failed: a?.failed ?? (a ? undefined : 'not measured') },
        base,
        max,
        a && !a.failed
          ? `medians of ${a.ops} and ${base.ops} timed ${what}; p95 ${fmtRate(a.p95Us)} vs ${fmtRate(base.p95)} µs` +
              (sameTime && first && !first.failed ? `; vs the ${fmtInt(small)} point measured first: ${(a.medianUs / first.medianUs).toFixed(2)}x` : '')
          : undefined,
      ),
    );
  };
  for (const op of ['append', 'read', 'lookup', 'rebuild'] as const) costRow(op, large, 2);
  for (const op of ['lookup', 'update'] as const) costRow(op, mid, 1.5);
  // No bar on the `directory` curve: it shows what a MongoDB query whose matches grow with the
  // collection costs on FerretDB, which sorts every match in Go (no sort pushdown). The product's
  // directory answers from a memory read model and has its own bar (group `directory`).
  return rows;
}

export function scalingTable(curves: Curve[], sizes: number[]): string {
  const head = `| size | ${curves.map((c) => c.label).join(' | ')} |`;
  const lines = [head, `| ---: | ${curves.map(() => '---:').join(' | ')} |`];
  for (const size of sizes) {
    const cells = curves.map((c) => {
      const p = c.points.find((x) => x.size === size);
      if (!p) return '-';
      if (p.failed) return p.failed;
      const same = p.sameTimeRatio === undefined ? '' : `, ${p.sameTimeRatio.toFixed(2)}x ref`;
      return `${fmtRate(p.medianUs)} (${fmtRate(p.p95Us)}), ${p.ratio.toFixed(2)}x${same}`;
    });
    lines.push(`| ${fmtInt(size)} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
