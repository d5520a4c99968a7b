import { FieldError, ValidationError, invalid, nafPrefix } from '@opn/kernel';

export { nafCodeMatches, nafPrefix } from '@opn/kernel';
import { Perimeter } from './territory.events';

/** Most entries of one list of a perimeter, once deduplicated. */
export const PERIMETER_LIST_MAX = 2000;

const POSTCODE = /^\d{5}$/;
const COMMUNE = /^(\d{5}|2[AB]\d{3})$/;
const DEPARTEMENT = /^(0[1-9]|1\d|2[1-9]|2A|2B|[3-8]\d|9[0-5]|97[1-6])$/;

const squeeze = (value: string): string => value.replace(/\s+/g, '').toUpperCase();

export function postcode(value: unknown, field: string): string {
  if (typeof value !== 'string' || !POSTCODE.test(squeeze(value))) throw invalid(field, 'must be a postcode of 5 digits');
  return squeeze(value);
}

export function communeCode(value: unknown, field: string): string {
  if (typeof value !== 'string' || !COMMUNE.test(squeeze(value))) {
    throw invalid(field, 'must be an INSEE commune code: 5 digits, or 2A/2B and 3 digits');
  }
  return squeeze(value);
}

export function departementCode(value: unknown, field: string): string {
  if (typeof value !== 'string' || !DEPARTEMENT.test(squeeze(value))) {
    throw invalid(field, 'must be a département code: 01..95, 2A, 2B or 971..976');
  }
  return squeeze(value);
}

const LISTS = ['postcodes', 'communes', 'departements', 'nafCodes'] as const;
const ENTRY: Record<(typeof LISTS)[number], (value: unknown, field: string) => string> = {
  postcodes: postcode,
  communes: communeCode,
  departements: departementCode,
  nafCodes: nafPrefix,
};
const GEOGRAPHIC = ['postcodes', 'communes', 'departements'] as const;

/**
 * The normalised perimeter (each list deduplicated and sorted), or one ValidationError listing
 * every bad entry. The kind's rules apply when `kind` is a valid kind: a geographic territory
 * needs postcodes, communes or départements and no NAF code; a thematic one NAF codes only.
 */
export function perimeter(value: unknown, kind: unknown, field = 'perimeter'): Perimeter {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(field, 'is required');
  const input = value as Record<string, unknown>;
  const errors: FieldError[] = [];
  const out: Perimeter = { postcodes: [], communes: [], departements: [], nafCodes: [] };
  for (const key of Object.keys(input)) {
    if (!(LISTS as readonly string[]).includes(key)) errors.push({ field: `${field}.${key}`, message: 'is not a perimeter list' });
  }
  for (const list of LISTS) {
    const raw = input[list];
    if (raw === undefined) continue;
    const path = `${field}.${list}`;
    if (!Array.isArray(raw)) {
      errors.push({ field: path, message: 'must be a list of strings' });
      continue;
    }
    const entries = new Set<string>();
    raw.forEach((entry, i) => {
      try {
        entries.add(ENTRY[list](entry, `${path}[${i}]`));
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        errors.push(...(e.details as FieldError[]));
      }
    });
    if (entries.size > PERIMETER_LIST_MAX) errors.push({ field: path, message: `must hold at most ${PERIMETER_LIST_MAX} entries` });
    out[list] = [...entries].sort();
  }
  if (kind === 'geographic') {
    if (out.nafCodes.length > 0) errors.push({ field: `${field}.nafCodes`, message: 'only a thematic territory has NAF codes' });
    if (GEOGRAPHIC.every((l) => out[l].length === 0) && !GEOGRAPHIC.some((l) => Array.isArray(input[l]) && input[l].length > 0)) {
      errors.push({ field, message: 'a geographic territory needs postcodes, communes or départements' });
    }
  } else if (kind === 'thematic') {
    for (const list of GEOGRAPHIC) {
      if (Array.isArray(input[list]) && input[list].length > 0) errors.push({ field: `${field}.${list}`, message: 'only a geographic territory has a geographic list' });
    }
    if (out.nafCodes.length === 0 && !(Array.isArray(input.nafCodes) && input.nafCodes.length > 0)) {
      errors.push({ field: `${field}.nafCodes`, message: 'a thematic territory needs at least one NAF code' });
    }
  }
  if (errors.length > 0) throw new ValidationError(errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  return out;
}

/** Same lists, same entries. */
export const samePerimeter = (a: Perimeter, b: Perimeter): boolean =>
  LISTS.every((l) => a[l].length === b[l].length && a[l].every((x, i) => x === b[l][i]));
