// TEMPORARY scratch (deleted before hand-off)
import mongoose from 'mongoose';
import { startInfra } from '@opn/infra';

async function main() {
  const infra = await startInfra({ tmp: true, keepData: true }); console.log(infra.dataDir);
  try {
    const conn = await mongoose.createConnection(infra.mongoUrl, { dbName: 'scratch' }).asPromise();
    const N = Number(process.env.N ?? 300);
    const docs = Array.from({ length: N }, (_, i) => ({ _id: `company-${i}`, name: `n${i}`, city: 'Lyon', sector: 's', tags: ['a'], contact: { email: 'e', phone: 'p' }, _position: i + 1, _eventId: `ev${i}` }));
    for (const indexes of [false, true]) {
      const run = async (label: string, ops: unknown[], prep?: () => Promise<void>) => {
        const c = conn.collection(`t_${label}_${indexes}`);
        await c.drop().catch(() => undefined);
        if (indexes) { await c.createIndex({ city: 1 }); await c.createIndex({ sector: 1 }); await c.createIndex({ name: 1 }); }
        if (prep) await prep.call(null);
        const t = Date.now();
        await c.bulkWrite(ops as never, { ordered: false });
        console.log(`indexes=${indexes} ${label}: ${N} ops ${Date.now() - t} ms`);
      };
      await run('insertOne', docs.map((d) => ({ insertOne: { document: d } })));
      await run('replaceId', docs.map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } })));
      await run('replaceExists', docs.map((d) => ({ replaceOne: { filter: { _id: d._id, _position: { $exists: false } }, replacement: d, upsert: true } })));
      // updates of existing docs with the position guard
      const c = conn.collection(`t_upd_${indexes}`);
      await c.drop().catch(() => undefined);
      console.log('dropped'); if (indexes) { await c.createIndex({ city: 1 }); }
      console.log('inserting');
      await c.insertMany(docs as never);
      console.log('inserted');
      let t = Date.now();
      await c.bulkWrite(docs.map((d) => ({ replaceOne: { filter: { _id: d._id, _position: d._position }, replacement: { ...d, _position: d._position + 1000 } } })) as never, { ordered: false });
      console.log(`indexes=${indexes} replaceGuarded(existing): ${N} ops ${Date.now() - t} ms`);
      t = Date.now();
      await c.bulkWrite(docs.map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: { ...d, _position: d._position + 2000 } } })) as never, { ordered: false });
      console.log(`indexes=${indexes} replaceId(existing): ${N} ops ${Date.now() - t} ms`);
    }
    await conn.dropDatabase();
    await conn.close();
  } finally {
    await infra.stop();
  }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
