/**
 * Average True Range (Wilder). True range = max(high − low, |high − prev
 * close|, |low − prev close|); the first bar, with no previous close, counts
 * high − low. ATR is Wilder's smoothing of it, seeded with the mean of the
 * first `period` true ranges, so the first value is at bar period − 1 — as
 * StockCharts' worked table and TradingView's ta.atr.
 */
import type { Bar } from './bar';
import { runBatch, type Indicator } from './indicator';
import { createRmaCore } from './series-core';

export function trueRange(bar: Bar, previousClose: number | null): number {
  const range = bar.high - bar.low;
  if (previousClose === null) return range;
  return Math.max(range, Math.abs(bar.high - previousClose), Math.abs(bar.low - previousClose));
}

export function createAtr(period = 14): Indicator<number | null> {
  const rma = createRmaCore(period);
  let previousClose: number | null = null;
  const step = (bar: Bar, commit: boolean): number | null => {
    const value = rma.step(trueRange(bar, previousClose), commit);
    if (commit) previousClose = bar.close;
    return value;
  };
  return {
    get length() {
      return rma.count;
    },
    push: (bar) => step(bar, true),
    update: (bar) => step(bar, false),
  };
}

export const atr = (bars: readonly Bar[], period = 14) => runBatch(createAtr(period), bars);
