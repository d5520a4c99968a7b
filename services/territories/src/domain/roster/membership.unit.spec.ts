import { ValidationError } from '@opn/kernel';
import { groups, membershipStatusAt, normaliseGroup, sameGroups } from './membership';

describe('membershipStatusAt', () => {
  const now = '2026-06-15T10:00:00.000Z';

  it('an admitted membership is lapsed once its last day is before today', () => {
    expect(membershipStatusAt({ status: 'admitted', validUntil: '2026-06-14' }, now)).toBe('lapsed');
    expect(membershipStatusAt({ status: 'admitted', validUntil: '2025-12-31' }, now)).toBe('lapsed');
  });

  it('is still admitted on its last day and before', () => {
    expect(membershipStatusAt({ status: 'admitted', validUntil: '2026-06-15' }, now)).toBe('admitted');
    expect(membershipStatusAt({ status: 'admitted', validUntil: '2026-06-15' }, '2026-06-15T23:59:59.999Z')).toBe('admitted');
    expect(membershipStatusAt({ status: 'admitted', validUntil: '2027-01-01' }, now)).toBe('admitted');
  });

  it('an open-ended membership never lapses', () => {
    expect(membershipStatusAt({ status: 'admitted' }, '2099-01-01T00:00:00.000Z')).toBe('admitted');
  });

  it('reads today in UTC', () => {
    expect(membershipStatusAt({ status: 'admitted', validUntil: '2026-06-14' }, '2026-06-15T00:30:00+02:00')).toBe('admitted');
  });

  it.each(['invited', 'applied', 'info_requested', 'refused', 'declined', 'withdrawn', 'exited'] as const)('keeps %s as it is, whatever the date', (status) => {
    expect(membershipStatusAt({ status, validUntil: '2020-01-01' }, now)).toBe(status);
  });
});

describe('groups', () => {
  it('trims, collapses inner whitespace, dedupes and sorts; case is kept', () => {
    expect(groups([' Sous-traitance ', 'Mécanique', 'Sous-traitance', 'Bureau  d’études', 'mécanique'])).toEqual([
      'Bureau d’études',
      'Mécanique',
      'Sous-traitance',
      'mécanique',
    ]);
    expect(normaliseGroup(' a\u00a0 b ')).toBe('a b');
  });

  it('accepts 60 characters and 20 groups', () => {
    expect(groups(['g'.repeat(60)])).toEqual(['g'.repeat(60)]);
    expect(groups(Array.from({ length: 20 }, (_, i) => `g${i}`))).toHaveLength(20);
    expect(groups([...Array.from({ length: 20 }, (_, i) => `g${i}`), 'g0'])).toHaveLength(20);
  });

  it.each([
    [['g'.repeat(61)], /^groups\[0\]: must be at most 60 characters$/],
    [['ok', '  '], /^groups\[1\]: must not be empty$/],
    [[1], /^groups\[0\]: must be a string$/],
    ['Mécanique', /^groups: must be a list of strings$/],
    [Array.from({ length: 21 }, (_, i) => `g${i}`), /^groups: must hold at most 20 groups$/],
  ])('refuses %p', (value, message) => {
    expect(() => groups(value)).toThrow(ValidationError);
    expect(() => groups(value)).toThrow(message);
  });

  it('sameGroups compares normalised lists', () => {
    expect(sameGroups(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameGroups(['a', 'b'], ['a'])).toBe(false);
    expect(sameGroups(['a', 'b'], ['a', 'c'])).toBe(false);
  });
});
