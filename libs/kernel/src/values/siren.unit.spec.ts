import { ValidationError } from '../errors';
import { isValidSiren, isValidSiret, luhnValid, normaliseSiren, siren, siret, siretMatchesSiren } from './siren';

describe('luhnValid', () => {
  it.each([
    ['79927398713', true],
    ['79927398710', false],
    ['0', true],
  ])('%s -> %s', (digits, expected) => expect(luhnValid(digits)).toBe(expected));
});

describe('isValidSiren', () => {
  it.each(['732829320', '443061841', '356000000', '552100554', '542065479', '732 829 320', ' 443 061 841 '])(
    'accepts %p',
    (s) => expect(isValidSiren(s)).toBe(true),
  );

  it.each([
    ['wrong check digit', '732829321'],
    ['wrong check digit', '123456789'],
    ['8 digits', '73282932'],
    ['10 digits', '7328293200'],
    ['letters', '73282932A'],
    ['SIRET given', '73282932000074'],
    ['empty', ''],
    ['dashes are not spaces', '732-829-320'],
  ])('refuses %s (%p)', (_why, s) => expect(isValidSiren(s)).toBe(false));
});

describe('isValidSiret', () => {
  it.each(['73282932000074', '44306184100047', '732 829 320 00074'])('accepts %p', (s) =>
    expect(isValidSiret(s)).toBe(true),
  );

  it.each([
    ['wrong check digit', '73282932000075'],
    ['13 digits', '7328293200007'],
    ['15 digits', '732829320000740'],
    ['letters', '7328293200007A'],
    ['a SIREN', '732829320'],
  ])('refuses %s (%p)', (_why, s) => expect(isValidSiret(s)).toBe(false));

  it('refuses a Luhn-valid SIRET whose SIREN part is invalid', () => {
    // 123456789 fails Luhn as a SIREN; 12345678900007 passes Luhn as a 14-digit number.
    expect(luhnValid('12345678900007')).toBe(true);
    expect(isValidSiret('12345678900007')).toBe(false);
  });

  describe('La Poste exception (SIREN 356000000)', () => {
    it('accepts the head office 35600000000048 (Luhn)', () => expect(isValidSiret('35600000000048')).toBe(true));

    it('accepts an establishment whose digit sum is a multiple of 5 though it fails Luhn', () => {
      expect(luhnValid('35600000049837')).toBe(false);
      expect(isValidSiret('35600000049837')).toBe(true);
    });

    it('refuses an establishment whose digit sum is not a multiple of 5', () => {
      expect(isValidSiret('35600000012345')).toBe(false);
      expect(isValidSiret('35600000000013')).toBe(false);
    });

    it('refuses an establishment that passes Luhn but not the digit-sum rule', () => {
      expect(luhnValid('35600000000055')).toBe(true);
      expect(isValidSiret('35600000000055')).toBe(false);
    });
  });
});

describe('siretMatchesSiren', () => {
  it('matches when the SIRET starts with the SIREN, spaces ignored', () => {
    expect(siretMatchesSiren('73282932000074', '732829320')).toBe(true);
    expect(siretMatchesSiren('732 829 320 00074', '732 829 320')).toBe(true);
  });
  it('does not match another SIREN', () => expect(siretMatchesSiren('73282932000074', '443061841')).toBe(false));
});

describe('siren() / siret() checks', () => {
  it('normalise', () => {
    expect(normaliseSiren(' 732 829\t320 ')).toBe('732829320');
    expect(siren('732 829 320')).toBe('732829320');
    expect(siret('732 829 320 00074')).toBe('73282932000074');
  });

  it('throw a ValidationError naming the field', () => {
    let error: unknown;
    try {
      siren('732829321');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/^siren: /);
    expect((error as ValidationError).details).toEqual([{ field: 'siren', message: 'is not a valid SIREN (check digit)' }]);
  });

  it('tell a wrong length from a wrong check digit', () => {
    expect(() => siren('1234')).toThrow(/siren: must be 9 digits/);
    expect(() => siret('1234')).toThrow(/siret: must be 14 digits/);
    expect(() => siret('73282932000075')).toThrow(/siret: is not a valid SIRET/);
    expect(() => siren(undefined)).toThrow(/siren: is required/);
  });

  it('use the given field name', () => expect(() => siren('1', 'company.siren')).toThrow(/^company\.siren: /));
});
