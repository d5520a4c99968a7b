// Row 6 of QUALITY.md: rebuildProjection of a company-directory read model from a SqliteEventStore
// into MongoDB (FerretDB here) vs a raw bulkWrite of the same final documents, same batch size.
import { isDeepStrictEqual } from 'node:util';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import { SqliteEventStore } from '@opn/event-store';
import { DocumentProjection, ProjectedEvent, StoredDocument, fromRecorded, rebuildProjection } from '@opn/projections';
import { BenchConfig, Row, Sample, Samples, absoluteRow, alternate, log, pick, prng, ratioRow, removeSqlite, scaled, side, timed } from './lib';

/** rebuildProjection's default page size (it is called with its defaults); the baseline writes bulks of the same size. */
export const REBUILD_BATCH = 2000;

interface CompanyDoc {
  name: string;
  city: string;
  sector: string;
  employees: number;
  tags: string[];
  contact: { email: string; phone: string };
  verified: boolean;
  openNeeds: number;
  updatedAt: string;
}

const HANDLES = [
  'CompanyRegistered',
  'CompanyRenamed',
  'CompanyMoved',
  'CompanyTagged',
  'CompanyContactChanged',
  'CompanyHeadcountReported',
  'CompanyNeedPublished',
  'CompanyVerified',
  'CompanyClosed',
] as const;
export type CompanyEventType = (typeof HANDLES)[number];

/** A company directory: one document per company, a pure fold of its events. */
export const companyDirectory = (collection: string): DocumentProjection<CompanyDoc> => ({
  name: `bench.${collection}`,
  collection,
  handles: HANDLES,
  documentId: (e) => e.subject,
  apply: (doc, e) => {
    const d = e.data as Record<string, unknown>;
    const at = typeof e.occurredAt === 'string' ? e.occurredAt : e.occurredAt.toISOString();
    switch (e.type as CompanyEventType) {
      case 'CompanyRegistered':
        return {
          name: d.name as string,
          city: d.city as string,
          sector: d.sector as string,
          employees: d.employees as number,
          tags: [],
          contact: { email: d.email as string, phone: '' },
          verified: false,
          openNeeds: 0,
          updatedAt: at,
        };
      case 'CompanyRenamed':
        return doc && { ...doc, name: d.name as string, updatedAt: at };
      case 'CompanyMoved':
        return doc && { ...doc, city: d.city as string, updatedAt: at };
      case 'CompanyTagged':
        return doc && { ...doc, tags: doc.tags.includes(d.tag as string) ? doc.tags : [...doc.tags, d.tag as string], updatedAt: at };
      case 'CompanyContactChanged':
        return doc && { ...doc, contact: { email: d.email as string, phone: d.phone as string }, updatedAt: at };
      case 'CompanyHeadcountReported':
        return doc && { ...doc, employees: d.employees as number, updatedAt: at };
      case 'CompanyNeedPublished':
        return doc && { ...doc, openNeeds: doc.openNeeds + 1, updatedAt: at };
      case 'CompanyVerified':
        return doc && { ...doc, verified: true, updatedAt: at };
      case 'CompanyClosed':
        return null;
      default:
        return doc;
    }
  },
  indexes: [{ fields: { city: 1 } }, { fields: { sector: 1 } }, { fields: { name: 1 } }],
});

const CITIES = ['Lyon', 'Grenoble', 'Saint-Etienne', 'Annecy', 'Chambery', 'Valence', 'Villeurbanne', 'Clermont-Ferrand'];
const SECTORS = ['software', 'manufacturing', 'logistics', 'food', 'construction', 'consulting', 'retail', 'energy'];
const TAGS = ['b2b', 'export', 'hiring', 'green', 'startup', 'family-owned', 'certified', 'open-data', 'robotics', 'ai'];
export const LATER: CompanyEventType[] = [
  'CompanyRenamed',
  'CompanyMoved',
  'CompanyTagged',
  'CompanyTagged',
  'CompanyContactChanged',
  'CompanyHeadcountReported',
  'CompanyNeedPublished',
  'CompanyNeedPublished',
  'CompanyVerified',
];

export function eventData(rnd: () => number, type: CompanyEventType, c: number): Record<string, unknown> {
  const tagish = () => Math.floor(rnd() * 1e6).toString(36);
  switch (type) {
    case 'CompanyRegistered':
      return { name: `Company ${c}`, city: pick(rnd, CITIES), sector: pick(rnd, SECTORS), employees: Math.floor(rnd() * 300), email: `contact@c${c}.example.org` };
    case 'CompanyRenamed':
      return { name: `Company ${c} ${tagish()}` };
    case 'CompanyMoved':
      return { city: pick(rnd, CITIES) };
    case 'CompanyTagged':
      return { tag: pick(rnd, TAGS) };
    case 'CompanyContactChanged':
      return { email: `${tagish()}@c${c}.example.org`, phone: `+33 4 ${Math.floor(rnd() * 1e8)}` };
    case 'CompanyHeadcountReported':
      return { employees: Math.floor(rnd() * 500) };
    case 'CompanyNeedPublished':
      return { needId: tagish(), title: `Looking for ${pick(rnd, SECTORS)} partner`, budget: Math.floor(rnd() * 1e5) };
    default:
      return {};
  }
}

