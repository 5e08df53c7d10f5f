/**
 * Bollinger Bands: SMA ± k × standard deviation of the same window. The
 * deviation is the POPULATION one (divide by n), as TradingView's ta.bb (its
 * ta.stdev defaults to biased=true), StockCharts and TA-Lib compute it; the
 * sample one would widen 20-bar bands by √(20/19) ≈ 2.6 %.
 */
import { priceOf, type Bar, type PriceSource } from './bar';
import { runBatch, type Indicator } from './indicator';
import { createWindowStats } from './series-core';

export interface BollingerValue {
  middle: number;
  upper: number;
  lower: number;
}

export interface BollingerOptions {
  period?: number;
  multiplier?: number;
  source?: PriceSource;
}

export function createBollinger(options: BollingerOptions = {}): Indicator<BollingerValue | null> {
  const { period = 20, multiplier = 2, source = 'close' } = options;
  const stats = createWindowStats(period);
  const step = (bar: Bar, commit: boolean): BollingerValue | null => {
    if (!stats.step(priceOf(bar, source), commit)) return null;
    const middle = stats.mean;
    const width = multiplier * Math.sqrt(stats.variance);
    return { middle, upper: middle + width, lower: middle - width };
  };
  return {
    get length() {
      return stats.count;
    },
    push: (bar) => step(bar, true),
    update: (bar) => step(bar, false),
  };
}

export const bollinger = (bars: readonly Bar[], options: BollingerOptions = {}) => runBatch(createBollinger(options), bars);
