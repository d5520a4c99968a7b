import { ValidationError } from '../errors';

/** One refused input field, as carried in `ValidationError.details`. */
export type FieldError = {
  field: string;
  message: string;
};

/** A ValidationError whose message names the field and whose details list it. */
export const invalid = (field: string, message: string): ValidationError =>
  new ValidationError(`${field}: ${message}`, [{ field, message }]);

const fieldErrorsOf = (error: ValidationError): FieldError[] =>
  Array.isArray(error.details)
    ? error.details.map((d) => ({ field: String(d.field), message: String(d.message) }))
    : [{ field: 'unknown', message: error.message }];

/**
 * Runs every check, collects all field errors into one ValidationError (so a client learns
 * about every bad field at once), or returns the checked values under the same keys.
 */
export function validateFields<T extends Record<string, () => unknown>>(
  checks: T,
): { [K in keyof T]: ReturnType<T[K]> } {
  const out: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [key, check] of Object.entries(checks)) {
    try {
      out[key] = check();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors.push(...fieldErrorsOf(error));
    }
  }
  if (errors.length > 0) {
    throw new ValidationError(errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
  return out as { [K in keyof T]: ReturnType<T[K]> };
}

/** Trimmed text of 1..max characters (code points). */
export function requiredText(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw invalid(field, 'is required');
  const text = value.normalize('NFC').trim();
  if (text.length === 0) throw invalid(field, 'must not be empty');
  if ([...text].length > max) throw invalid(field, `must be at most ${max} characters`);
  return text;
}

/** Trimmed text of 0..max characters; undefined stays undefined. */
export function optionalText(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  const text = value.normalize('NFC').trim();
  if ([...text].length > max) throw invalid(field, `must be at most ${max} characters`);
  return text;
}

/** An opaque, non-empty token such as a hash computed by the application layer. */
export function requiredToken(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid(field, 'is required');
  if (value.length > 512) throw invalid(field, 'must be at most 512 characters');
  return value;
}

/** Deep equality of plain JSON values (key order does not matter). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => sameJson(ao[k], bo[k]));
}
