// Row of QUALITY.md: "directory query, two filters, 20,000 companies: p95 <= 25 ms".
//
// Identity's own company directory, not a look-alike: 20,000 CompanyRegistered events folded by
// companyDirectoryProjection into its MongoDB collection and by CompanySearch (the directory's
// memory read model: filters, order and totals), then CompanyDirectoryQuery.list, the code behind
// GET /companies: the ids and total of the page from memory, its 20 documents from MongoDB by `_id`.
// Two filters, NAF code and city, are taken from a random existing company, so popular combinations
// are asked as often as they occur, or independently. Names, NAF codes and cities follow Zipf-like
// distributions (a few big cities and common activities, a long tail). The directory's other
// filters are measured the same way and printed as notes: one NAF code, a capability (an array
// field) and the free-text `q`.
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { PageQuery } from '@opn/service-kit';
import { MongoProjector, type ProjectedEvent } from '@opn/projections';
import {
  CompanyDirectoryQuery,
  CompanySearch,
  companyDirectoryProjection,
  type CompanyDirectoryDocument,
  type DirectoryFilters,
} from '../../services/identity/test/directory-read-model';
import { BenchConfig, Row, latencyRow, log, percentile, prng, scaled } from './lib';

const SIZE_BANDS = ['0', '1-9', '10-49', '50-249', '250-4999', '5000+'] as const;
const WORDS = ['usinage', 'soudure', 'tôlerie', 'peinture', 'logistique', 'conseil', 'formation', 'impression', 'emballage', 'maintenance'];

/** Index in [0, n) with P(i) proportional to 1 / (i + 1): a few values are common, most are rare. */
function zipf(rnd: () => number, n: number): number {
  const harmonic = Math.log(n) + 0.5772;
  const target = rnd() * harmonic;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += 1 / (i + 1);
    if (sum >= target) return i;
  }
  return n - 1;
}

function registered(rnd: () => number, i: number): ProjectedEvent {
  const companyId = randomUUID();
  const naf = zipf(rnd, 300);
  const city = zipf(rnd, 600);
  const capabilities = [...new Set([WORDS[zipf(rnd, WORDS.length)], WORDS[zipf(rnd, WORDS.length)], `spécialité ${zipf(rnd, 2000)}`])];
  return {
    id: randomUUID(),
    type: 'CompanyRegistered',
    version: 1,
    subject: `company-${companyId}`,
    position: i + 1,
    revision: 0,
    occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    data: {
      companyId,
      legalName: `${WORDS[i % WORDS.length]} ${String.fromCharCode(65 + (i % 26))}${i} SAS`,
      siren: String(100_000_000 + i),
      nafCode: `${String(10 + (naf % 90)).padStart(2, '0')}.${String(naf % 100).padStart(2, '0')}Z`,
      sizeBand: SIZE_BANDS[zipf(rnd, SIZE_BANDS.length)],
      address: { line1: `${i} rue de la République`, postalCode: String(1000 + city * 7).padStart(5, '0'), city: `Ville ${city}`, country: 'FR' },
      description: `Entreprise ${i}: ${capabilities.join(', ')}`,
      capabilities,
      offers: [WORDS[zipf(rnd, WORDS.length)]],
      registeredBy: randomUUID(),
      registeredAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
    },
  };
}

interface Latencies {
  p50: number;
  p95: number;
  p99: number;
  rows: number;
}

async function measure(query: CompanyDirectoryQuery, filters: () => DirectoryFilters, count: number): Promise<Latencies> {
  const page = Object.assign(new PageQuery(), { page: 1, limit: 20 });
  for (let i = 0; i < Math.min(20, count); i++) await query.list(filters(), page); // warm-up

  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    const found = await query.list(filters(), page);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    rows += found.total;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => percentile(times, q);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), rows: rows / count };
}

const fmt = (l: Latencies) => `p50 ${l.p50.toFixed(1)} ms, p95 ${l.p95.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms, ${Math.round(l.rows)} matches on average`;

export async function benchDirectory(config: BenchConfig, mongoUrl: string): Promise<Row[]> {
  const companies = scaled(config, 20_000, 200);
  const queries = scaled(config, 400, 50);
  const connection = await mongoose.createConnection(mongoUrl, { dbName: `bench_directory_${process.pid}` }).asPromise();
  try {
    await connection.dropDatabase();
    const projector = new MongoProjector<CompanyDirectoryDocument>(connection, companyDirectoryProjection);
    await projector.ensureIndexes();
    const { apply: fold } = companyDirectoryProjection;
    const search = new CompanySearch();
    const rnd = prng(42);
    const docs: CompanyDirectoryDocument[] = [];
    log(`directory: folding ${companies.toLocaleString('en-US')} registrations into identity's company directory...`);
    const started = Date.now();
    const collection = connection.collection(companyDirectoryProjection.collection);
    for (let i = 0; i < companies; i += 2000) {
      const batch = Array.from({ length: Math.min(2000, companies - i) }, (_, k) => registered(rnd, i + k));
      const folded = batch.map((e) => ({ e, doc: fold(null, e)! }));
      search.apply(batch);
      for (const f of folded) docs.push(f.doc);
      await collection.insertMany(
        folded.map(({ e, doc }) => ({ _id: companyDirectoryProjection.documentId(e), _position: e.position, _eventId: e.id, ...doc })) as never[],
        { ordered: false },
      );
    }
    log(`directory: ${companies.toLocaleString('en-US')} companies loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    search.caughtUpWithLog();
    const query = new CompanyDirectoryQuery(connection, search);
    const q = prng(7);
    const some = () => docs[Math.floor(q() * docs.length)];
    const two = await measure(query, () => ({ nafCode: some().nafCode, city: some().address.city }), queries);
    const sameCompany = await measure(
      query,
      () => {
        const d = some();
        return { nafCode: d.nafCode, city: d.address.city };
      },
      queries,
    );
    const naf = await measure(query, () => ({ nafCode: some().nafCode }), Math.ceil(queries / 2));
    const capability = await measure(query, () => ({ capability: some().capabilities[0] }), Math.ceil(queries / 2));
    const text = await measure(query, () => ({ q: some().legalName.split(' ')[1] }), Math.ceil(queries / 2));
    const worst = Math.max(two.p95, sameCompany.p95);
    return [
      latencyRow(
        'directory-two-filters-p95',
        `directory query, two filters (NAF code + city), ${companies.toLocaleString('en-US')} companies, page of 20 with its total`,
        'p95',
        worst,
        25,
        [
          `identity's CompanyDirectoryQuery.list over its read model, ${queries} queries per mix; filters of one company: ${fmt(sameCompany)}`,
          `independent NAF code and city: ${fmt(two)}`,
          `one NAF code: ${fmt(naf)}`,
          `a capability (array field): ${fmt(capability)}`,
          `free text q: ${fmt(text)}`,
        ].join('; '),
      ),
    ];
  } finally {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  }
}
