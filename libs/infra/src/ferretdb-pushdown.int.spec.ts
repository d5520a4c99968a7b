import { Collection, Document, MongoClient } from 'mongodb';

// The FerretDB the launcher builds carries patches/0001-sqlite-indexable-filters.patch: `_id`
// lookups and top-level equality filters are answered by SQLite from the collection's indexes.
// This suite checks both halves against the server the tests run on: the plans (an index is
// used; skipped against a real MongoDB, whose explain output differs) and, above all, the
// results, which must be exactly MongoDB's (a pushed-down filter may select more documents,
// never fewer: arrays, $in, mixed types, missing fields, dotted paths).
const url = process.env.MONGODB_URL!;

interface Company {
  _id: string;
  name: string;
  territory?: string | null;
  sector?: string | string[];
  active?: boolean;
  size?: number;
  address?: { city: string };
  'odd key'?: string;
}

function companies(): Company[] {
  const out: Company[] = [];
  for (let i = 0; i < 300; i++) {
    out.push({
      _id: `c-${String(i).padStart(3, '0')}`,
      name: `Company ${i}`,
      territory: i % 3 === 0 ? 'lyon' : i % 3 === 1 ? 'grenoble' : 'annecy',
      // every 10th company has several sectors: {sector: 'food'} must match those holding it
      sector: i % 10 === 0 ? ['food', `s${i % 7}`] : `s${i % 7}`,
      active: i % 2 === 0,
      size: i % 5,
      address: { city: i % 4 === 0 ? 'Lyon' : 'Vienne' },
      ...(i % 50 === 0 ? { 'odd key': 'x' } : {}),
    });
  }
  out.push({ _id: 'no-territory', name: 'Nowhere', sector: 's1' });
  out.push({ _id: 'null-territory', name: 'Null', territory: null, sector: 's1' });
  return out;
}

/** What MongoDB answers, computed here: equality, array membership and $in, as in the query language. */
function matches(doc: Record<string, unknown>, filter: Record<string, unknown>): boolean {
  const equal = (value: unknown, wanted: unknown) =>
    value === wanted || (wanted === null && value === undefined) || (Array.isArray(value) && value.includes(wanted));
  return Object.entries(filter).every(([key, cond]) => {
    const value = key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], doc);
    if (cond && typeof cond === 'object' && '$in' in cond) return (cond.$in as unknown[]).some((w) => equal(value, w));
    if (cond && typeof cond === 'object' && '$eq' in cond) return equal(value, cond.$eq);
    return equal(value, cond);
  });
}

describe('MongoDB-wire server: filters answered from indexes, with MongoDB results', () => {
  let client: MongoClient;
  let collection: Collection<Company>;
  let ferret: boolean;
  const docs = companies();

  beforeAll(async () => {
    client = await MongoClient.connect(url);
    const db = client.db(`pushdown_${process.pid}`);
    await db.dropDatabase();
    collection = db.collection<Company>('companies');
    await collection.createIndex({ territory: 1, sector: 1 });
    await collection.createIndex({ active: 1 });
    await collection.insertMany(docs);
    const build = await db.admin().command({ buildInfo: 1 });
    ferret = Boolean(build.ferretdbVersion ?? build.ferretdb);
  });

  afterAll(async () => {
    await client?.db(`pushdown_${process.pid}`).dropDatabase();
    await client?.close();
  });

  const filters: Record<string, unknown>[] = [
    { _id: 'c-042' },
    { _id: { $in: ['c-001', 'c-002', 'missing'] } },
    { _id: { $eq: 'c-299' } },
    { territory: 'lyon' },
    { territory: 'lyon', sector: 's3' },
    { territory: 'lyon', sector: 'food' },
    { sector: 'food' },
    { sector: { $in: ['food', 's2'] } },
    { territory: { $eq: 'annecy' }, active: true },
    { active: false },
    { territory: null },
    { territory: 'lyon', size: 3 },
    { 'address.city': 'Lyon', territory: 'lyon' },
    { 'odd key': 'x' },
    { territory: 'nowhere' },
  ];

  it.each(filters.map((f) => [JSON.stringify(f), f]))('find %s returns what MongoDB returns', async (_, filter) => {
    const found = await collection
      .find(filter as Document)
      .sort({ _id: 1 })
      .toArray();
    const expected = docs
      .filter((d) => matches(d as unknown as Record<string, unknown>, filter))
      .map((d) => d._id)
      .sort();
    expect(found.map((d) => d._id)).toEqual(expected);
    expect(await collection.countDocuments(filter as Document)).toBe(expected.length);
  });

  it('updates and deletes by _id touch exactly their document', async () => {
    await collection.updateOne({ _id: 'c-007' }, { $set: { name: 'Renamed' } });
    expect((await collection.findOne({ _id: 'c-007' }))?.name).toBe('Renamed');
    expect(await collection.countDocuments({ name: 'Renamed' })).toBe(1);
    await collection.updateMany({ territory: 'grenoble', sector: 's1' }, { $set: { size: 99 } });
    const expected = docs.filter((d) => d.territory === 'grenoble' && (d.sector === 's1' || (Array.isArray(d.sector) && d.sector.includes('s1'))));
    expect(await collection.countDocuments({ size: 99 })).toBe(expected.length);
    await collection.deleteOne({ _id: 'c-008' });
    expect(await collection.findOne({ _id: 'c-008' })).toBeNull();
    expect(await collection.countDocuments()).toBe(docs.length - 1);
  });

  it('plans: _id and indexed equality filters are answered from an index (FerretDB only)', async () => {
    if (!ferret) return; // a real MongoDB plans its own way
    const plan = async (filter: Document) => JSON.stringify((await collection.find(filter).explain()).queryPlanner);
    expect(await plan({ _id: 'c-042' })).toMatch(/SEARCH \S+ USING INDEX \S+__id_ /);
    const twoFilters = await plan({ territory: 'lyon', sector: 's3' });
    expect(twoFilters).toMatch(/USING INDEX \S+_territory_1_sector_1 \(<expr>=\? AND <expr>=\?\)/);
    expect(twoFilters).not.toMatch(/SCAN (?!json_each)/); // the elements of array values only, never the table
    expect(await plan({ active: true })).toMatch(/USING INDEX \S+_active_1/);
    // numbers are not pushed down (1, 1.0 and 1n are equal but written differently): a scan
    expect(await plan({ size: 3 })).not.toMatch(/SEARCH/);
  });
});
