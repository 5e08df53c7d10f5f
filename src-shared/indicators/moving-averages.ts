/** SMA and EMA of one price of each bar (close by default). */
import { priceOf, type Bar, type PriceSource } from './bar';
import { runBatch, type Indicator } from './indicator';
import { createEmaCore, createSmaCore, type SeriesCore } from './series-core';

function overSource(core: SeriesCore, source: PriceSource): Indicator<number | null> {
  return {
    get length() {
      return core.count;
    },
    push: (bar) => core.step(priceOf(bar, source), true),
    update: (bar) => core.step(priceOf(bar, source), false),
  };
}

/** Simple moving average; null for the first period − 1 bars. */
export function createSma(period: number, source: PriceSource = 'close'): Indicator<number | null> {
  return overSource(createSmaCore(period), source);
}

/**
 * Exponential moving average, alpha = 2/(period+1), seeded with the SMA of the
 * first `period` bars (StockCharts, TA-Lib); null before that. TradingView's
 * documented ta.ema starts from the first bar instead; the two converge after
 * a few periods, and a seeded EMA shows nothing rather than a value built on
 * two bars.
 */
export function createEma(period: number, source: PriceSource = 'close'): Indicator<number | null> {
  return overSource(createEmaCore(period), source);
}

export const sma = (bars: readonly Bar[], period: number, source: PriceSource = 'close') =>
  runBatch(createSma(period, source), bars);
export const ema = (bars: readonly Bar[], period: number, source: PriceSource = 'close') =>
  runBatch(createEma(period, source), bars);
