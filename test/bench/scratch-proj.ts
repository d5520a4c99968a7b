// TEMPORARY scratch (deleted before hand-off)
import mongoose from 'mongoose';
import { startInfra } from '@opn/infra';
import { SqliteEventStore } from '@opn/event-store';
import { MongoProjector, fromRecorded } from '@opn/projections';
import { companyDirectory } from './projection';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

async function main() {
  const infra = await startInfra({ tmp: true });
  const dir = mkdtempSync(join(tmpdir(), 'opn-scratch-'));
  try {
    const conn = await mongoose.createConnection(infra.mongoUrl, { dbName: 'scratch' }).asPromise();
    const store = new SqliteEventStore({ filename: join(dir, 'e.sqlite'), durability: 'normal' });
    for (let c = 0; c < 500; c++) for (let k = 0; k < 6; k++)
      await store.appendToStream(`company-${c}`, [{ type: k === 0 ? 'CompanyRegistered' : 'CompanyRenamed', data: { name: `n${c}-${k}`, city: 'Lyon', sector: 's', employees: 1, email: 'e' } }]);
    const p = companyDirectory('companies_x');
    const projector = new MongoProjector(conn, p);
    let t = Date.now();
    await projector.reset();
    console.log('reset', Date.now() - t);
    let after = 0;
    for (;;) {
      const page = await store.readAll({ after, maxCount: 2000 });
      if (!page.length) break;
      const evs = page.map(fromRecorded);
      t = Date.now();
      const coll = conn.collection(p.collection);
      const ids = [...new Set(evs.map((e) => e.subject))];
      const found = await coll.find({ _id: { $in: ids } } as never).toArray();
      console.log('find', ids.length, found.length, Date.now() - t);
      t = Date.now();
      const n = await projector.apply(evs);
      console.log('apply', n, Date.now() - t);
      t = Date.now();
      await projector.saveCheckpoint(page[page.length - 1].position);
      console.log('checkpoint', Date.now() - t);
      after = page[page.length - 1].position;
    }
    await conn.dropDatabase();
    await conn.close();
    await store.close();
  } finally {
    await infra.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
