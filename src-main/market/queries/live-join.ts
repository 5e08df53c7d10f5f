/**
 * Joins a page of stored candles to the live (still open) bar the market
 * service holds, with no gap and no duplicate: the live bar replaces a
 * stored bar with the same bucket (the stored one may be a flush of the same
 * bucket from a moment ago, or a partial one from before a restart), and
 * bars are only ever in strictly ascending bucket order.
 */
import type { Candle } from '../../../src-shared/market/candle';

export function joinLiveBar(stored: readonly Candle[], live: Candle | null, before: number | undefined, limit: number): Candle[] {
  // Sorted and de-duplicated defensively: the join is only right on a strictly ascending page.
  const bars = [...stored].sort((a, b) => a.bucket - b.bucket).filter((bar, i, all) => i === 0 || all[i - 1]?.bucket !== bar.bucket);
  if (!live || (before !== undefined && live.bucket >= before)) return bars.slice(-limit);
  // A full page whose oldest bar is newer than the live one: the live bar belongs to an older page.
  const oldest = bars[0];
  if (bars.length >= limit && oldest !== undefined && live.bucket < oldest.bucket) return bars.slice(-limit);
  const at = bars.findIndex((bar) => bar.bucket >= live.bucket);
  if (at === -1) bars.push(live);
  else if (bars[at]?.bucket === live.bucket) bars[at] = live;
  else bars.splice(at, 0, live);
  return bars.slice(-limit);
}
