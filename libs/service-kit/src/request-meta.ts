import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { CORRELATION_HEADER, ValidationError, newId } from '@opn/kernel';
import type { Request } from 'express';

export interface RequestMeta {
  correlationId: string;
  /** From the Idempotency-Key header: a retried command with the same key has no second effect. */
  idempotencyKey?: string;
  /** From If-Match: the revision the client last saw (ETag `"<revision>"`). */
  expectedRevision?: number;
  userAgent?: string;
}

const KEY = /^[A-Za-z0-9_\-.:]{8,128}$/;
const CORRELATION = /^[A-Za-z0-9_\-.:]{1,128}$/;

const CORRELATION_ID = Symbol('opn.correlationId');

/** A client's `x-correlation-id` is kept when it is 1-128 characters of letters, digits, _ - . : */
export const acceptCorrelationId = (value: string | undefined): string | undefined =>
  value !== undefined && CORRELATION.test(value) ? value : undefined;

/**
 * The one correlation id of a request: its acceptable `x-correlation-id` header, or a new id,
 * decided once and remembered on the request, so the logging middleware, the response header
 * and the events' metadata (through readRequestMeta) all carry the same value.
 */
export function correlationIdOf(request: Request): string {
  const r = request as Request & { [CORRELATION_ID]?: string };
  if (r[CORRELATION_ID] === undefined) {
    const v = request.headers[CORRELATION_HEADER];
    r[CORRELATION_ID] = acceptCorrelationId(Array.isArray(v) ? v[0] : v) ?? newId();
  }
  return r[CORRELATION_ID];
}

export function readRequestMeta(request: Request): RequestMeta {
  const header = (name: string) => {
    const v = request.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const key = header('idempotency-key');
  if (key !== undefined && !KEY.test(key)) {
    throw new ValidationError('Idempotency-Key must be 8-128 characters of letters, digits, _ - . :', [{ field: 'Idempotency-Key', message: 'invalid format' }]);
  }
  const ifMatch = header('if-match');
  let expectedRevision: number | undefined;
  if (ifMatch !== undefined) {
    const m = /^(?:W\/)?"(\d{1,15})"$/.exec(ifMatch.trim());
    if (!m) throw new ValidationError('If-Match must be an ETag returned by this API, like "3"', [{ field: 'If-Match', message: 'invalid format' }]);
    expectedRevision = Number(m[1]);
  }
  return {
    correlationId: correlationIdOf(request),
    idempotencyKey: key,
    expectedRevision,
    userAgent: header('user-agent')?.slice(0, 512),
  };
}

/** Correlation id, idempotency key and If-Match revision of the current request. */
export const Meta = createParamDecorator((_: unknown, context: ExecutionContext): RequestMeta =>
  readRequestMeta(context.switchToHttp().getRequest<Request>()),
);
