import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { SweepFixture, SweepReport } from './declaration';
import { SweepContext, short } from './sweep-context';

type Doc = Record<string, unknown> & { _id: unknown };

/**
 * Read models are folds of the log: each projection of the service, rebuilt from the event store
 * into a fresh database, equals the live collection document for document and field for field
 * (projection metadata `_position` and `_eventId` included), ignoring only the fields the
 * declaration lists with a reason. Run it after the other sweeps so the log has content; it waits
 * for the live projections to reach the head first (bounded).
 */
export async function rebuildSweep<F extends SweepFixture>(ctx: SweepContext<F>): Promise<SweepReport> {
  const report: SweepReport = { sweep: 'rebuild', requests: 0, failures: [], notes: [] };
  const head = await ctx.store.headPosition();
  if (head === 0) report.failures.push('the event log is empty: run the rebuild sweep after the others');
  if (!(await ctx.waitForProjections(head, 15000))) report.failures.push(`live projections did not reach the head ${head} within 15 s (see /health)`);
  const fresh = ctx.mongo.useDb(`${ctx.mongo.name}_rebuild_${randomBytes(3).toString('hex')}`.slice(0, 60), { useCache: false });
  try {
    for (const projection of ctx.declaration.projections) {
      const ignored = new Set(ctx.declaration.rebuildIgnores?.[projection.name]?.fields ?? []);
      const strip = (d: Doc) => Object.fromEntries(Object.entries(d).filter(([k]) => !ignored.has(k)));
      const { events } = await ctx.rebuildProjection({ store: ctx.store, connection: fresh, projection });
      const read = async (connection: typeof fresh) => (await connection.collection(projection.collection).find({}).toArray()) as unknown as Doc[];
      const live = new Map((await read(ctx.mongo)).map((d) => [String(d._id), d]));
      const rebuilt = new Map((await read(fresh)).map((d) => [String(d._id), d]));
      if (live.size === 0) report.failures.push(`${projection.name}: the live read model is empty, nothing to compare (the fixture should create documents)`);
      let differing = 0;
      for (const [id, doc] of live) {
        const other = rebuilt.get(id);
        if (!other) {
          report.failures.push(`${projection.name}: live document ${id} is missing from the rebuild`);
          continue;
        }
        const a = strip(doc);
        const b = strip(other);
        if (!isDeepStrictEqual(a, b)) {
          differing++;
          const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !isDeepStrictEqual(a[k], b[k]));
          report.failures.push(`${projection.name} ${id}: ${fields.map((k) => `${k} live ${short(JSON.stringify(a[k]) ?? 'undefined', 80)} rebuilt ${short(JSON.stringify(b[k]) ?? 'undefined', 80)}`).join('; ')}`);
        }
      }
      for (const id of rebuilt.keys()) if (!live.has(id)) report.failures.push(`${projection.name}: rebuilt document ${id} is not in the live read model`);
      report.notes.push(`${projection.name}: ${events} events replayed, ${live.size} live and ${rebuilt.size} rebuilt documents, ${differing} differing`);
    }
  } finally {
    await fresh.dropDatabase().catch(() => undefined);
  }
  return report;
}
