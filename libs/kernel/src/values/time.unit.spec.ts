import { hasExpired, instant, isBefore, isIsoInstant } from './time';

describe('time', () => {
  it.each(['2025-01-31T09:00:00.000Z', '2025-01-31T09:00:00Z', '2025-01-31T10:00:00+01:00', '2025-01-31T09:00Z'])(
    'accepts the instant %p',
    (s) => expect(isIsoInstant(s)).toBe(true),
  );

  it.each(['2025-01-31', '2025-01-31T09:00:00', 'yesterday', '2025-13-01T00:00:00Z', 1738314000000])(
    'refuses %p',
    (s) => {
      expect(isIsoInstant(s)).toBe(false);
      expect(() => instant(s, 'now')).toThrow(/^now: must be an ISO 8601 instant/);
    },
  );

  it('compares across offsets', () => {
    expect(isBefore('2025-01-31T09:00:00Z', '2025-01-31T09:30:00+00:00')).toBe(true);
    expect(isBefore('2025-01-31T10:00:00+01:00', '2025-01-31T09:00:00Z')).toBe(false);
  });

  it('an expiry is reached at its exact instant', () => {
    expect(hasExpired('2025-01-31T09:00:00.000Z', '2025-01-31T08:59:59.999Z')).toBe(false);
    expect(hasExpired('2025-01-31T09:00:00.000Z', '2025-01-31T09:00:00.000Z')).toBe(true);
    expect(hasExpired('2025-01-31T09:00:00.000Z', '2025-02-01T00:00:00.000Z')).toBe(true);
  });
});
