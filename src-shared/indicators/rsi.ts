/**
 * Wilder's RSI: average gain and average loss of close-to-close changes, each
 * seeded with the plain mean of the first `period` changes and then smoothed
 * with alpha = 1/period. The first value is at bar index `period` (it needs
 * `period` changes). RSI = 100 − 100 / (1 + avgGain/avgLoss); 100 when there
 * were no losses, and 50 when there was no movement at all — a flat market is
 * neither overbought nor oversold (TradingView would show 100 there).
 */
import { priceOf, type Bar, type PriceSource } from './bar';
import { runBatch, type Indicator } from './indicator';
import { createRmaCore } from './series-core';

export function createRsi(period = 14, source: PriceSource = 'close'): Indicator<number | null> {
  const gains = createRmaCore(period);
  const losses = createRmaCore(period);
  let count = 0;
  let previous = 0;
  const step = (bar: Bar, commit: boolean): number | null => {
    const x = priceOf(bar, source);
    let result: number | null = null;
    if (count > 0) {
      const change = x - previous;
      const gain = gains.step(change > 0 ? change : 0, commit);
      const loss = losses.step(change < 0 ? -change : 0, commit);
      if (gain !== null && loss !== null) {
        if (loss === 0) result = gain === 0 ? 50 : 100;
        else result = 100 - 100 / (1 + gain / loss);
      }
    }
    if (commit) {
      previous = x;
      count++;
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

export const rsi = (bars: readonly Bar[], period = 14, source: PriceSource = 'close') =>
  runBatch(createRsi(period, source), bars);
