import { invalid, isIsoInstant } from '@opn/kernel';

/** A calendar date `YYYY-MM-DD` (the last day of a membership). */
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isLocalDate = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

/** The calendar date (UTC) of an ISO instant: "today" for a command received at `now`. */
export const dateOf = (instant: string): string => new Date(instant).toISOString().slice(0, 10);

/**
 * A calendar date strictly after the date of `now`. The comparison is skipped when `now` itself
 * is bad: the caller reports that field, and every bad field is reported at once.
 */
export function dateAfterToday(value: unknown, field: string, now: unknown): string {
  if (!isLocalDate(value)) throw invalid(field, 'must be a date YYYY-MM-DD');
  if (isIsoInstant(now) && value <= dateOf(now)) throw invalid(field, 'must be after today');
  return value;
}

export const optionalDateAfterToday = (value: unknown, field: string, now: unknown): string | undefined =>
  value === undefined ? undefined : dateAfterToday(value, field, now);
