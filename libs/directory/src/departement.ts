/**
 * The département of a French postal code: its first two digits, 2A/2B for Corsica (200xx-201xx
 * is Corse-du-Sud, 202xx-206xx Haute-Corse) and three digits overseas (971-976). Undefined for
 * a code that is not French (relations' stand-in for a company's territory until the territories
 * service publishes memberships).
 */
export function departementOfPostalCode(postalCode: string, country = 'FR'): string | undefined {
  if (country !== 'FR' || !/^[0-9]{5}$/.test(postalCode)) return undefined;
  if (postalCode.startsWith('97')) return /^97[1-6]/.test(postalCode) ? postalCode.slice(0, 3) : undefined;
  if (postalCode.startsWith('20')) return Number(postalCode.slice(2, 3)) <= 1 ? '2A' : '2B';
  if (postalCode.startsWith('00') || postalCode.startsWith('96') || postalCode.startsWith('98') || postalCode.startsWith('99')) return undefined;
  return postalCode.slice(0, 2);
}
