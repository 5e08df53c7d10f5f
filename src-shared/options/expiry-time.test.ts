import { describe, expect, it } from 'vitest';
import { expiryInstant, yearsToExpiry } from './index';

describe('time to expiry (ACT/365 to 15:30 IST)', () => {
  it('expires at 15:30 IST, which is 10:00 UTC', () => {
    expect(new Date(expiryInstant('2026-03-30')).toISOString()).toBe('2026-03-30T10:00:00.000Z');
  });

  it('one calendar day before the close is 1/365 of a year; a week is 7/365', () => {
    expect(yearsToExpiry(Date.parse('2026-03-29T10:00:00Z'), '2026-03-30')).toBe(1 / 365);
    expect(yearsToExpiry(Date.parse('2026-03-23T10:00:00Z'), '2026-03-30')).toBeCloseTo(7 / 365, 15);
  });

  it('counts weekends: from Friday 15:30 IST to Tuesday 15:30 IST is 4 days', () => {
    expect(yearsToExpiry(Date.parse('2026-11-20T10:00:00Z'), '2026-11-24')).toBeCloseTo(4 / 365, 15);
  });

  it('on expiry day at 09:15 IST, 6 h 15 min remain; at and after the close, none', () => {
    expect(yearsToExpiry(Date.parse('2026-03-30T03:45:00Z'), '2026-03-30')).toBeCloseTo(6.25 / (24 * 365), 15);
    expect(yearsToExpiry(expiryInstant('2026-03-30'), '2026-03-30')).toBe(0);
    expect(yearsToExpiry(Date.parse('2026-03-31T00:00:00Z'), '2026-03-30')).toBe(0);
  });

  it('takes another close time (a special session) as HH:MM IST', () => {
    expect(yearsToExpiry(Date.parse('2026-03-30T09:00:00Z'), '2026-03-30', '15:00')).toBeCloseTo(0.5 / (24 * 365), 15);
    expect(() => yearsToExpiry(0, '2026-02-30')).toThrow(RangeError);
  });
});
