import { SIZE_BANDS, isSizeBand, sizeBand } from './size-band';

describe('size bands', () => {
  it('are the six bands, smallest first', () =>
    expect(SIZE_BANDS).toEqual(['0', '1-9', '10-49', '50-249', '250-4999', '5000+']));
  it.each(SIZE_BANDS)('accepts %p', (b) => expect(sizeBand(b)).toBe(b));
  it.each(['1-10', '250+', '', 0, null, undefined])('refuses %p', (b) => {
    expect(isSizeBand(b)).toBe(false);
    expect(() => sizeBand(b)).toThrow(/^sizeBand: must be one of 0, 1-9, 10-49, 50-249, 250-4999, 5000\+$/);
  });
});
