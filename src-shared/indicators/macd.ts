/**
 * MACD (Appel): fast EMA − slow EMA of the close, its signal line an EMA of the
 * MACD itself, histogram = MACD − signal. The EMAs are SMA-seeded (see
 * moving-averages.ts), so with 12/26/9 the MACD starts at bar 25 and the
 * signal at bar 33 (zero-based); before the signal exists it is null.
 */
import { priceOf, type Bar, type PriceSource } from './bar';
import { runBatch, type Indicator } from './indicator';
import { createEmaCore } from './series-core';

export interface MacdValue {
  macd: number;
  signal: number | null;
  histogram: number | null;
}

export interface MacdOptions {
  fast?: number;
  slow?: number;
  signal?: number;
  source?: PriceSource;
}

export function createMacd(options: MacdOptions = {}): Indicator<MacdValue | null> {
  const { fast = 12, slow = 26, signal = 9, source = 'close' } = options;
  if (fast >= slow) throw new RangeError(`MACD: fast (${fast}) must be shorter than slow (${slow})`);
  const fastEma = createEmaCore(fast);
  const slowEma = createEmaCore(slow);
  const signalEma = createEmaCore(signal);
  let count = 0;
  const step = (bar: Bar, commit: boolean): MacdValue | null => {
    const x = priceOf(bar, source);
    const f = fastEma.step(x, commit);
    const s = slowEma.step(x, commit);
    if (commit) count++;
    if (f === null || s === null) return null;
    const macd = f - s;
    const sig = signalEma.step(macd, commit);
    return { macd, signal: sig, histogram: sig === null ? null : macd - sig };
  };
  return {
    get length() {
      return count;
    },
    push: (bar) => step(bar, true),
    update: (bar) => step(bar, false),
  };
}

export const macd = (bars: readonly Bar[], options: MacdOptions = {}) => runBatch(createMacd(options), bars);
