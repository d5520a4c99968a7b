import { ValidationError } from '../errors';
import { dateOf, daysBetween, isLocalDate, localDate, localDateNotAfterToday } from './dates';

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

  it('refuses a date after the date of now, whatever the hour', () => {
    expect(localDateNotAfterToday('2026-11-30', 'on', '2026-11-30T00:00:00.000Z')).toBe('2026-11-30');
    expect(localDateNotAfterToday('2026-01-01', 'on', '2026-11-30T23:59:59.000Z')).toBe('2026-01-01');
    expect(() => localDateNotAfterToday('2026-12-01', 'on', '2026-11-30T23:59:59.000Z')).toThrow(/^on: must not be in the future$/);
    expect(() => localDateNotAfterToday('2026-13-01', 'on', '2026-11-30T12:00:00.000Z')).toThrow(/^on: must be a date/);
    // a bad now is the caller's field to report
    expect(localDateNotAfterToday('2099-01-01', 'on', 'soon')).toBe('2099-01-01');
  });
});
