import request from 'supertest';
import { ServiceSweepDeclaration, SweepFixture, SweepKit, SweepRequest } from './declaration';
import { HttpMethod, OpenApiDocument, SweepOperation, fillPath, listOperations, readOpenApi } from './openapi';

/** A request on the wire: what the sweeps send, valid or not. */
export interface WireRequest {
  method: HttpMethod | 'head' | 'options';
  /** Already filled and encoded. */
  url: string;
  token?: string | null;
  headers?: Record<string, string>;
  /** Sent as JSON (`JSON.stringify`) with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as is, with `contentType` (malformed JSON, forms, ...). */
  raw?: { contentType?: string; text: string | Buffer };
}

export interface WireResponse {
  status: number;
  body: unknown;
  text: string;
}

/** What the sweeps share: the app, its document and operations, the event store and the MongoDB connection. */
export interface SweepContext<F extends SweepFixture = SweepFixture> extends SweepKit {
  declaration: ServiceSweepDeclaration<F>;
  document: OpenApiDocument;
  operations: SweepOperation[];
  send(wire: WireRequest): Promise<WireResponse>;
  /** Polls `/health` until every live projection has applied the log up to `position` (false after `timeoutMs`). */
  waitForProjections(position: number, timeoutMs: number): Promise<boolean>;
}

interface HealthBody {
  checks?: { projections?: { details?: { projections?: Array<{ name: string; position: number }> } } };
}

export async function sweepContext<F extends SweepFixture>(declaration: ServiceSweepDeclaration<F>): Promise<SweepContext<F>> {
  const { app } = declaration;
  const document = await readOpenApi(app);
  const server = app.getHttpServer();
  const send = async (wire: WireRequest): Promise<WireResponse> => {
    let req = request(server)[wire.method](wire.url).timeout({ response: 15000, deadline: 30000 });
    if (wire.token) req = req.set('Authorization', `Bearer ${wire.token}`);
    for (const [name, value] of Object.entries(wire.headers ?? {})) req = req.set(name, value);
    if (wire.raw) {
      if (wire.raw.contentType !== undefined) req = req.set('Content-Type', wire.raw.contentType);
      req = req.send(wire.raw.text);
    } else if (wire.json !== undefined) {
      req = req.set('Content-Type', 'application/json').send(JSON.stringify(wire.json));
    }
    const res = await req.ok(() => true);
    return { status: res.status, body: res.body, text: res.text ?? '' };
  };
  return {
    ...declaration.kit,
    declaration,
    document,
    operations: listOperations(document),
    send,
    waitForProjections: async (position, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      do {
        const projections = ((await send({ method: 'get', url: '/health' })).body as HealthBody).checks?.projections?.details?.projections;
        if (projections && projections.every((p) => p.position >= position)) return true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      } while (Date.now() < deadline);
      return false;
    },
  };
}

/** The declared valid request of an operation, with its token defaulted and its path filled. */
export interface ResolvedRequest {
  token: string | null;
  params: Record<string, string>;
  body?: unknown;
  headers: Record<string, string>;
  query: Record<string, string>;
}

export async function validRequest<F extends SweepFixture>(ctx: SweepContext<F>, op: SweepOperation, fixture: F): Promise<ResolvedRequest> {
  const declared = ctx.declaration.operations[op.key];
  const given: SweepRequest = declared?.request ? await declared.request(fixture) : {};
  const defaultToken = declared?.access === 'public' ? null : fixture.owner;
  return {
    token: given.token === undefined ? defaultToken : given.token,
    params: { ...fixture.params, ...given.params },
    body: given.body,
    headers: given.headers ?? {},
    query: given.query ?? {},
  };
}

export const urlOf = (op: SweepOperation, params: Record<string, string>, query: Record<string, string> = {}) => {
  const qs = new URLSearchParams(query).toString();
  return fillPath(op.path, params) + (qs ? `?${qs}` : '');
};

export const toWire = (op: SweepOperation, r: ResolvedRequest): WireRequest => ({
  method: op.method,
  url: urlOf(op, r.params, r.query),
  token: r.token,
  headers: r.headers,
  json: r.body,
});

/** A 4xx/5xx body is machine-readable when it is `{error:{code,message,status}}` with the HTTP status. */
export function errorBodyProblem(res: WireResponse): string | undefined {
  const error = (res.body as { error?: { code?: unknown; message?: unknown; status?: unknown } } | undefined)?.error;
  if (!error || typeof error !== 'object') return `no {error:{...}} body: ${res.text.slice(0, 120)}`;
  if (typeof error.code !== 'string' || typeof error.message !== 'string' || error.status !== res.status) {
    return `error body not {code,message,status=${res.status}}: ${res.text.slice(0, 160)}`;
  }
  return undefined;
}

export const short = (value: unknown, max = 160) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}...(${text.length} chars)` : text;
};
