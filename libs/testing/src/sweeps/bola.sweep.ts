import { randomUUID } from 'node:crypto';
import { SweepFixture, SweepReport } from './declaration';
import { HTTP_METHODS, SweepOperation, fillPath } from './openapi';
import { SweepContext, WireResponse, errorBodyProblem, short, urlOf, validRequest } from './sweep-context';

/**
 * Broken object level authorization: on every path that names a tenant's resources, and for every
 * HTTP method (declared or not), tenant B using tenant A's ids gets a 404 indistinguishable from
 * the 404 of a random well-formed id, and writes nothing. Operations open to every signed-in user
 * by design answer B (their declaration says why); admin-only ones give everyone else the same 403
 * whatever the ids. The owner, too, gets 404 for a random id.
 */
export async function bolaSweep<F extends SweepFixture>(ctx: SweepContext<F>): Promise<SweepReport> {
  const report: SweepReport = { sweep: 'bola', requests: 0, failures: [], notes: [] };
  const f = await ctx.declaration.fixture();
  const declared = ctx.declaration.operations;
  const paths = new Map<string, SweepOperation[]>();
  for (const op of ctx.operations) {
    const d = declared[op.key];
    if (d && (d.access === 'tenant' || d.access === 'open' || d.access === 'admin') && d.ids.length > 0) paths.set(op.path, [...(paths.get(op.path) ?? []), op]);
  }
  const aValues = Object.values(f.params).filter((v) => v.length >= 8);
  const normalize = (res: WireResponse, ids: string[]) => ids.reduce((text, id) => text.split(id).join('<id>'), res.text);

  const send = async (what: string, op: SweepOperation, token: string | null | undefined, params: Record<string, string>, body: unknown, query: Record<string, string>, headers: Record<string, string>) => {
    const res = await ctx.send({ method: op.method, url: urlOf(op, params, query), token, headers, json: body });
    report.requests++;
    if (res.status >= 500) report.failures.push(`${op.key} ${what}: ${res.status} ${short(res.text)}`);
    return res;
  };
  const expectStatus = (what: string, op: SweepOperation, res: WireResponse, expected: (s: number) => boolean, wanted: string) => {
    if (!expected(res.status)) report.failures.push(`${op.key} ${what}: expected ${wanted}, got ${res.status} ${short(res.text)}`);
    else if (res.status >= 400) {
      const problem = errorBodyProblem(res);
      if (problem) report.failures.push(`${op.key} ${what}: ${problem}`);
    }
  };

  let undeclaredMethods = 0;
  for (const [path, ops] of paths) {
    const ids = [...new Set(ops.flatMap((op) => ('ids' in declared[op.key] ? (declared[op.key] as { ids: string[] }).ids : [])))];
    // HEAD (Express runs the GET handler) and OPTIONS: B cannot tell A's ids from random ones either.
    const randomIds = Object.fromEntries(ids.map((id) => [id, randomUUID()]));
    const openGet = ops.some((o) => o.method === 'get' && declared[o.key].access === 'open');
    for (const method of ['head', 'options'] as const) {
      const mine = await ctx.send({ method, url: fillPath(path, f.params), token: f.outsider });
      const random = await ctx.send({ method, url: fillPath(path, { ...f.params, ...randomIds }), token: f.outsider });
      report.requests += 2;
      const label = `${method.toUpperCase()} ${path} as another tenant`;
      if (mine.status >= 500 || random.status >= 500) report.failures.push(`${label}: ${mine.status} / ${random.status}`);
      if (method === 'head' && ops.some((o) => o.method === 'get') && !openGet && mine.status !== 404) report.failures.push(`${label} with the owner's ids: expected 404, got ${mine.status}`);
      if (!openGet && (mine.status !== random.status || normalize(mine, aValues) !== normalize(random, [...Object.values(randomIds), ...aValues]))) {
        report.failures.push(`${label}: the owner's ids answer ${mine.status} ${short(mine.text)}, random ids ${random.status} ${short(random.text)}`);
      }
    }
    for (const method of HTTP_METHODS) {
      const op = ops.find((o) => o.method === method);
      if (!op) {
        if (ctx.operations.some((o) => o.path === path && o.method === method)) continue; // declared elsewhere without ids
        // A method the document does not list on this path: no hidden route may answer B.
        const url = fillPath(path, f.params);
        const res = await ctx.send({ method, url, token: f.outsider });
        report.requests++;
        undeclaredMethods++;
        if (res.status !== 404 && res.status !== 405) report.failures.push(`${method.toUpperCase()} ${path} (not in the document) as another tenant: ${res.status} ${short(res.text)}`);
        else if (errorBodyProblem(res)) report.failures.push(`${method.toUpperCase()} ${path} (not in the document): ${errorBodyProblem(res)}`);
        continue;
      }
      const d = declared[op.key];
      const base = await validRequest(ctx, op, f);
      const randomFor = (id: string) => ({ ...base.params, [id]: randomUUID() });
      const head = await ctx.store.headPosition();
      if (d.access === 'tenant') {
        const theirs = await send("as another tenant with the owner's ids", op, f.outsider, base.params, base.body, base.query, base.headers);
        expectStatus("as another tenant with the owner's ids", op, theirs, (s) => s === 404, '404');
        for (const id of ids.filter((i) => op.pathParams.includes(i))) {
          const params = randomFor(id);
          const random = await send(`as another tenant with a random ${id}`, op, f.outsider, params, base.body, base.query, base.headers);
          expectStatus(`as another tenant with a random ${id}`, op, random, (s) => s === 404, '404');
          if (theirs.status === 404 && random.status === 404 && normalize(theirs, aValues) !== normalize(random, [params[id], ...aValues])) {
            report.failures.push(`${op.key}: the 404 for the owner's ${id} differs from the 404 for a random one (${short(theirs.text)} vs ${short(random.text)})`);
          }
          const own = await send(`as the owner with a random ${id}`, op, base.token, params, base.body, base.query, base.headers);
          expectStatus(`as the owner with a random ${id}`, op, own, (s) => s === 404, '404');
        }
      } else if (d.access === 'open') {
        const theirs = await send("as another tenant with the owner's ids (open by design)", op, f.outsider, base.params, base.body, base.query, base.headers);
        expectStatus(`as another tenant (open: ${d.because})`, op, theirs, (s) => s >= 200 && s < 300, '2xx');
        for (const id of d.ids) {
          const random = await send(`as another tenant with a random ${id}`, op, f.outsider, randomFor(id), base.body, base.query, base.headers);
          expectStatus(`as another tenant with a random ${id}`, op, random, (s) => s === 404, '404');
        }
      } else if (d.access === 'admin') {
        const theirs = await send("as a non-admin with the owner's ids", op, f.outsider, base.params, base.body, base.query, base.headers);
        expectStatus("as a non-admin with the owner's ids", op, theirs, (s) => s === 403, '403');
        for (const id of d.ids) {
          const params = randomFor(id);
          const random = await send(`as a non-admin with a random ${id}`, op, f.outsider, params, base.body, base.query, base.headers);
          expectStatus(`as a non-admin with a random ${id}`, op, random, (s) => s === 403, '403');
          if (normalize(theirs, aValues) !== normalize(random, [params[id], ...aValues])) {
            report.failures.push(`${op.key}: a non-admin can tell the owner's ${id} from a random one (${short(theirs.text)} vs ${short(random.text)})`);
          }
          if (f.admin) {
            const admin = await send(`as an admin with a random ${id}`, op, f.admin, params, base.body, base.query, base.headers);
            expectStatus(`as an admin with a random ${id}`, op, admin, (s) => s === 404, '404');
          } else report.notes.push(`${op.key}: no admin in the fixture, admin with a random id not tried`);
        }
      }
      // Nothing that was refused may have written; an open read writes nothing either.
      const after = await ctx.store.headPosition();
      if (after !== head) report.failures.push(`${op.key}: the event store head moved from ${head} to ${after} during refused or read-only requests`);
    }
  }
  // Ids outside the path: the declaration lists the attempts.
  let foreign = 0;
  for (const op of ctx.operations) {
    const attempts = (await declared[op.key]?.foreign?.(f)) ?? [];
    for (const [i, attempt] of attempts.entries()) {
      const what = `foreign request #${i} (another tenant's ids outside the path)`;
      const head = await ctx.store.headPosition();
      const res = await send(what, op, attempt.token === undefined ? f.outsider : attempt.token, { ...f.params, ...attempt.params }, attempt.body, attempt.query ?? {}, attempt.headers ?? {});
      expectStatus(what, op, res, (s) => s === 404, '404');
      const after = await ctx.store.headPosition();
      if (after !== head) report.failures.push(`${op.key} ${what}: the event store head moved from ${head} to ${after}`);
      foreign++;
    }
  }
  report.notes.push(`${paths.size} paths with tenant ids, ${undeclaredMethods} undeclared methods tried, ${foreign} requests with ids outside the path`);
  return report;
}
