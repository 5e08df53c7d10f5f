import { describe, expect, it } from 'vitest';
import { formatDuration, formatMs, formatSince } from './duration';

describe('durations', () => {
  it('durations in two units at most', () => {
    expect(formatDuration(9)).toBe('9s');
    expect(formatDuration(252)).toBe('4m 12s');
    expect(formatDuration(7530)).toBe('2h 05m');
    expect(formatDuration(3 * 86_400 + 4 * 3_600 + 59)).toBe('3d 4h');
    expect(formatDuration(-1)).toBe('—');
  });

  it('milliseconds', () => {
    expect(formatMs(0.4213)).toBe('0.42 ms');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(123456.7)).toBe('1,23,457 ms');
    expect(formatMs(null)).toBe('—');
  });

  it('ages from the server clock', () => {
    expect(formatSince('2026-11-20T05:50:00.000Z', '2026-11-20T05:50:30.000Z')).toBe('30s');
    expect(formatSince(null, '2026-11-20T05:50:30.000Z')).toBe('—');
  });
});
