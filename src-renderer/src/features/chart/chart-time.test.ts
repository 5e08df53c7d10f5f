import { TickMarkType, type UTCTimestamp } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import { istBarTime, istTickMark, toChartTime } from './chart-time';

// 2026-11-20 09:15:00 IST = 03:45:00 UTC.
const open = Date.UTC(2026, 10, 20, 3, 45);
const at = (ms: number) => toChartTime(ms) as UTCTimestamp;

describe('chart time in IST', () => {
  it('labels axis ticks in IST, not UTC', () => {
    expect(istTickMark(at(open), TickMarkType.Time)).toBe('09:15');
    expect(istTickMark(at(open + 30_000), TickMarkType.TimeWithSeconds)).toBe('09:15:30');
    expect(istTickMark(at(open), TickMarkType.DayOfMonth)).toBe('20 Nov');
    expect(istTickMark(at(open), TickMarkType.Month)).toBe('Nov 26');
    expect(istTickMark(at(open), TickMarkType.Year)).toBe('2026');
  });

  it('puts a 1d bucket (00:00 IST = 18:30 UTC the day before) on its IST day', () => {
    const dayBucket = Date.UTC(2026, 10, 19, 18, 30);
    expect(istTickMark(at(dayBucket), TickMarkType.DayOfMonth)).toBe('20 Nov');
    expect(istBarTime(dayBucket, '1d')).toBe('20 Nov 2026');
  });

  it('shows bar times as precise as the timeframe', () => {
    expect(istBarTime(open, '1m')).toBe('20 Nov 2026 09:15 IST');
    expect(istBarTime(open + 7_000, '1s')).toBe('20 Nov 2026 09:15:07 IST');
  });

  it('refuses business-day times it never hands out', () => {
    expect(istTickMark('2026-11-20', TickMarkType.DayOfMonth)).toBeNull();
  });
});
