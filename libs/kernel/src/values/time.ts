import { invalid } from './validation';

/** An ISO 8601 instant with an explicit offset, as produced by `Date.prototype.toISOString()`. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export const isIsoInstant = (value: unknown): value is string =>
  typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));

/** Checks an instant that arrived on a command; returns it unchanged (the clock lives outside). */
export function instant(value: unknown, field: string): string {
  if (!isIsoInstant(value)) throw invalid(field, 'must be an ISO 8601 instant, e.g. 2025-01-31T09:00:00.000Z');
  return value;
}

/** True when instant `a` is strictly before instant `b`. Both must be valid ISO instants. */
export const isBefore = (a: string, b: string): boolean => Date.parse(a) < Date.parse(b);

/** True when an expiry has been reached at `now` (expiry instant included). */
export const hasExpired = (expiresAt: string, now: string): boolean => !isBefore(now, expiresAt);
