/** Small fixtures for indicator tests: bars one day apart from plain numbers. */
import type { Bar } from '../indicators/bar';
import { istInstant } from '../market/ist-calendar';

const DAY = 86_400_000;
const START = istInstant('2026-01-05', 9 * 60 + 15);

export function barsFromCloses(closes: readonly number[]): Bar[] {
  return closes.map((c, i) => ({ time: START + i * DAY, open: c, high: c, low: c, close: c, volume: 0 }));
}

export function barsFromHlc(high: readonly number[], low: readonly number[], close: readonly number[]): Bar[] {
  return close.map((c, i) => ({
    time: START + i * DAY,
    open: c,
    high: high[i] as number,
    low: low[i] as number,
    close: c,
    volume: 0,
  }));
}
