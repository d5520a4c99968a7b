import { ValidationError } from '../errors';
import { normaliseTag, tags } from './tags';

describe('tags', () => {
  it('trims, lowercases and collapses inner whitespace', () => {
    expect(normaliseTag('  Usinage   CNC\t5 axes ')).toBe('usinage cnc 5 axes');
    expect(tags([' Soudure TIG ', 'ÉLECTRONIQUE'], 'capabilities')).toEqual(['soudure tig', 'électronique']);
  });

  it('removes duplicates after normalisation, keeping the first occurrence order', () => {
    expect(tags(['b', 'A', ' a ', 'B', 'c'], 'offers')).toEqual(['b', 'a', 'c']);
  });

  it('accepts an empty list', () => expect(tags([], 'offers')).toEqual([]));

  it('accepts 60 characters and refuses 61', () => {
    expect(tags(['x'.repeat(60)], 'offers')).toEqual(['x'.repeat(60)]);
    expect(() => tags(['ok', 'x'.repeat(61)], 'offers')).toThrow(/^offers\[1\]: must be at most 60 characters$/);
  });

  it('refuses a blank tag', () => expect(() => tags(['ok', '   '], 'capabilities')).toThrow(/^capabilities\[1\]: must not be empty$/));

  it('accepts 50 distinct tags and refuses 51', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `t${i}`);
    expect(tags(fifty, 'capabilities')).toHaveLength(50);
    expect(() => tags([...fifty, 't50'], 'capabilities')).toThrow(/^capabilities: must hold at most 50 distinct tags$/);
  });

  it('counts tags after deduplication', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `t${i}`);
    expect(tags([...fifty, 'T0', ' t1 '], 'capabilities')).toHaveLength(50);
  });

  it('refuses what is not a list of strings', () => {
    expect(() => tags('cnc', 'capabilities')).toThrow(ValidationError);
    expect(() => tags([1], 'capabilities')).toThrow(/^capabilities\[0\]: must be a string$/);
  });
});
