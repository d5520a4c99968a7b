import { ValidationError } from '@opn/kernel';
import { dateOf, daysBetween, isLocalDate, localDate } from './dates';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-1-01')).toBe(false);
    expect(isLocalDate('2026-01-01T00:00:00Z')).toBe(false);
    expect(isLocalDate(20260101)).toBe(false);
    expect(() => localDate('soon', 'deadline')).toThrow(ValidationError);
  });

  it('reads the date of an instant and counts days', () => {
    expect(dateOf('2026-11-30T23:59:59.000Z')).toBe('2026-11-30');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
  });
});
