import { SweepFixture, SweepReport } from './declaration';
import { SweepOperation, exampleFromSchema, schemaProperties } from './openapi';
import { Prng } from './prng';
import { ResolvedRequest, SweepContext, WireRequest, errorBodyProblem, short, urlOf, validRequest } from './sweep-context';

export const DEFAULT_FUZZ_SEED = 20261130;

/** The seed a fuzz run uses: SWEEP_SEED from the environment (to replay or vary a run), else the default. */
export const fuzzSeed = (): number => {
  const fromEnv = Number(process.env.SWEEP_SEED);
  return process.env.SWEEP_SEED && Number.isSafeInteger(fromEnv) ? fromEnv : DEFAULT_FUZZ_SEED;
};

const nest = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

const STRINGS = [
  '',
  ' ',
  'x',
  '\u0000',
  '\ud800',
  '\u202eevil',
  'e\u0301',
  '\u200b',
  '😀'.repeat(40),
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '{"$ne":null}',
  '$where',
  '${7*7}',
  '../../etc/passwd',
  '%00',
  'NaN',
  'Infinity',
  'null',
  'true',
  '2026-13-45T99:99:99Z',
  '00000000-0000-0000-0000-000000000000',
  'a@b',
  'ADA@EXAMPLE.FR',
  '__proto__',
];

/** A value of the wrong type, size or shape. */
function weird(r: Prng, depth = 0): unknown {
  switch (r.int(depth > 2 ? 6 : 10)) {
    case 0:
      return null;
    case 1:
      return r.pick([true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, -0]);
    case 2:
      return r.pick(STRINGS);
    case 3:
      return 'x'.repeat(r.pick([61, 201, 255, 1001, 5001, 20000]));
    case 4:
      return String.fromCharCode(...Array.from({ length: 1 + r.int(40) }, () => r.int(0xd7ff)));
    case 5:
      return r.uuid();
    case 6:
      return r.pick([{}, [], [null], { $ne: null }, { $gt: '' }, { $where: '1' }]);
    case 7:
      // Long arrays of primitives, short arrays of anything: the size stays bounded.
      return depth === 0 && r.chance(0.5) ? Array.from({ length: r.pick([51, 1000, 5000]) }, () => r.pick(STRINGS)) : Array.from({ length: 1 + r.int(3) }, () => weird(r, depth + 1));
    case 8:
      return Object.fromEntries(Array.from({ length: 1 + r.int(4) }, () => [r.pick(['a', 'x', '$set', 'constructor', 'prototype', 'toString', '']), weird(r, depth + 1)]));
    default:
      return nest(r.pick([5, 33, 100]));
  }
}

const HEADER_VALUES = ['', ' ', 'x', '*', '"', '""', 'W/"1"', '"-1"', '"0"', '"1e999"', '"99999999999999999999"', '"0x10"', '"1", "2"', 'null', 'é\xff', 'a'.repeat(300), 'a'.repeat(6000), '../', '%00', '"\ttab"'];
const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/vnd.api+json', 'application/octet-stream', '*/*', 'application/json; boundary=', ''];
const MALFORMED = ['{', '}', '{"a":}', '{"a":1,}', '[', 'nul', 'undefined', "{'a':1}", '\ufeff{}', '{"a":"\\ud800"}', '{"a":"\\u00"}', '1e999999', '"unterminated', '{"a":1}{"b":2}', '\u0000', '[1,2]', '"string"', '42', 'null', 'true'];
const PATH_VALUES = ['', ' ', '..', '.', '%2e%2e', 'null', 'undefined', '0', '-1', '1e9', 'a'.repeat(2000), '😀', '%00', '%', "' OR 1=1", '{"$ne":null}', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '{00000000-0000-4000-8000-000000000000}', 'urn:uuid:00000000-0000-4000-8000-000000000000', '__proto__', 'constructor'];
const QUERY_JUNK = ['page=-1', 'page=0', 'page=1e999', 'limit=0', 'limit=-5', 'limit=100000', 'page=two', 'limit[]=1', 'q[$ne]=x', 'q[$regex]=.*', 'capability[$gt]=', 'status[]=pending&status[]=x', '__proto__[role]=platform_admin', 'constructor[prototype][x]=1', 'q=%00', `q=${'a'.repeat(3000)}`, 'city=%E2%80%AE', 'sizeBand=1-9&sizeBand=10-49', 'page', '=', '&&&', 'a=%ZZ'];

/** encodeURIComponent refuses lone surrogates: those become U+FFFD (a URL carries UTF-8). */
const encode = (text: string) => encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));

