import { invalid } from './validation';

/** SIREN of La Poste, whose establishments' SIRET do not follow the Luhn rule. */
export const LA_POSTE_SIREN = '356000000';
/** Head office of La Poste: the one La Poste SIRET that is checked with Luhn. */
const LA_POSTE_HEAD_OFFICE_SIRET = '35600000000048';

/** Removes every kind of whitespace ("732 829 320" -> "732829320"). */
export const normaliseSiren = (value: string): string => value.replace(/\s+/g, '');
export const normaliseSiret = normaliseSiren;

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const digitSum = (digits: string): number => [...digits].reduce((s, c) => s + (c.charCodeAt(0) - 48), 0);

/** 9 digits with a valid Luhn key. Spaces are ignored. */
export function isValidSiren(value: string): boolean {
  const n = normaliseSiren(value);
  return /^\d{9}$/.test(n) && luhnValid(n);
}

/**
 * 14 digits (SIREN + 5-digit establishment number, NIC) with a valid Luhn key and a valid SIREN.
 * La Poste exception: its establishments (SIREN 356000000) are valid when the sum of their
 * digits is a multiple of 5; its head office 35600000000048 follows Luhn.
 */
export function isValidSiret(value: string): boolean {
  const n = normaliseSiret(value);
  if (!/^\d{14}$/.test(n)) return false;
  if (n.startsWith(LA_POSTE_SIREN) && n !== LA_POSTE_HEAD_OFFICE_SIRET) return digitSum(n) % 5 === 0;
  return luhnValid(n) && isValidSiren(n.slice(0, 9));
}

/** True when the SIRET belongs to the SIREN (its first 9 digits). Spaces are ignored. */
export const siretMatchesSiren = (siret: string, siren: string): boolean =>
  normaliseSiret(siret).slice(0, 9) === normaliseSiren(siren);

/** The normalised SIREN, or a ValidationError naming `field`. */
export function siren(value: unknown, field = 'siren'): string {
  if (typeof value !== 'string') throw invalid(field, 'is required');
  const n = normaliseSiren(value);
  if (!/^\d{9}$/.test(n)) throw invalid(field, 'must be 9 digits');
  if (!isValidSiren(n)) throw invalid(field, 'is not a valid SIREN (check digit)');
  return n;
}

/** The normalised SIRET, or a ValidationError naming `field`. */
export function siret(value: unknown, field = 'siret'): string {
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  const n = normaliseSiret(value);
  if (!/^\d{14}$/.test(n)) throw invalid(field, 'must be 14 digits');
  if (!isValidSiret(n)) throw invalid(field, 'is not a valid SIRET (check digit)');
  return n;
}
