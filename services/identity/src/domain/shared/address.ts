import { invalid, optionalText, requiredText, validateFields } from '@opn/kernel';

export interface Address {
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2, uppercase ("FR"). */
  country: string;
}

/** WGS 84 position. */
export interface Coordinates {
  lat: number;
  lon: number;
}

/** The 249 officially assigned ISO 3166-1 alpha-2 codes. */
export const ISO_COUNTRY_CODES: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ ' +
    'BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ ' +
    'DE DJ DK DM DO DZ ' +
    'EC EE EG EH ER ES ET ' +
    'FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY ' +
    'HK HM HN HR HT HU ' +
    'ID IE IL IM IN IO IQ IR IS IT ' +
    'JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ ' +
    'LA LB LC LI LK LR LS LT LU LV LY ' +
    'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ ' +
    'NA NC NE NF NG NI NL NO NP NR NU NZ ' +
    'OM ' +
    'PA PE PF PG PH PK PL PM PN PR PS PT PW PY ' +
    'QA ' +
    'RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ ' +
    'TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ ' +
    'UA UG UM US UY UZ ' +
    'VA VC VE VG VI VN VU ' +
    'WF WS ' +
    'YE YT ' +
    'ZA ZM ZW'
  ).split(' '),
);

export const isCountryCode = (value: unknown): value is string =>
  typeof value === 'string' && ISO_COUNTRY_CODES.has(value);

const postalCode = (value: unknown, country: string | undefined, field: string): string => {
  if (typeof value !== 'string') throw invalid(field, 'is required');
  if (country === 'FR') {
    const code = value.replace(/\s+/g, '');
    if (!/^\d{5}$/.test(code)) throw invalid(field, 'must be 5 digits in France');
    return code;
  }
  const code = value.trim().replace(/\s+/g, ' ').toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9 -]{0,15}$/.test(code)) throw invalid(field, 'must be 1 to 16 letters, digits, spaces or dashes');
  return code;
};

/**
 * Checks and normalises a postal address: trimmed lines, country uppercased and checked against
 * ISO 3166-1, French postal codes as 5 digits, an empty line2 dropped. Reports every bad field.
 */
export function address(value: unknown, field = 'address'): Address {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(field, 'is required');
  const a = value as Record<string, unknown>;
  const countryOf = (): string => {
    const c = typeof a.country === 'string' ? a.country.trim().toUpperCase() : '';
    if (!isCountryCode(c)) throw invalid(`${field}.country`, 'must be an ISO 3166-1 alpha-2 code such as FR');
    return c;
  };
  let country: string | undefined;
  const checked = validateFields({
    line1: () => requiredText(a.line1, `${field}.line1`, 200),
    line2: () => optionalText(a.line2 ?? undefined, `${field}.line2`, 200),
    city: () => requiredText(a.city, `${field}.city`, 120),
    country: () => (country = countryOf()),
    postalCode: () => postalCode(a.postalCode, country, `${field}.postalCode`),
  });
  return {
    line1: checked.line1,
    ...(checked.line2 ? { line2: checked.line2 } : {}),
    postalCode: checked.postalCode,
    city: checked.city,
    country: checked.country,
  };
}

/** Checks latitude -90..90 and longitude -180..180. */
export function coordinates(value: unknown, field = 'coordinates'): Coordinates {
  if (typeof value !== 'object' || value === null) throw invalid(field, 'must be {lat, lon}');
  const { lat, lon } = value as Record<string, unknown>;
  return validateFields({
    lat: () => {
      if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
        throw invalid(`${field}.lat`, 'must be a number between -90 and 90');
      }
      return lat;
    },
    lon: () => {
      if (typeof lon !== 'number' || !Number.isFinite(lon) || lon < -180 || lon > 180) {
        throw invalid(`${field}.lon`, 'must be a number between -180 and 180');
      }
      return lon;
    },
  });
}
