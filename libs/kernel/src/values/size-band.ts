import { invalid } from './validation';

/** Headcount band of a company (INSEE "tranche d'effectif", grouped). */
export type SizeBand = '0' | '1-9' | '10-49' | '50-249' | '250-4999' | '5000+';
export const SIZE_BANDS: readonly SizeBand[] = ['0', '1-9', '10-49', '50-249', '250-4999', '5000+'];

export const isSizeBand = (value: unknown): value is SizeBand =>
  (SIZE_BANDS as readonly unknown[]).includes(value);

export function sizeBand(value: unknown, field = 'sizeBand'): SizeBand {
  if (!isSizeBand(value)) throw invalid(field, `must be one of ${SIZE_BANDS.join(', ')}`);
  return value;
}
