/**
 * Support and resistance from the last `lookback` bars (default 20), and the
 * bounce/rejection signal of the support/resistance built-in.
 *
 * Levels. A swing high is a bar whose high is above the previous bar's and
 * not below the next one's (the first and last bars of the window need only
 * the neighbour they have); the strict side makes a flat top of several bars
 * one touch, not several. Swing highs within `tolerance` (default 0.1 %) of
 * the lowest one of a group, taken greedily from the lowest, form one level
 * at the group's highest high; a level needs `minTouches` (default 2) swing
 * highs. Supports mirror this on the lows (the level is the group's lowest
 * low).
 *
 * Signal, on a bar against the levels of the `lookback` bars BEFORE it:
 * BUY when its low reaches a support's zone (low ≤ S·(1 + tolerance)) and it
 * closes above the support; SELL when its high reaches a resistance's zone
 * (high ≥ R·(1 − tolerance)) and it closes below it. The nearest such level
 * is used; a bar that does both is ambiguous and gives no signal. Stop just
 * beyond the zone (S·(1 − tolerance), R·(1 + tolerance)); target the nearest
 * opposite level, if any. Confidence = min(1, touches / 4): two touches 0.5,
 * three 0.75, four or more 1.
 */
import type { Bar } from '../indicators/bar';
import type { Indicator } from '../indicators/indicator';
import { assertPeriod } from '../indicators/indicator';
import type { Signal } from './signal';

export interface SupportResistanceOptions {
  lookback?: number;
  minTouches?: number;
  /** Touch tolerance as a fraction of the level: 0.001 = 0.1 %. */
  tolerance?: number;
}

export interface Level {
  price: number;
  touches: number;
  /** Time of the most recent swing point in the level. */
  lastTouch: number;
}

export interface Levels {
  /** Ascending by price. */
  supports: Level[];
  resistances: Level[];
}

export interface LevelSignal extends Signal {
  level: Level;
}

interface Pivot {
  price: number;
  time: number;
}

function settings(options: SupportResistanceOptions) {
  const { lookback = 20, minTouches = 2, tolerance = 0.001 } = options;
  assertPeriod(lookback, 'lookback');
  assertPeriod(minTouches, 'minTouches');
  if (!(tolerance >= 0 && tolerance < 1)) throw new RangeError(`tolerance must be in [0, 1), got ${tolerance}`);
  return { lookback, minTouches, tolerance };
}

function swings(bars: readonly Bar[], pick: (b: Bar) => number, beyond: (a: number, b: number) => boolean): Pivot[] {
  const out: Pivot[] = [];
  for (let i = 0; i < bars.length; i++) {
    const x = pick(bars[i] as Bar);
    const previous = bars[i - 1];
    const next = bars[i + 1];
    if (previous && !beyond(x, pick(previous))) continue;
    if (next && beyond(pick(next), x)) continue;
    out.push({ price: x, time: (bars[i] as Bar).time });
  }
  return out;
}

function cluster(pivots: Pivot[], tolerance: number, minTouches: number, top: boolean): Level[] {
  const sorted = [...pivots].sort((a, b) => a.price - b.price);
  const levels: Level[] = [];
  for (let i = 0; i < sorted.length; ) {
    const anchor = (sorted[i] as Pivot).price;
    let j = i;
    let lastTouch = Number.NEGATIVE_INFINITY;
    while (j < sorted.length && (sorted[j] as Pivot).price <= anchor * (1 + tolerance)) {
      lastTouch = Math.max(lastTouch, (sorted[j] as Pivot).time);
      j++;
    }
    if (j - i >= minTouches) levels.push({ price: top ? (sorted[j - 1] as Pivot).price : anchor, touches: j - i, lastTouch });
    i = j;
  }
  return levels;
}

/** Levels of the last `lookback` bars of `bars`. */
export function findLevels(bars: readonly Bar[], options: SupportResistanceOptions = {}): Levels {
  const { lookback, minTouches, tolerance } = settings(options);
  const window = bars.slice(-lookback);
  return {
    supports: cluster(swings(window, (b) => b.low, (a, b) => a < b), tolerance, minTouches, false),
    resistances: cluster(swings(window, (b) => b.high, (a, b) => a > b), tolerance, minTouches, true),
  };
}

/** The signal of `bar` against `levels` (found on the bars before it). */
export function levelSignal(bar: Bar, levels: Levels, tolerance = 0.001): LevelSignal | null {
  const support = levels.supports.filter((s) => bar.low <= s.price * (1 + tolerance) && bar.close > s.price).at(-1);
  const resistance = levels.resistances.find((r) => bar.high >= r.price * (1 - tolerance) && bar.close < r.price);
  if (support && resistance) return null;
  const base = { time: bar.time, price: bar.close };
  const confidence = (level: Level) => Math.min(1, level.touches / 4);
  if (support) {
    const target = levels.resistances.find((r) => r.price > bar.close)?.price ?? null;
    return { ...base, action: 'BUY', confidence: confidence(support), stopLoss: support.price * (1 - tolerance), target, level: support };
  }
  if (resistance) {
    const target = levels.supports.filter((s) => s.price < bar.close).at(-1)?.price ?? null;
    return { ...base, action: 'SELL', confidence: confidence(resistance), stopLoss: resistance.price * (1 + tolerance), target, level: resistance };
  }
  return null;
}

/**
 * The running form for a strategy: keeps the last `lookback` closed bars
 * (a constant amount of work per bar, O(lookback log lookback)) and signals
 * each new bar against them.
 */
export function createSupportResistance(options: SupportResistanceOptions = {}): Indicator<LevelSignal | null> {
  const config = settings(options);
  const window: Bar[] = [];
  let count = 0;
  const step = (bar: Bar, commit: boolean): LevelSignal | null => {
    const signal = window.length === 0 ? null : levelSignal(bar, findLevels(window, config), config.tolerance);
    if (commit) {
      window.push(bar);
      if (window.length > config.lookback) window.shift();
      count++;
    }
    return signal;
  };
  return {
    get length() {
      return count;
    },
    push: (bar) => step(bar, true),
    update: (bar) => step(bar, false),
  };
}
