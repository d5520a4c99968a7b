import { ValidationError } from '../errors';
import { NAF_DIVISIONS, isValidNafCode, nafCode, nafDivision, normaliseNafCode } from './naf';

describe('NAF_DIVISIONS', () => {
  it('holds the 88 divisions of NAF rev. 2', () => {
    expect(NAF_DIVISIONS).toHaveLength(88);
    expect(NAF_DIVISIONS[0]).toBe('01');
    expect(NAF_DIVISIONS[NAF_DIVISIONS.length - 1]).toBe('99');
  });
  it.each(['00', '04', '34', '40', '44', '48', '54', '57', '67', '76', '83', '89'])('has no division %s', (d) =>
    expect(NAF_DIVISIONS).not.toContain(d),
  );
});

describe('normaliseNafCode', () => {
  it.each([
    ['62.01Z', '62.01Z'],
    ['6201Z', '62.01Z'],
    ['6201z', '62.01Z'],
    [' 62.01 Z ', '62.01Z'],
    ['01.11Z', '01.11Z'],
    ['99.00Z', '99.00Z'],
    ['47.11F', '47.11F'],
    ['35.11Z', '35.11Z'],
  ])('%p -> %p', (input, expected) => expect(normaliseNafCode(input)).toBe(expected));

  it.each([
    ['unknown division 00', '00.00Z'],
    ['unknown division 04', '04.10Z'],
    ['unknown division 34', '34.10Z'],
    ['unknown division 40', '40.10Z'],
    ['unknown division 83', '83.10Z'],
    ['missing letter', '62.01'],
    ['two letters', '62.01ZZ'],
    ['wrong separator', '62-01Z'],
    ['too few digits', '6.201Z'],
    ['empty', ''],
  ])('refuses %s (%p)', (_why, input) => {
    expect(normaliseNafCode(input)).toBeUndefined();
    expect(isValidNafCode(input)).toBe(false);
  });
});

describe('nafDivision', () => {
  it('is the first two digits', () => {
    expect(nafDivision('62.01Z')).toBe('62');
    expect(nafDivision('0111Z')).toBe('01');
  });
});

describe('nafCode()', () => {
  it('returns the normalised code', () => expect(nafCode('7022z')).toBe('70.22Z'));
  it('explains a bad shape', () => expect(() => nafCode('IT')).toThrow(/nafCode: must look like 62.01Z/));
  it('explains an unknown division', () => {
    let error: unknown;
    try {
      nafCode('40.10Z');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      { field: 'nafCode', message: 'division 40 does not exist in NAF rev. 2' },
    ]);
  });
  it('refuses a non-string', () => expect(() => nafCode(6201)).toThrow(/nafCode: is required/));
});
