import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError } from '@opn/kernel';
import type { Response } from 'express';

/** The machine-readable error body every endpoint answers with. */
export interface ErrorBody {
  error: { code: string; message: string; status: number; details?: unknown };
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/**
 * Maps every error once: DomainErrors to their status and code, Nest HTTP exceptions (validation,
 * 404 routes, throttling) and body-parser errors (bad JSON, oversize bodies) to 4xx, and anything
 * else to a 500 that hides internals but is logged.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.error.status === 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    if (body.error.status === 503) response.setHeader('Retry-After', '5');
    response.status(body.error.status).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return { error: { code: exception.code, message: exception.message, status: exception.status, details: exception.details } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse() as string | { message?: string | string[]; details?: unknown; code?: string };
      const messages = typeof res === 'string' ? [res] : Array.isArray(res.message) ? res.message : [res.message ?? exception.message];
      const code = typeof res === 'object' && res.code ? res.code : status === 400 ? 'validation_failed' : CODE_BY_STATUS[status] ?? 'error';
      const details = typeof res === 'object' ? res.details : undefined;
      return { error: { code, message: messages.join('; '), status, details } };
    }
    // body-parser errors carry a status and a type (entity.parse.failed, entity.too.large, ...).
    const e = exception as { status?: number; statusCode?: number; type?: string; message?: string };
    const status = e?.status ?? e?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const code = e.type === 'entity.too.large' ? 'payload_too_large' : e.type === 'entity.parse.failed' ? 'malformed_json' : CODE_BY_STATUS[status] ?? 'bad_request';
      return { error: { code, message: e.type === 'entity.parse.failed' ? 'request body is not valid JSON' : e.message ?? 'bad request', status } };
    }
    if (isStorageUnavailable(exception)) {
      return {
        error: {
          code: 'read_model_unavailable',
          message: 'this view is temporarily unavailable (its database is unreachable); commands are still accepted, retry shortly',
          status: HttpStatus.SERVICE_UNAVAILABLE,
        },
      };
    }
    return { error: { code: 'internal_error', message: 'internal error', status: HttpStatus.INTERNAL_SERVER_ERROR } };
  }
}

/** MongoDB unreachable (driver network/selection errors, or mongoose refusing to queue while disconnected). */
export function isStorageUnavailable(exception: unknown): boolean {
  const e = exception as { name?: string; message?: string };
  if (!e || typeof e !== 'object') return false;
  if (/^(MongoServerSelectionError|MongoNetworkError|MongoNetworkTimeoutError|MongoTopologyClosedError|MongoNotConnectedError|MongooseServerSelectionError|MongoPoolClearedError)$/.test(e.name ?? '')) return true;
  return e.name === 'MongooseError' && /initial connection|Client must be connected|connection .* closed/i.test(e.message ?? '');
}
