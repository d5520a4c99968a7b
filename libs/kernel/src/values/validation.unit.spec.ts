import { ValidationError } from '../errors';
import { invalid, optionalText, requiredText, sameJson, validateFields } from './validation';

describe('validation helpers', () => {
  it('invalid() names the field in the message and the details', () => {
    const e = invalid('legalName', 'must not be empty');
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe('legalName: must not be empty');
    expect(e.details).toEqual([{ field: 'legalName', message: 'must not be empty' }]);
  });

  it('validateFields returns checked values or all the errors', () => {
    expect(validateFields({ a: () => 1, b: () => 'x' })).toEqual({ a: 1, b: 'x' });
    let error: unknown;
    try {
      validateFields({
        a: () => {
          throw invalid('a', 'bad');
        },
        b: () => 2,
        c: () => {
          throw invalid('c', 'worse');
        },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe('a: bad; c: worse');
    expect((error as ValidationError).details).toEqual([
      { field: 'a', message: 'bad' },
      { field: 'c', message: 'worse' },
    ]);
  });

  it('validateFields lets other errors through', () => {
    expect(() =>
      validateFields({
        a: () => {
          throw new TypeError('boom');
        },
      }),
    ).toThrow(TypeError);
  });

  it('text checks trim and count characters', () => {
    expect(requiredText('  Société Générale  ', 'legalName', 200)).toBe('Société Générale');
    expect(requiredText('é'.repeat(3), 'x', 3)).toBe('ééé');
    expect(() => requiredText('abcd', 'x', 3)).toThrow(/^x: must be at most 3 characters$/);
    expect(() => requiredText('  ', 'x', 3)).toThrow(/^x: must not be empty$/);
    expect(() => requiredText(undefined, 'x', 3)).toThrow(/^x: is required$/);
    expect(optionalText(undefined, 'x', 3)).toBeUndefined();
    expect(optionalText('  ', 'x', 3)).toBe('');
  });

  it('sameJson compares plain values deeply, ignoring key order and undefined keys', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson([], {})).toBe(false);
  });
});
