/**
 * The shape every incremental calculator shares. A live chart pushes each bar
 * once it closes and calls `update` on every tick of the bar still forming;
 * `update` must leave the state exactly as it was, so the value a bar shows
 * while forming and the value it keeps once pushed come from the same
 * arithmetic. Every method is O(1): no re-scan of past bars.
 */
import type { Bar } from './bar';

export interface Indicator<Out> {
  /** Commits a closed bar; returns the indicator's value at that bar. */
  push(bar: Bar): Out;
  /** The value the indicator would have if `bar` closed now. Commits nothing. */
  update(bar: Bar): Out;
  /** Bars committed so far. */
  readonly length: number;
}

/**
 * Batch form: the values at every bar. It folds the incremental calculator on
 * purpose, so a chart that loads history in batch and then goes live shows
 * the same numbers, bit for bit, as one that saw every bar live.
 */
export function runBatch<Out>(indicator: Indicator<Out>, bars: readonly Bar[]): Out[] {
  const out = new Array<Out>(bars.length);
  for (let i = 0; i < bars.length; i++) out[i] = indicator.push(bars[i] as Bar);
  return out;
}

export function assertPeriod(period: number, what = 'period'): number {
  if (!Number.isSafeInteger(period) || period < 1) throw new RangeError(`${what} must be a whole number ≥ 1, got ${period}`);
  return period;
}
