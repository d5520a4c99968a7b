import { AsyncLocalStorage } from 'node:async_hooks';

/** What every hop of one piece of work shares: the HTTP request, its events, their consumers. */
export interface CorrelationContext {
  correlationId: string;
}

/** The one name of the correlation id header, over HTTP and on Kafka messages. */
export const CORRELATION_HEADER = 'x-correlation-id';

const storage = new AsyncLocalStorage<CorrelationContext>();

/**
 * Runs `fn` (and everything it awaits or schedules) with `correlationId` as the current one.
 * The HTTP middleware runs each request in it, the Kafka consumer each handler; log lines and
 * appended events read it back with `currentCorrelationId()`.
 */
export const runWithCorrelation = <T>(correlationId: string, fn: () => T): T => storage.run({ correlationId }, fn);

/** The correlation id of the work in progress, or undefined outside any request or handled event. */
export const currentCorrelationId = (): string | undefined => storage.getStore()?.correlationId;
