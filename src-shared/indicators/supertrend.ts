/**
 * Supertrend, as TradingView's ta.supertrend computes it: bands at hl2 ± k ×
 * ATR (Wilder, see atr.ts); the upper band only moves down and the lower only
 * up, unless the previous close broke through them; the trend turns up when a
 * close goes above the upper band and down when one goes below the lower.
 * On the first bar with an ATR the trend is 'down' (TradingView's start).
 * `trend` is spelled out because TradingView's direction number is −1 for UP.
 */
import type { Bar } from './bar';
import { createAtr } from './atr';
import { runBatch, type Indicator } from './indicator';

export type Trend = 'up' | 'down';

export interface SupertrendValue {
  /** The line: the lower band in an uptrend, the upper band in a downtrend. */
  value: number;
  trend: Trend;
}

export interface SupertrendOptions {
  period?: number;
  multiplier?: number;
}

export function createSupertrend(options: SupertrendOptions = {}): Indicator<SupertrendValue | null> {
  const { period = 10, multiplier = 3 } = options;
  const atr = createAtr(period);
  let count = 0;
  let started = false;
  let previousClose = 0;
  let previousUpper = 0;
  let previousLower = 0;
  let previousTrend: Trend = 'down';
  const step = (bar: Bar, commit: boolean): SupertrendValue | null => {
    const range = commit ? atr.push(bar) : atr.update(bar);
    let result: SupertrendValue | null = null;
    let upper = 0;
    let lower = 0;
    if (range !== null) {
      const mid = (bar.high + bar.low) / 2;
      upper = mid + multiplier * range;
      lower = mid - multiplier * range;
      let trend: Trend = 'down';
      if (started) {
        if (!(upper < previousUpper || previousClose > previousUpper)) upper = previousUpper;
        if (!(lower > previousLower || previousClose < previousLower)) lower = previousLower;
        if (previousTrend === 'down') trend = bar.close > upper ? 'up' : 'down';
        else trend = bar.close < lower ? 'down' : 'up';
      }
      result = { value: trend === 'up' ? lower : upper, trend };
    }
    if (commit) {
      count++;
      previousClose = bar.close;
      if (result !== null) {
        started = true;
        previousUpper = upper;
        previousLower = lower;
        previousTrend = result.trend;
      }
    }
    return result;
  };
  return {
    get length() {
      return count;
    },
    push: (bar) => step(bar, true),
    update: (bar) => step(bar, false),
  };
}

export const supertrend = (bars: readonly Bar[], options: SupertrendOptions = {}) =>
  runBatch(createSupertrend(options), bars);
