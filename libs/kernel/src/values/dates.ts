import { isIsoInstant } from './time';
import { invalid } from './validation';

/** A calendar date `YYYY-MM-DD` (start and end of a relation, a contact, a deadline, a meeting, the last day of a membership). */
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isLocalDate = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

/** Checks a calendar date that arrived on a command; returns it unchanged. */
export function localDate(value: unknown, field: string): string {
  if (!isLocalDate(value)) throw invalid(field, 'must be a date YYYY-MM-DD');
  return value;
}

export function optionalLocalDate(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : localDate(value, field);
}

/** The calendar date (UTC) of an ISO instant: "today" for a command received at `now`. */
export const dateOf = (instant: string): string => new Date(instant).toISOString().slice(0, 10);

/** Whole days from date `a` to date `b` (negative when `b` is before `a`). */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/**
 * A calendar date that is not after the date of `now` (a contact, a past start). The comparison
 * is skipped when `now` itself is bad: the caller reports that field, and every bad field is
 * reported at once.
 */
export function localDateNotAfterToday(value: unknown, field: string, now: unknown): string {
  const date = localDate(value, field);
  if (isIsoInstant(now) && date > dateOf(now)) throw invalid(field, 'must not be in the future');
  return date;
}

/**
 * A calendar date strictly after the date of `now` (the last day of a membership). The comparison
 * is skipped when `now` itself is bad: the caller reports that field, and every bad field is
 * reported at once.
 */
export function dateAfterToday(value: unknown, field: string, now: unknown): string {
  const date = localDate(value, field);
  if (isIsoInstant(now) && date <= dateOf(now)) throw invalid(field, 'must be after today');
  return date;
}

export const optionalDateAfterToday = (value: unknown, field: string, now: unknown): string | undefined =>
  value === undefined ? undefined : dateAfterToday(value, field, now);
