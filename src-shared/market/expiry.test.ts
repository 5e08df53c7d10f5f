import { describe, expect, it } from 'vitest';
import { expiryCode, lastWeekdayOfMonth, monthlyExpiry, weeklyExpiry } from './expiry';
import { createNseCalendar } from './nse-session';

describe('expiries (Tuesday)', () => {
  it('finds the last Tuesday of a month', () => {
    expect(lastWeekdayOfMonth('2026-11-02', 2)).toBe('2026-11-24');
    expect(lastWeekdayOfMonth('2026-03-15', 2)).toBe('2026-03-31'); // month ending on a Tuesday
    expect(lastWeekdayOfMonth('2026-12-01', 2)).toBe('2026-12-29');
  });

  it('rolls to next month after the monthly expiry, not on it', () => {
    expect(monthlyExpiry('2026-11-21')).toBe('2026-11-24');
    expect(monthlyExpiry('2026-11-24')).toBe('2026-11-24');
    expect(monthlyExpiry('2026-11-25')).toBe('2026-12-29');
    expect(monthlyExpiry('2026-12-30')).toBe('2027-01-26');
  });

  it('moves an expiry on a holiday to the previous trading day', () => {
    const calendar = createNseCalendar({ holidays: ['2026-11-24'] });
    expect(monthlyExpiry('2026-11-21', calendar)).toBe('2026-11-23');
    expect(weeklyExpiry('2026-11-19', calendar)).toBe('2026-11-23');
    // On the Tuesday holiday itself the Monday expiry is past: next week's is current.
    expect(weeklyExpiry('2026-11-24', calendar)).toBe('2026-12-01');
  });

  it('finds the nearest weekly expiry on or after a day', () => {
    expect(weeklyExpiry('2026-11-21')).toBe('2026-11-24');
    expect(weeklyExpiry('2026-11-24')).toBe('2026-11-24');
    expect(weeklyExpiry('2026-11-25')).toBe('2026-12-01');
  });

  it('formats Kite-style expiry codes', () => {
    expect(expiryCode('2026-11-24', true)).toBe('26NOV');
    expect(expiryCode('2026-12-01', false)).toBe('26D01');
    expect(expiryCode('2027-01-05', false)).toBe('27105');
  });
});
