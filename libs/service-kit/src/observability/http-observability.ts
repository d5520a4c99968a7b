import { CORRELATION_HEADER, runWithCorrelation } from '@opn/kernel';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { correlationIdOf } from '../request-meta';
import { ServiceMetrics, UNMATCHED_ROUTE } from './metrics';

/**
 * The route template that served the request (`/companies/:id`), or UNMATCHED_ROUTE when no route
 * matched (unknown paths, body-parser rejections): raw paths and query strings never become labels.
 */
export function routeTemplate(request: Request): string {
  const path: unknown = (request as Request & { route?: { path?: unknown } }).route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : UNMATCHED_ROUTE;
}

/**
 * Takes the request's correlation id (its acceptable `x-correlation-id`, or a new one: the same
 * value readRequestMeta gives handlers), echoes it in the response header and runs the rest of
 * the request inside it, so every log line and every appended event of the request carries it.
 */
export function correlationMiddleware(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const correlationId = correlationIdOf(request);
    response.setHeader(CORRELATION_HEADER, correlationId);
    runWithCorrelation(correlationId, next);
  };
}

export interface HttpObservabilityOptions {
  logger?: Logger;
  metrics?: ServiceMetrics;
  /** Routes whose access lines are debug, not info: probes and scrapes (default /health, /metrics). */
  quietRoutes?: string[];
}

/**
 * Correlation (above), then when the response is finished: `http_request_duration_seconds` and
 * one access line `{method, route, status, durationMs, correlationId}`: never the URL, its query
 * string or a body. 5xx lines are errors, probes debug, the rest info.
 */
export function httpObservability({ logger, metrics, quietRoutes = ['/health', '/metrics'] }: HttpObservabilityOptions): RequestHandler {
  const correlation = correlationMiddleware();
  const quiet = new Set(quietRoutes);
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeTemplate(request);
      // A client that hung up before the answer: nginx's 499, so it is not counted as a success.
      const status = response.writableFinished ? response.statusCode : 499;
      metrics?.observeHttp(request.method, route, status, seconds);
      if (logger) {
        const level = status >= 500 ? 'error' : quiet.has(route) ? 'debug' : 'info';
        logger[level]({ method: request.method, route, status, durationMs: Math.round(seconds * 1e4) / 10, correlationId: correlationIdOf(request) }, 'request completed');
      }
    };
    response.once('finish', record);
    response.once('close', record);
    correlation(request, response, next);
  };
}