/**
 * `companies` companies with 2 to 10 events each (about 6 on average, 3% closed at the end), the
 * companies' events interleaved at random in the log (each company's own order kept).
 */
export async function seed(file: string, companies: number): Promise<number> {
  const rnd = prng(7);
  const perCompany: Array<Array<{ type: CompanyEventType; data: Record<string, unknown> }>> = [];
  for (let c = 0; c < companies; c++) {
    const n = 1 + Math.floor(rnd() * 9) + Math.floor(rnd() * 2);
    const events = [{ type: 'CompanyRegistered' as CompanyEventType, data: eventData(rnd, 'CompanyRegistered', c) }];
    for (let i = 1; i < n; i++) {
      const type = pick(rnd, LATER);
      events.push({ type, data: eventData(rnd, type, c) });
    }
    if (rnd() < 0.03) events.push({ type: 'CompanyClosed', data: { reason: 'ceased trading' } });
    perCompany.push(events);
  }
  // Uniform interleaving: each company index appears once per event, shuffled.
  const order = perCompany.flatMap((events, c) => events.map(() => c));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const next = new Array<number>(companies).fill(0);
  // Seeding only: 'normal' skips the fsync per commit (the rebuild only reads).
  const store = new SqliteEventStore({ filename: file, durability: 'normal' });
  try {
    for (const c of order) {
      const k = next[c]++;
      const stream = `company-${String(c).padStart(6, '0')}`;
      await store.appendToStream(stream, [{ ...perCompany[c][k], metadata: { actor: 'bench' } }], {
        expectedRevision: k === 0 ? 'no_stream' : k - 1,
      });
    }
  } finally {
    await store.close();
  }
  return order.length;
}

/** The pure fold of the whole log, with the fields the projector adds: what the baseline writes. */
export async function finalDocuments(store: SqliteEventStore, projection: DocumentProjection<CompanyDoc>) {
  const docs = new Map<string, StoredDocument<CompanyDoc>>();
  const handled = new Set(projection.handles);
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: REBUILD_BATCH });
    if (!page.length) break;
    for (const r of page) {
      const e: ProjectedEvent = fromRecorded(r);
      if (!handled.has(e.type)) continue;
      const id = projection.documentId(e)!;
      const before = docs.get(id);
      let plain: CompanyDoc | null = null;
      if (before) {
        const { _id, _position, _eventId, ...rest } = before;
        void _id;
        void _position;
        void _eventId;
        plain = rest as CompanyDoc;
      }
      const next = projection.apply(plain, e);
      if (next) docs.set(id, { ...next, _id: id, _position: e.position, _eventId: e.id });
      else docs.delete(id);
    }
    after = page[page.length - 1].position;
  }
  return [...docs.values()];
}

async function dropCollection(connection: Connection, name: string) {
  await connection
    .collection(name)
    .drop()
    .catch((e: unknown) => {
      if (!/ns not found|does not exist|NamespaceNotFound/i.test(String((e as Error)?.message ?? e))) throw e;
    });
}

async function sortedDocs(connection: Connection, name: string) {
  return connection.collection(name).find({}).sort({ _id: 1 }).toArray();
}

const within = <T>(promise: Promise<T>, ms: number): Promise<T | undefined> => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms))),
  ]);
};

const connect = (url: string, dbName: string) =>
  mongoose.createConnection(url, { dbName, serverSelectionTimeoutMS: 15000 }).asPromise();

/**
 * @param restartMongo called when a rebuild did not finish in time (the server may be wedged):
 *   restarts the MongoDB-compatible server and returns its new URL, or undefined when it cannot.
 */
