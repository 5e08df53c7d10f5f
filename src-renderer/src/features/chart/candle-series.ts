/**
 * The chart's bars as data: history pages and live candles joined into one
 * strictly ascending list with no gap and no duplicate. Pure, so the join
 * rules are tested without a canvas; chart-controller.ts turns each step into
 * the matching lightweight-charts call (setData or update).
 */
import type { Candle } from '../../../../src-shared/market/candle';

/** Index of the bar with this bucket, or -1 (binary search: the list is ascending). */
export function findBar(bars: readonly Candle[], bucket: number): number {
  let lo = 0;
  let hi = bars.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = bars[mid]?.bucket ?? 0;
    if (at === bucket) return mid;
    if (at < bucket) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export type LiveStep =
  /** A new bucket after the last bar: series.update appends it. */
  | { kind: 'append' }
  /** The bar of an existing bucket changed: series.update replaces it (historical when not the last). */
  | { kind: 'replace'; index: number; last: boolean }
  /** Older than the last bar and not in the list (a hole the next history page fills): left out. */
  | { kind: 'ignore' };

export function classifyLive(bars: readonly Candle[], candle: Candle): LiveStep {
  const last = bars[bars.length - 1];
  if (!last || candle.bucket > last.bucket) return { kind: 'append' };
  if (candle.bucket === last.bucket) return { kind: 'replace', index: bars.length - 1, last: true };
  const index = findBar(bars, candle.bucket);
  return index === -1 ? { kind: 'ignore' } : { kind: 'replace', index, last: false };
}

/** Applies a live candle to the list in place; answers what changed so the caller can mirror it. */
export function applyLive(bars: Candle[], candle: Candle): LiveStep {
  const step = classifyLive(bars, candle);
  if (step.kind === 'append') bars.push(candle);
  else if (step.kind === 'replace') bars[step.index] = candle;
  return step;
}

/**
 * An older page in front of what is shown. Bars of the page at or after the
 * first shown bar are dropped: the shown ones are newer (they may carry
 * live updates the stored copy lacks).
 */
export function prependOlder(bars: readonly Candle[], older: readonly Candle[]): Candle[] {
  const first = bars[0];
  const kept = first ? older.filter((bar) => bar.bucket < first.bucket) : [...older];
  kept.sort((a, b) => a.bucket - b.bucket);
  return [...kept.filter((bar, i) => i === 0 || kept[i - 1]?.bucket !== bar.bucket), ...bars];
}

/**
 * The first page joined to the live candles that arrived while it loaded
 * (pushes do not wait for the answer): each is applied in arrival order, so
 * the newest state of the forming bar wins.
 */
export function joinBuffered(history: readonly Candle[], buffered: readonly Candle[]): Candle[] {
  const bars = [...history];
  for (const candle of buffered) applyLive(bars, candle);
  return bars;
}
