import { ValidationError } from '@opn/kernel';
import { ISO_COUNTRY_CODES, address, coordinates } from './address';

const detailsOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).details;
  }
  throw new Error('expected a ValidationError');
};

describe('address', () => {
  it('normalises a French address', () => {
    expect(
      address({ line1: ' 12 rue de la Paix ', line2: '  ', postalCode: '75 002', city: ' Paris ', country: 'fr' }),
    ).toEqual({ line1: '12 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' });
  });

  it('keeps a non-empty line2', () => {
    expect(address({ line1: 'ZI Nord', line2: 'Bâtiment B', postalCode: '69100', city: 'Villeurbanne', country: 'FR' })).toEqual(
      { line1: 'ZI Nord', line2: 'Bâtiment B', postalCode: '69100', city: 'Villeurbanne', country: 'FR' },
    );
  });

  it('accepts foreign postal codes of other shapes', () => {
    expect(address({ line1: '10 Downing St', postalCode: 'sw1a 2aa', city: 'London', country: 'GB' }).postalCode).toBe('SW1A 2AA');
    expect(address({ line1: 'Rue Neuve 1', postalCode: '1000', city: 'Bruxelles', country: 'BE' }).postalCode).toBe('1000');
  });

  it.each(['7500', '750021', '2A004', 'ABCDE'])('refuses the French postal code %p', (postalCode) => {
    expect(detailsOf(() => address({ line1: 'x', postalCode, city: 'Paris', country: 'FR' }))).toEqual([
      { field: 'address.postalCode', message: 'must be 5 digits in France' },
    ]);
  });

  it.each(['XX', 'FRA', 'UK', 'EU', '', 'F'])('refuses the country %p', (country) => {
    expect(detailsOf(() => address({ line1: 'x', postalCode: '1000', city: 'y', country }))).toEqual([
      { field: 'address.country', message: 'must be an ISO 3166-1 alpha-2 code such as FR' },
    ]);
  });

  it('reports every bad field at once', () => {
    expect(detailsOf(() => address({ line1: '', postalCode: '1', city: '', country: 'FR' }))).toEqual([
      { field: 'address.line1', message: 'must not be empty' },
      { field: 'address.city', message: 'must not be empty' },
      { field: 'address.postalCode', message: 'must be 5 digits in France' },
    ]);
  });

  it('refuses a missing address', () => expect(() => address(undefined)).toThrow(/^address: is required$/));

  it('knows the 249 ISO 3166-1 codes', () => {
    expect(ISO_COUNTRY_CODES.size).toBe(249);
    for (const c of ['FR', 'DE', 'BE', 'CH', 'LU', 'MC', 'GP', 'RE', 'NC', 'US', 'GB', 'SS', 'CW']) {
      expect(ISO_COUNTRY_CODES.has(c)).toBe(true);
    }
  });
});

describe('coordinates', () => {
  it('accepts the bounds', () => {
    expect(coordinates({ lat: 48.8566, lon: 2.3522 })).toEqual({ lat: 48.8566, lon: 2.3522 });
    expect(coordinates({ lat: -90, lon: 180 })).toEqual({ lat: -90, lon: 180 });
    expect(coordinates({ lat: 90, lon: -180 })).toEqual({ lat: 90, lon: -180 });
  });

  it('refuses out-of-range or non-numeric values, naming each', () => {
    expect(detailsOf(() => coordinates({ lat: 90.1, lon: -180.5 }))).toEqual([
      { field: 'coordinates.lat', message: 'must be a number between -90 and 90' },
      { field: 'coordinates.lon', message: 'must be a number between -180 and 180' },
    ]);
    expect(detailsOf(() => coordinates({ lat: '48', lon: Number.NaN }))).toHaveLength(2);
    expect(() => coordinates(null)).toThrow(/^coordinates: must be \{lat, lon\}$/);
  });
});
