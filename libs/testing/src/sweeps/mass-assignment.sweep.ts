import { SweepFixture, SweepReport } from './declaration';
import { exampleFromSchema, resolveSchema, schemaProperties } from './openapi';
import { SweepContext, WireRequest, errorBodyProblem, short, toWire, validRequest } from './sweep-context';

/** Fields a client must never set through a body unless the DTO declares them (name -> a tempting value). */
export const DEFAULT_PRIVILEGED_FIELDS: Record<string, unknown> = {
  role: 'company_admin',
  roles: ['platform_admin'],
  platformRoles: ['platform_admin'],
  companyId: '00000000-0000-4000-8000-000000000001',
  personId: '00000000-0000-4000-8000-000000000002',
  _id: '00000000-0000-4000-8000-000000000003',
  _position: 1,
  _eventId: '00000000-0000-4000-8000-000000000004',
  revision: 99,
  status: 'accepted',
  memberCount: 999,
  isAdmin: true,
  createdAt: '2000-01-01T00:00:00.000Z',
};

const UNKNOWN = 'sweepUnknownField';

/**
 * Mass assignment: for every operation with a JSON body, its valid body plus an unknown field, plus
 * each privileged field the DTO does not declare, plus an unknown field inside each nested object,
 * plus a `__proto__` key, gets 400 with `{error:{code,message,status,details}}` naming the field,
 * and the event store head does not move. Then the valid body alone is accepted, which proves the
 * 400s came from the planted fields.
 */
export async function massAssignmentSweep<F extends SweepFixture>(ctx: SweepContext<F>): Promise<SweepReport> {
  const report: SweepReport = { sweep: 'mass-assignment', requests: 0, failures: [], notes: [] };
  const f = await ctx.declaration.fixture();
  const privileged = { ...DEFAULT_PRIVILEGED_FIELDS, ...ctx.declaration.privilegedFields };
  let operations = 0;
  for (const op of ctx.operations.filter((o) => o.body)) {
    operations++;
    const base = await validRequest(ctx, op, f);
    const body = (base.body ?? exampleFromSchema(ctx.document, op.body)) as Record<string, unknown>;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      report.failures.push(`${op.key}: its valid body is not a JSON object (${short(body)})`);
      continue;
    }
    const declaredFields = new Set(schemaProperties(ctx.document, op.body));
    const variants: Array<{ what: string; field: string; wire: WireRequest }> = [];
    const withBody = (json: unknown): WireRequest => ({ ...toWire(op, base), json });
    variants.push({ what: 'an unknown field', field: UNKNOWN, wire: withBody({ ...body, [UNKNOWN]: true }) });
    for (const [field, value] of Object.entries(privileged)) {
      if (!declaredFields.has(field)) variants.push({ what: `privileged field ${field}`, field, wire: withBody({ ...body, [field]: value }) });
    }
    for (const [field, value] of Object.entries(body)) {
      const schema = resolveSchema(ctx.document, resolveSchema(ctx.document, op.body)?.properties?.[field]);
      if (value && typeof value === 'object' && !Array.isArray(value) && schema?.properties) {
        variants.push({ what: `an unknown field inside ${field}`, field: `${field}.${UNKNOWN}`, wire: withBody({ ...body, [field]: { ...value, [UNKNOWN]: 1 } }) });
        variants.push({ what: `privileged field role inside ${field}`, field: `${field}.role`, wire: withBody({ ...body, [field]: { ...value, role: 'company_admin' } }) });
      }
    }
    // Written by hand (JSON.stringify drops a __proto__ key); an empty control body takes no comma.
    const rest = JSON.stringify(body);
    const protoText = `{"__proto__":{"platformRoles":["platform_admin"],"role":"company_admin"}${rest === '{}' ? '}' : `,${rest.slice(1)}`}`;
    variants.push({ what: 'a __proto__ key', field: '__proto__', wire: { ...toWire(op, base), json: undefined, raw: { contentType: 'application/json', text: protoText } } });

    for (const v of variants) {
      const head = await ctx.store.headPosition();
      const res = await ctx.send(v.wire);
      report.requests++;
      const after = await ctx.store.headPosition();
      if (after !== head) report.failures.push(`${op.key} with ${v.what}: events were written (head ${head} -> ${after})`);
      if (res.status !== 400) {
        report.failures.push(`${op.key} with ${v.what}: expected 400, got ${res.status} ${short(res.text)}`);
        continue;
      }
      const problem = errorBodyProblem(res);
      const details = (res.body as { error?: { details?: unknown } }).error?.details;
      if (problem) report.failures.push(`${op.key} with ${v.what}: ${problem}`);
      else if (details === undefined) report.failures.push(`${op.key} with ${v.what}: 400 without details`);
      else if (!JSON.stringify(details).includes(v.field.split('.').pop()!)) report.failures.push(`${op.key} with ${v.what}: details do not name ${v.field}: ${short(details)}`);
    }
    // The control: the same request without planted fields is accepted.
    const control = await ctx.send(withBody(body));
    report.requests++;
    if (control.status < 200 || control.status >= 300) {
      report.failures.push(`${op.key}: the valid body alone is refused (${control.status} ${short(control.text)}), so the 400s above prove nothing: fix the declaration's request()`);
    }
  }
  report.notes.push(`${operations} operations with a JSON body`);
  return report;
}
