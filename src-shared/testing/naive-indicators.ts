/**
 * Deliberately naive re-implementations, for tests only: O(n²), written from
 * the textbook definitions in a different shape from the incremental code
 * (closed-form weighted sums instead of recursions, two-pass deviations,
 * fresh sums of every window, string IST days). Agreement with these is what
 * makes "the incremental code is right" more than "it agrees with itself".
 */
import type { Bar } from '../indicators/bar';
import { istDayOf } from '../market/ist-calendar';

type Series = (number | null)[];

export function naiveSma(xs: readonly number[], period: number): Series {
  return xs.map((_, i) => {
    if (i < period - 1) return null;
    let sum = 0;
    for (let j = i - period + 1; j <= i; j++) sum += xs[j] as number;
    return sum / period;
  });
}

/**
 * SMA-seeded exponential smoothing in closed form: at i ≥ p − 1,
 * value = (1−a)^(i−p+1) · mean(x[0..p−1]) + Σ_{j=p..i} a (1−a)^(i−j) x[j].
 */
export function naiveSmoothed(xs: readonly number[], period: number, alpha: number): Series {
  return xs.map((_, i) => {
    if (i < period - 1) return null;
    let seed = 0;
    for (let j = 0; j < period; j++) seed += xs[j] as number;
    seed /= period;
    let value = seed * Math.pow(1 - alpha, i - period + 1);
    for (let j = period; j <= i; j++) value += alpha * Math.pow(1 - alpha, i - j) * (xs[j] as number);
    return value;
  });
}

export const naiveEma = (xs: readonly number[], period: number) => naiveSmoothed(xs, period, 2 / (period + 1));
export const naiveWilder = (xs: readonly number[], period: number) => naiveSmoothed(xs, period, 1 / period);

/** Population standard deviation of each full window, two-pass. */
export function naivePopulationStdev(xs: readonly number[], period: number): Series {
  return xs.map((_, i) => {
    if (i < period - 1) return null;
    const window = xs.slice(i - period + 1, i + 1);
    const mean = window.reduce((a, b) => a + b, 0) / period;
    return Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / period);
  });
}

export function naiveRsi(xs: readonly number[], period: number): Series {
  // changes[k] is the change INTO bar k + 1; RSI at bar i uses changes[0..i−1].
  const changes = xs.slice(1).map((x, k) => x - (xs[k] as number));
  const gains = naiveWilder(changes.map((c) => Math.max(c, 0)), period);
  const losses = naiveWilder(changes.map((c) => Math.max(-c, 0)), period);
  return xs.map((_, i) => {
    if (i === 0) return null;
    const g = gains[i - 1];
    const l = losses[i - 1];
    if (g === null || l === null || g === undefined || l === undefined) return null;
    if (l === 0) return g === 0 ? 50 : 100;
    return 100 - 100 / (1 + g / l);
  });
}

export function naiveTrueRanges(bars: readonly Bar[]): number[] {
  return bars.map((b, i) => {
    if (i === 0) return b.high - b.low;
    const pc = (bars[i - 1] as Bar).close;
    return Math.max(b.high - b.low, Math.abs(b.high - pc), Math.abs(b.low - pc));
  });
}

export const naiveAtr = (bars: readonly Bar[], period: number) => naiveWilder(naiveTrueRanges(bars), period);

export function naiveMacd(xs: readonly number[], fast: number, slow: number, signal: number) {
  const f = naiveEma(xs, fast);
  const s = naiveEma(xs, slow);
  const start = slow - 1;
  const line = xs.map((_, i) => (i < start ? null : (f[i] as number) - (s[i] as number)));
  const sig = naiveEma(line.slice(start) as number[], signal);
  return line.map((m, i) => {
    if (m === null) return null;
    const sv = sig[i - start] ?? null;
    return { macd: m, signal: sv, histogram: sv === null ? null : m - sv };
  });
}

/**
 * Supertrend in the array form of TradingView's published Pine reference
 * (bands compared with nz(previous band), direction −1 = up, decided by
 * whether the previous line WAS the upper band), translated to 'up'/'down'.
 */
export function naiveSupertrend(bars: readonly Bar[], period: number, multiplier: number) {
  const atrs = naiveAtr(bars, period);
  const upper: number[] = [];
  const lower: number[] = [];
  const line: (number | null)[] = [];
  const direction: number[] = [];
  return bars.map((b, i) => {
    const a = atrs[i] as number | null;
    if (a === null) {
      upper.push(0);
      lower.push(0);
      line.push(null);
      direction.push(0);
      return null;
    }
    const src = (b.high + b.low) / 2;
    let up = src + multiplier * a;
    let lo = src - multiplier * a;
    const prevUp = upper[i - 1] ?? 0;
    const prevLo = lower[i - 1] ?? 0;
    const prevClose = bars[i - 1]?.close ?? 0;
    lo = lo > prevLo || prevClose < prevLo ? lo : prevLo;
    up = up < prevUp || prevClose > prevUp ? up : prevUp;
    let dir: number;
    if (i === 0 || atrs[i - 1] === null) dir = 1;
    else if (line[i - 1] === prevUp) dir = b.close > up ? -1 : 1;
    else dir = b.close < lo ? 1 : -1;
    upper.push(up);
    lower.push(lo);
    const value = dir === -1 ? lo : up;
    line.push(value);
    direction.push(dir);
    return { value, trend: dir === -1 ? 'up' : 'down' };
  });
}

/** VWAP by walking back to the first bar of the same IST date (as text). */
export function naiveVwap(bars: readonly Bar[]): Series {
  return bars.map((b, i) => {
    const day = istDayOf(b.time);
    let pv = 0;
    let v = 0;
    for (let j = i; j >= 0 && istDayOf((bars[j] as Bar).time) === day; j--) {
      const x = bars[j] as Bar;
      pv += ((x.high + x.low + x.close) / 3) * x.volume;
      v += x.volume;
    }
    return v > 0 ? pv / v : null;
  });
}

export function naiveHeikinAshi(bars: readonly Bar[]): Bar[] {
  const out: Bar[] = [];
  for (let i = 0; i < bars.length; i++) {
    const b = bars[i] as Bar;
    const close = (b.open + b.high + b.low + b.close) / 4;
    const prev = out[i - 1];
    const open = prev ? (prev.open + prev.close) / 2 : (b.open + b.close) / 2;
    out.push({ time: b.time, open, high: Math.max(b.high, open, close), low: Math.min(b.low, open, close), close, volume: b.volume });
  }
  return out;
}
