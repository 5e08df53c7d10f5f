import { describe, expect, it } from 'vitest';
import { bucketEnd, bucketStart, isTimeframe } from './timeframe';

const utc = (iso: string) => Date.parse(iso);

describe('IST-aligned buckets', () => {
  it('starts 1d buckets at 00:00 IST (18:30 UTC)', () => {
    expect(bucketStart(utc('2026-11-20T18:29:59.999Z'), '1d')).toBe(utc('2026-11-19T18:30:00Z'));
    expect(bucketStart(utc('2026-11-20T18:30:00.000Z'), '1d')).toBe(utc('2026-11-20T18:30:00Z'));
    expect(bucketEnd(utc('2026-12-31T18:30:00Z'), '1d')).toBe(utc('2027-01-01T18:30:00Z'));
  });

  it('starts 1h buckets on the IST hour, i.e. at :30 UTC', () => {
    // 09:15 IST → the 09:00 IST bucket = 03:30 UTC, not 03:00 UTC.
    expect(bucketStart(utc('2026-11-23T03:45:00Z'), '1h')).toBe(utc('2026-11-23T03:30:00Z'));
    expect(bucketStart(utc('2026-11-23T03:29:59.999Z'), '1h')).toBe(utc('2026-11-23T02:30:00Z'));
  });

  it('matches UTC alignment for minute multiples that divide 05:30', () => {
    const ts = utc('2026-11-23T03:47:12.345Z');
    expect(bucketStart(ts, '1s')).toBe(utc('2026-11-23T03:47:12Z'));
    expect(bucketStart(ts, '1m')).toBe(utc('2026-11-23T03:47:00Z'));
    expect(bucketStart(ts, '5m')).toBe(utc('2026-11-23T03:45:00Z'));
    expect(bucketStart(ts, '15m')).toBe(utc('2026-11-23T03:45:00Z'));
  });

  it('knows its timeframes', () => {
    expect(isTimeframe('15m')).toBe(true);
    expect(isTimeframe('2m')).toBe(false);
  });
});
