import { describe, expect, it } from 'vitest';
import { formatIsoAsIst, formatIstDate, formatIstDateTime, formatIstDay, formatIstStamp, formatIstTime } from './ist-time';

// 2026-11-20 09:15:00 IST = 03:45:00 UTC; 23:59:59 IST on the 20th is still the 20th.
const open = Date.UTC(2026, 10, 20, 3, 45, 0);
const lastSecond = Date.UTC(2026, 10, 20, 18, 29, 59);

describe('IST on screen', () => {
  it('times in IST, and dates in the Indian order', () => {
    expect(formatIsoAsIst('2026-11-20T03:45:00.000Z')).toBe('20-11-2026 09:15:00 IST');
    expect(formatIsoAsIst(null)).toBe('—');
    expect(formatIsoAsIst('not a time')).toBe('not a time');
  });

  it('puts the day first and keeps the IST calendar day whatever the machine zone', () => {
    expect(formatIstDate(open)).toBe('20-11-2026');
    expect(formatIstDate(lastSecond)).toBe('20-11-2026');
    expect(formatIstDate(lastSecond + 1000)).toBe('21-11-2026');
    expect(formatIstStamp(new Date(open))).toBe('20-11-2026 09:15:00');
    expect(formatIstDateTime(lastSecond)).toBe('20-11-2026 23:59:59 IST');
    expect(formatIstTime(open)).toBe('09:15:00');
  });

  it('turns a contract day around and leaves anything else alone', () => {
    expect(formatIstDay('2026-12-29')).toBe('29-12-2026');
    expect(formatIstDay('')).toBe('');
    expect(formatIstDay('29-12-2026')).toBe('29-12-2026');
  });
});
