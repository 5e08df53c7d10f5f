/**
 * EMA crossover (fast 9 / slow 21 on closes, SMA-seeded EMAs as in
 * indicators/). The crossing rule: the fast EMA's side of the slow one is
 * +1 above, −1 below, 0 level; a signal fires on the bar where the side
 * becomes the opposite of the last non-zero side — BUY on −1 → +1, SELL on
 * +1 → −1. Touching (side 0) and going back is no cross, touching and going
 * through is one, counted on the bar that goes through. The first side ever
 * seen is no signal: there was no cross, only a start.
 *
 * Confidence: how decisively the crossing bar closed beyond the slow EMA,
 * |close − slow| / ATR(14), capped at 1 (a close a whole average range
 * beyond it is as decisive as it gets; ATR 0 counts as decisive).
 * No stop or target: the strategy chooses them (e.g. from the ATR).
 */
import type { Bar } from '../indicators/bar';
import { createAtr } from '../indicators/atr';
import { runBatch, type Indicator } from '../indicators/indicator';
import { createEmaCore } from '../indicators/series-core';
import { clamp01, type Signal } from './signal';

export type Side = -1 | 0 | 1;

export interface EmaCrossoverOptions {
  fast?: number;
  slow?: number;
  /** ATR period of the confidence. */
  atrPeriod?: number;
}

export interface EmaCrossSignal extends Signal {
  fast: number;
  slow: number;
}

/** The crossing rule alone: the new last non-zero side, and whether this bar crossed. */
export function crossing(lastSide: Side, fast: number, slow: number): { side: Side; crossed: boolean } {
  const now: Side = fast > slow ? 1 : fast < slow ? -1 : 0;
  if (now === 0) return { side: lastSide, crossed: false };
  return { side: now, crossed: lastSide !== 0 && now !== lastSide };
}

export function createEmaCrossover(options: EmaCrossoverOptions = {}): Indicator<EmaCrossSignal | null> {
  const { fast = 9, slow = 21, atrPeriod = 14 } = options;
  if (fast >= slow) throw new RangeError(`EMA crossover: fast (${fast}) must be shorter than slow (${slow})`);
  const fastEma = createEmaCore(fast);
  const slowEma = createEmaCore(slow);
  const atr = createAtr(atrPeriod);
  let count = 0;
  let lastSide: Side = 0;
  const step = (bar: Bar, commit: boolean): EmaCrossSignal | null => {
    const f = fastEma.step(bar.close, commit);
    const s = slowEma.step(bar.close, commit);
    const range = commit ? atr.push(bar) : atr.update(bar);
    if (commit) count++;
    if (f === null || s === null) return null;
    const { side, crossed } = crossing(lastSide, f, s);
    if (commit) lastSide = side;
    if (!crossed) return null;
    const beyond = Math.abs(bar.close - s);
    const confidence = range === null || range === 0 ? 1 : clamp01(beyond / range);
    return { action: side === 1 ? 'BUY' : 'SELL', confidence, time: bar.time, price: bar.close, stopLoss: null, target: null, fast: f, slow: s };
  };
  return {
    get length() {
      return count;
    },
    push: (bar) => step(bar, true),
    update: (bar) => step(bar, false),
  };
}

export const emaCrossoverSignals = (bars: readonly Bar[], options: EmaCrossoverOptions = {}) =>
  runBatch(createEmaCrossover(options), bars);
