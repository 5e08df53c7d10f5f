/**
 * Candle timeframes and their IST-aligned buckets. Buckets are aligned to IST
 * midnight: for 1s…15m that is the same as UTC alignment (05:30 is a whole
 * number of 15 minutes), but 1h buckets start at :30 UTC (09:00 IST = 03:30
 * UTC) and a 1d bucket starts at 00:00 IST (18:30 UTC the day before).
 * Shared so the chart joins history and the live bar on the same edges.
 */
import { DAY_MS, IST_OFFSET_MS } from './ist-calendar';

export const TIMEFRAMES = ['1s', '1m', '5m', '15m', '1h', '1d'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = {
  '1s': 1_000,
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '1d': DAY_MS,
};

export function isTimeframe(value: unknown): value is Timeframe {
  return typeof value === 'string' && (TIMEFRAMES as readonly string[]).includes(value);
}

/** Start (epoch ms) of the IST-aligned bucket holding `ts`. */
export function bucketStart(ts: number, timeframe: Timeframe): number {
  const size = TIMEFRAME_MS[timeframe];
  return Math.floor((ts + IST_OFFSET_MS) / size) * size - IST_OFFSET_MS;
}

/** Exclusive end of the bucket that starts at `bucket`. IST has no DST, so every day is 24 h. */
export function bucketEnd(bucket: number, timeframe: Timeframe): number {
  return bucket + TIMEFRAME_MS[timeframe];
}
