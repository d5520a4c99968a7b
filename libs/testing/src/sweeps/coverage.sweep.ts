import { SweepFixture, SweepReport } from './declaration';
import { SweepContext, urlOf } from './sweep-context';

/**
 * Every operation of the OpenAPI document is classified in the declaration (so a new endpoint
 * cannot escape the other sweeps), every declared operation exists, id parameters are path
 * parameters, and the classification holds at the door: anonymous callers get 401 on every
 * non-public operation and never 401 on a public one.
 */
export async function coverageSweep<F extends SweepFixture>(ctx: SweepContext<F>): Promise<SweepReport> {
  const report: SweepReport = { sweep: 'coverage', requests: 0, failures: [], notes: [] };
  const declared = ctx.declaration.operations;
  const inDocument = new Set(ctx.operations.map((o) => o.key));
  if (ctx.operations.length === 0) report.failures.push('the OpenAPI document lists no operation');
  for (const op of ctx.operations) {
    const d = declared[op.key];
    if (!d) {
      report.failures.push(`${op.key}: not classified in the ${ctx.declaration.service} sweep declaration`);
      continue;
    }
    if (d.access === 'tenant' || d.access === 'open' || d.access === 'admin') {
      for (const id of d.ids) if (!op.pathParams.includes(id)) report.failures.push(`${op.key}: declared id ${id} is not a path parameter`);
      if (d.access !== 'admin' && d.ids.length === 0) report.failures.push(`${op.key}: ${d.access} operation names no id parameter`);
    }
    // Anonymous at the door: no token at all, path filled with anything well-formed.
    const params = Object.fromEntries(op.pathParams.map((p) => [p, '00000000-0000-4000-8000-000000000000']));
    const res = await ctx.send({ method: op.method, url: urlOf(op, params) });
    report.requests++;
    if (d.access === 'public' && res.status === 401) report.failures.push(`${op.key}: declared public but answers 401 to an anonymous caller`);
    if (d.access !== 'public' && res.status !== 401) report.failures.push(`${op.key}: declared ${d.access} but answers ${res.status} (not 401) to an anonymous caller`);
  }
  for (const key of Object.keys(declared)) {
    if (!inDocument.has(key)) report.failures.push(`${key}: declared but not in the OpenAPI document (renamed or removed?)`);
  }
  const byAccess = new Map<string, number>();
  for (const op of ctx.operations) {
    const a = declared[op.key]?.access ?? 'unclassified';
    byAccess.set(a, (byAccess.get(a) ?? 0) + 1);
  }
  report.notes.push(`${ctx.operations.length} operations: ${[...byAccess].map(([a, n]) => `${n} ${a}`).join(', ')}`);
  return report;
}