export async function benchProjection(
  config: BenchConfig,
  mongoUrl: string,
  restartMongo?: () => Promise<string | undefined>,
): Promise<Row[]> {
  const companies = scaled(config, 5000, 50);
  const warmCompanies = Math.max(50, Math.round(companies / 10));
  const limitS = Number(process.env.BENCH_REBUILD_TIMEOUT_S ?? 60);
  const files = { measured: join(config.dir, 'projection.sqlite'), warmup: join(config.dir, 'projection-warmup.sqlite') };
  log(`projection: seeding ${companies} companies (+${warmCompanies} for the warm-up)`);
  const events = await seed(files.measured, companies);
  await seed(files.warmup, warmCompanies);
  const dbName = `opn_bench_${randomBytes(4).toString('hex')}`;
  let connection: Connection = await connect(mongoUrl, dbName);
  const stores = {
    measured: new SqliteEventStore({ filename: files.measured }),
    warmup: new SqliteEventStore({ filename: files.warmup }),
  };
  try {
    const ours = companyDirectory('companies_rebuilt');
    const baselineCollection = 'companies_bulk';
    const docs = {
      measured: await finalDocuments(stores.measured, ours),
      warmup: await finalDocuments(stores.warmup, ours),
    };
    log(
      `projection: ${events} events -> ${docs.measured.length} documents; rebuildProjection with its default batch size vs ` +
        `insertOne bulks of ${REBUILD_BATCH}; a rebuild that takes over ${limitS} s (BENCH_REBUILD_TIMEOUT_S) is stopped and counted as failed`,
    );
    let verified = false;
    let rebuildFailure: string | undefined;
    let partial: Sample | undefined;
    let failedInWarmup = false;
    let serverLost = false;

    const results = await alternate('projection', config.rounds, {
      bulk: async (_round, warmup): Promise<Samples> => {
        if (serverLost) return {};
        const finals = warmup ? docs.warmup : docs.measured;
        const count = await (warmup ? stores.warmup : stores.measured).headPosition();
        const sample = await timed(count, async () => {
          await dropCollection(connection, baselineCollection);
          const coll = connection.collection<StoredDocument<CompanyDoc>>(baselineCollection);
          for (const index of ours.indexes ?? []) await coll.createIndex(index.fields, index.options ?? {});
          // The collection is fresh, so the final documents are plain inserts (the fastest raw write).
          for (let i = 0; i < finals.length; i += REBUILD_BATCH) {
            const ops = finals.slice(i, i + REBUILD_BATCH).map((d) => ({ insertOne: { document: d } }));
            await coll.bulkWrite(ops, { ordered: false });
          }
        });
        return { rebuild: sample };
      },
      rebuild: async (_round, warmup): Promise<Samples> => {
        // A failed warm-up does not stop the measured rounds; a failed measured round stops the rest.
        if ((rebuildFailure && !failedInWarmup) || serverLost) return {};
        const store = warmup ? stores.warmup : stores.measured;
        const head = await store.headPosition();
        let replayed = 0;
        let lastProgress = Date.now();
        const t0 = process.hrtime.bigint();
        const run = rebuildProjection({
          store,
          connection,
          projection: ours,
          onProgress: (p) => {
            replayed = p.events;
            lastProgress = Date.now();
          },
        });
        const result = await within(run, limitS * 1000);
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        if (!result) {
          run.catch(() => undefined); // abandoned: fails once the server is restarted
          const idle = Math.round((Date.now() - lastProgress) / 1000);
          rebuildFailure =
            `did not finish in ${limitS} s: ${replayed.toLocaleString('en-US')} of ${head.toLocaleString('en-US')} events` +
            `${warmup ? ' (warm-up)' : ''}, no progress in the last ${idle} s`;
          partial = { events: replayed, seconds };
          failedInWarmup = warmup;
          log(`projection: rebuild ${rebuildFailure}; restarting the MongoDB-compatible server (it may be wedged)`);
          await within(connection.close(true), 5000).catch(() => undefined);
          const next = restartMongo ? await restartMongo() : undefined;
          if (next) connection = await connect(next, dbName);
          else serverLost = true;
          return {};
        }
        if (result.events !== head) throw new Error(`rebuild replayed ${result.events} events, expected ${head}`);
        if (!warmup && failedInWarmup) {
          log(`projection: the measured rebuild finished although the warm-up did not (${rebuildFailure})`);
          rebuildFailure = undefined;
          partial = undefined;
          failedInWarmup = false;
        }
        if (!warmup && !verified) {
          // Both sides must have produced the same read model (checked once, outside the timings).
          const [a, b] = await Promise.all([sortedDocs(connection, ours.collection), sortedDocs(connection, baselineCollection)]);
          if (a.length !== docs.measured.length || !isDeepStrictEqual(a, b)) {
            throw new Error(`rebuilt read model differs from the fold of the log (${a.length} vs ${b.length} documents)`);
          }
          verified = true;
          log(`projection: verified: rebuilt collection equals the bulk-written final documents (${a.length} docs)`);
        }
        return { rebuild: { events: head, seconds } };
      },
    });
    const rebuilt = side(
      'rebuildProjection (reset + replay + checkpoint per batch)',
      results.rebuild.rebuild ?? (partial ? [partial] : []),
      'ev',
      rebuildFailure,
    );
    const bulk = side(
      'raw bulkWrite of the final documents (drop + indexes + insertOne)',
      results.bulk.rebuild ?? [],
      'ev',
      results.bulk.rebuild?.length ? undefined : 'not measured (server lost)',
    );
    const shape = `${events} events over ${companies} companies -> ${docs.measured.length} documents, 3 indexes; baseline: insertOne bulks of ${REBUILD_BATCH} into the dropped collection, events/s = events of the log / time`;
    return [
      ratioRow('projection-rebuild', 'projection rebuild from the log vs raw bulkWrite of the final documents', rebuilt, bulk, 0.5, shape),
      absoluteRow('projection-rebuild-rate', 'projection rebuild, events/s', rebuilt, 5000, shape),
    ];
  } finally {
    await within(connection.dropDatabase(), 10000).catch(() => undefined);
    await within(connection.close(true), 5000).catch(() => undefined);
    await stores.measured.close();
    await stores.warmup.close();
    removeSqlite(files.measured);
    removeSqlite(files.warmup);
  }
}
