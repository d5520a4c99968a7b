import { invalid } from './validation';

/**
 * Divisions (first two digits) of the French NAF rev. 2 nomenclature, section by section:
 * A 01-03, B 05-09, C 10-33, D 35, E 36-39, F 41-43, G 45-47, H 49-53, I 55-56, J 58-63,
 * K 64-66, L 68, M 69-75, N 77-82, O 84, P 85, Q 86-88, R 90-93, S 94-96, T 97-98, U 99.
 */
const RANGES: Array<[number, number]> = [
  [1, 3], [5, 9], [10, 33], [35, 35], [36, 39], [41, 43], [45, 47], [49, 53], [55, 56], [58, 63],
  [64, 66], [68, 68], [69, 75], [77, 82], [84, 84], [85, 85], [86, 88], [90, 93], [94, 96], [97, 98],
  [99, 99],
];

export const NAF_DIVISIONS: readonly string[] = RANGES.flatMap(([from, to]) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, '0')),
);

const DIVISIONS = new Set(NAF_DIVISIONS);
const WITH_DOT = /^(\d{2})\.(\d{2})([A-Z])$/;
const WITHOUT_DOT = /^(\d{2})(\d{2})([A-Z])$/;

/** "6201z", " 62.01Z " -> "62.01Z"; undefined when the shape or the division is wrong. */
export function normaliseNafCode(value: string): string | undefined {
  const s = value.replace(/\s+/g, '').toUpperCase();
  const m = WITH_DOT.exec(s) ?? WITHOUT_DOT.exec(s);
  if (!m || !DIVISIONS.has(m[1])) return undefined;
  return `${m[1]}.${m[2]}${m[3]}`;
}

export const isValidNafCode = (value: string): boolean => normaliseNafCode(value) !== undefined;

/** The division (first two digits) of a NAF code: "62.01Z" -> "62". */
export const nafDivision = (code: string): string => code.replace(/\D/g, '').slice(0, 2);

/** The normalised NAF code, or a ValidationError naming `field`. */
export function nafCode(value: unknown, field = 'nafCode'): string {
  if (typeof value !== 'string') throw invalid(field, 'is required');
  const s = value.replace(/\s+/g, '').toUpperCase();
  if (!WITH_DOT.test(s) && !WITHOUT_DOT.test(s)) throw invalid(field, 'must look like 62.01Z (NAF rev. 2)');
  const code = normaliseNafCode(s);
  if (!code) throw invalid(field, `division ${s.slice(0, 2)} does not exist in NAF rev. 2`);
  return code;
}

/** Division, then optionally a group digit, a class digit and a subclass letter: 25, 25.6, 25.62, 25.62A. */
const NAF_PREFIX = /^(\d{2})(?:\.?(\d)(?:(\d)([A-Z])?)?)?$/;

/** " 2562a " -> "25.62A"; a prefix of a NAF rev. 2 code whose division exists (a sector, a value chain). */
export function nafPrefix(value: unknown, field: string): string {
  const m = typeof value === 'string' ? NAF_PREFIX.exec(value.replace(/\s+/g, '').toUpperCase()) : null;
  if (!m) throw invalid(field, 'must be a NAF rev. 2 prefix: 25, 25.6, 25.62 or 25.62A');
  if (!DIVISIONS.has(m[1])) throw invalid(field, `division ${m[1]} does not exist in NAF rev. 2`);
  return m[2] === undefined ? m[1] : `${m[1]}.${m[2]}${m[3] ?? ''}${m[4] ?? ''}`;
}

/** True when a NAF code (`25.62A`) falls under a prefix (`25`, `25.6`, ...). */
export const nafCodeMatches = (code: string, prefix: string): boolean => code.toUpperCase().startsWith(prefix);