/** Answered by Node's HTTP parser before any app code runs (a request line or headers over 16 kB): no error body to check. */
const NODE_PARSER_STATUSES = new Set([431]);

type Mutator = { name: string; applies: (op: SweepOperation) => boolean; apply: (r: Prng, wire: WireRequest, ctx: FuzzInput) => void };
interface FuzzInput {
  op: SweepOperation;
  base: ResolvedRequest;
  body: unknown;
  fields: string[];
  fixtureTokens: Array<string | null>;
}

const hasBody = (op: SweepOperation) => op.body !== undefined;
const asObject = (wire: WireRequest): Record<string, unknown> =>
  wire.json && typeof wire.json === 'object' && !Array.isArray(wire.json) ? { ...(wire.json as Record<string, unknown>) } : {};

const MUTATORS: Mutator[] = [
  {
    name: 'field-wrong-value',
    applies: hasBody,
    apply: (r, wire, input) => {
      const body = asObject(wire);
      const field = r.chance(0.85) && input.fields.length ? r.pick(input.fields) : r.pick(['x', 'extra', '$set', 'constructor']);
      body[field] = weird(r);
      wire.json = body;
    },
  },
  {
    name: 'field-nested-wrong-value',
    applies: hasBody,
    apply: (r, wire) => {
      const body = asObject(wire);
      const objects = Object.keys(body).filter((k) => body[k] && typeof body[k] === 'object' && !Array.isArray(body[k]));
      if (objects.length === 0) return;
      const key = r.pick(objects);
      const inner = { ...(body[key] as Record<string, unknown>) };
      const innerKeys = Object.keys(inner);
      inner[innerKeys.length && r.chance(0.8) ? r.pick(innerKeys) : 'x'] = weird(r);
      body[key] = inner;
      wire.json = body;
    },
  },
  {
    name: 'field-missing',
    applies: hasBody,
    apply: (r, wire) => {
      const body = asObject(wire);
      const keys = Object.keys(body);
      if (keys.length) delete body[r.pick(keys)];
      wire.json = body;
    },
  },
  { name: 'body-replaced', applies: () => true, apply: (r, wire) => void (wire.json = weird(r)) },
  {
    // Built as text: deeper than JSON.stringify (and many parsers) can recurse.
    name: 'body-deeply-nested',
    applies: () => true,
    apply: (r, wire) => {
      const depth = r.pick([100, 1000, 5000]);
      const nested = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      const key = JSON.stringify(r.pick(['a', 'address', 'data']));
      const rest = JSON.stringify(asObject(wire)).slice(1);
      wire.raw = { contentType: 'application/json', text: `{${key}:${nested}${rest === '}' ? '}' : `,${rest}`}` };
    },
  },
  {
    name: 'body-malformed-json',
    applies: () => true,
    apply: (r, wire, input) => {
      const text = JSON.stringify(input.body ?? {});
      wire.raw = { contentType: 'application/json', text: r.chance(0.5) ? r.pick(MALFORMED) : text.slice(0, r.int(Math.max(1, text.length))) };
    },
  },
  {
    name: 'body-deep-array-text',
    applies: () => true,
    apply: (r, wire) => {
      const depth = r.pick([1000, 10000, 30000]);
      wire.raw = { contentType: 'application/json', text: '['.repeat(depth) + ']'.repeat(depth) };
    },
  },
  {
    name: 'body-wrong-content-type',
    applies: () => true,
    apply: (r, wire, input) => {
      const ct = r.pick(CONTENT_TYPES);
      const text = ct.includes('form') ? 'email=a%40b.fr&role=platform_admin' : JSON.stringify(input.body ?? { a: 1 });
      wire.raw = { contentType: ct, text };
    },
  },
  { name: 'body-binary', applies: () => true, apply: (r, wire) => void (wire.raw = { contentType: 'application/json', text: Buffer.from(Array.from({ length: 1 + r.int(200) }, () => r.int(256))) }) },
  {
    name: 'body-duplicate-keys',
    applies: hasBody,
    apply: (r, wire, input) => {
      const key = input.fields.length ? r.pick(input.fields) : 'a';
      wire.raw = { contentType: 'application/json', text: JSON.stringify(input.body ?? {}).replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(weird(r))},`) };
    },
  },
  {
    name: 'path-param',
    applies: (op) => op.pathParams.length > 0,
    apply: (r, wire, input) => {
      const params = { ...input.base.params };
      const name = r.pick(input.op.pathParams);
      const kind = r.int(4);
      params[name] = kind === 0 ? r.uuid() : kind === 1 ? params[name].toUpperCase() : kind === 2 ? ` ${params[name]}` : r.pick(PATH_VALUES);
      wire.url = urlOf(input.op, params, input.base.query);
    },
  },
  { name: 'query-junk', applies: () => true, apply: (r, wire) => void (wire.url += (wire.url.includes('?') ? '&' : '?') + r.pick(QUERY_JUNK)) },
  {
    name: 'query-param-wrong-value',
    applies: (op) => op.queryParams.length > 0,
    apply: (r, wire, input) => {
      const name = r.pick(input.op.queryParams);
      const value = weird(r);
      // JSON text for anything but strings: a fuzzed object may carry a `toString` key that is no function.
      const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? 'undefined');
      const parts = Array.isArray(value) ? value.slice(0, 5).map((v) => `${name}[]=${encode(text(v))}`) : [`${name}=${encode(text(value))}`];
      wire.url += (wire.url.includes('?') ? '&' : '?') + parts.join('&');
    },
  },
  {
    name: 'header-idempotency-key',
    applies: () => true,
    apply: (r, wire) => void (wire.headers = { ...wire.headers, 'Idempotency-Key': r.chance(0.3) ? r.uuid() : r.pick(HEADER_VALUES) }),
  },
  { name: 'header-if-match', applies: () => true, apply: (r, wire) => void (wire.headers = { ...wire.headers, 'If-Match': r.pick(HEADER_VALUES) }) },
  {
    name: 'header-odd',
    applies: () => true,
    apply: (r, wire) => {
      const name = r.pick(['Accept', 'Accept-Encoding', 'Content-Encoding', 'X-Forwarded-For', 'X-Request-Id', 'X-Correlation-Id', 'Origin', 'Cookie', 'Range', 'Transfer-Encoding-X']);
      wire.headers = { ...wire.headers, [name]: r.pick(HEADER_VALUES) };
    },
  },
  {
    name: 'token-odd',
    applies: () => true,
    apply: (r, wire, input) => {
      const choice = r.int(4);
      if (choice === 0) wire.token = r.pick(input.fixtureTokens);
      else if (choice === 1) wire.token = null;
      else {
        wire.token = null;
        wire.headers = { ...wire.headers, Authorization: r.pick(['Bearer', 'Bearer ', 'Bearer a.b.c', 'Bearer ' + 'a'.repeat(6000), 'Basic YTpi', 'bearer x', 'Bearer eyJhbGciOiJub25lIn0.e30.', 'Bearer ' + '.'.repeat(50)]) };
      }
    },
  },
];

/**
 * Fuzzing: for every operation, `perOperation` requests built from its valid request by one to
 * three seeded mutations (wrong types, huge strings, deep nesting, unicode, nulls, arrays for
 * objects, malformed JSON, wrong content types, bad path parameters, odd Idempotency-Key, If-Match
 * and Authorization headers, junk query strings). No response may be a 5xx or a dropped connection,
 * every 4xx carries the machine-readable error body, and `/health` still answers after each
 * operation. Bounded by count and by `maxSeconds`.
 */
export async function fuzzSweep<F extends SweepFixture>(ctx: SweepContext<F>): Promise<SweepReport & { seed: number; byStatus: Record<number, number> }> {
  const options = ctx.declaration.fuzz ?? {};
  const seed = fuzzSeed();
  const fromEnv = Number(process.env.SWEEP_FUZZ_PER_OPERATION);
  const perOperation = Number.isSafeInteger(fromEnv) && fromEnv > 0 ? fromEnv : options.perOperation ?? 100;
  const deadline = Date.now() + (options.maxSeconds ?? 120) * 1000;
  const r = new Prng(seed);
  const report = { sweep: 'fuzz', requests: 0, failures: [] as string[], notes: [] as string[], seed, byStatus: {} as Record<number, number> };
  const f = await ctx.declaration.fixture();
  const tokens = [f.owner, f.outsider, f.admin ?? null, null];
  const timings: string[] = [];
  for (const op of ctx.operations) {
    const base = await validRequest(ctx, op, f);
    const body = base.body ?? (op.body ? exampleFromSchema(ctx.document, op.body) : undefined);
    const input: FuzzInput = { op, base, body, fields: schemaProperties(ctx.document, op.body), fixtureTokens: tokens };
    const applicable = MUTATORS.filter((m) => m.applies(op));
    const startedAt = Date.now();
    let sent = 0;
    for (; sent < perOperation && Date.now() < deadline; sent++) {
      const wire: WireRequest = { method: op.method, url: urlOf(op, base.params, base.query), token: base.token, headers: { ...base.headers }, json: body };
      const names: string[] = [];
      for (let k = 1 + r.int(3); k > 0; k--) {
        const m = r.pick(applicable);
        m.apply(r, wire, input);
        names.push(m.name);
      }
      const label = `${op.key} #${sent} [${names.join(', ')}] (seed ${seed})`;
      try {
        const res = await ctx.send(wire);
        report.byStatus[res.status] = (report.byStatus[res.status] ?? 0) + 1;
        if (res.status >= 500) report.failures.push(`${label}: ${res.status} ${short(res.text)}; sent ${short(wire.raw?.text ?? wire.json)} to ${short(wire.url, 100)}`);
        else if (res.status >= 400 && !NODE_PARSER_STATUSES.has(res.status)) {
          const problem = errorBodyProblem(res);
          if (problem) report.failures.push(`${label}: ${res.status} ${problem}`);
        }
      } catch (e) {
        report.failures.push(`${label}: no response (${e instanceof Error ? e.message : String(e)}) to ${short(wire.url, 100)}`);
      }
      report.requests++;
    }
    if (sent < perOperation) report.notes.push(`${op.key}: time bound reached after ${sent} of ${perOperation} requests`);
    timings.push(`${op.key} ${sent} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    const health = await ctx.send({ method: 'get', url: '/health' });
    const status = (health.body as { status?: string })?.status;
    if (health.status !== 200 || status === 'down') report.failures.push(`after fuzzing ${op.key}: /health answered ${health.status} ${short(health.text)}`);
  }
  report.notes.push(`seed ${seed}, ${report.requests} requests over ${ctx.operations.length} operations, statuses ${JSON.stringify(report.byStatus)}`, `per operation: ${timings.join(', ')}`);
  return report;
}
