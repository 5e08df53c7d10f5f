import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatIst, formatMs, formatPercent, formatSince } from './format';

describe('database panel formats', () => {
  it('durations in two units at most', () => {
    expect(formatDuration(9)).toBe('9s');
    expect(formatDuration(252)).toBe('4m 12s');
    expect(formatDuration(7530)).toBe('2h 05m');
    expect(formatDuration(3 * 86_400 + 4 * 3_600 + 59)).toBe('3d 4h');
    expect(formatDuration(-1)).toBe('—');
  });

  it('counts in Indian grouping, percentages and milliseconds', () => {
    expect(formatCount(1234567)).toBe('12,34,567');
    expect(formatCount(null)).toBe('—');
    expect(formatPercent(0.5)).toBe('50.0%');
    expect(formatPercent(0.99951)).toBe('99.95%');
    expect(formatPercent(null)).toBe('—');
    expect(formatMs(0.4213)).toBe('0.42 ms');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(123456.7)).toBe('1,23,457 ms');
  });

  it('times in IST, and ages from the server clock', () => {
    expect(formatIst('2026-11-20T03:45:00.000Z')).toBe('2026-11-20 09:15:00 IST');
    expect(formatIst(null)).toBe('—');
    expect(formatSince('2026-11-20T05:50:00.000Z', '2026-11-20T05:50:30.000Z')).toBe('30s');
  });
});
