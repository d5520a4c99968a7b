import { invalid } from './validation';

/** Trimmed and lowercased: the form emails are compared, stored and claimed in. */
export const normaliseEmail = (value: string): string => value.normalize('NFC').trim().toLowerCase();

const SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** A pragmatic check (no RFC 5322 comments or quoted parts): one @, a dotted domain, sizes. */
export function isValidEmail(value: string): boolean {
  const e = normaliseEmail(value);
  if (e.length > 254 || !SHAPE.test(e)) return false;
  const local = e.slice(0, e.lastIndexOf('@'));
  return local.length <= 64 && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

/** The normalised email, or a ValidationError naming `field`. */
export function email(value: unknown, field = 'email'): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, 'is required');
  if (!isValidEmail(value)) throw invalid(field, 'is not a valid email address');
  return normaliseEmail(value);
}
