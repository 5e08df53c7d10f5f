/**
 * Number-series building blocks the bar indicators compose. Each `step(x,
 * commit)` returns the value at x; with commit=false it leaves the state
 * untouched, which is how `update` previews a forming bar with exactly the
 * arithmetic `push` will later use. All O(1) per value.
 */
import { assertPeriod } from './indicator';

export interface SeriesCore {
  step(x: number, commit: boolean): number | null;
  readonly count: number;
}

/**
 * Simple moving average over a ring buffer. The running sum is compensated
 * (Neumaier), so adding and removing values for months of live bars does not
 * drift away from a fresh sum of the window.
 */
export function createSmaCore(periodIn: number): SeriesCore {
  const period = assertPeriod(periodIn);
  const ring = new Float64Array(period);
  let head = 0;
  let count = 0;
  let sum = 0;
  let comp = 0;
  return {
    get count() {
      return count;
    },
    step(x, commit) {
      let s = sum;
      let c = comp;
      let t = s + x;
      c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
      s = t;
      const full = count >= period;
      const ready = count + 1 >= period;
      if (full) {
        const y = -(ring[head] as number);
        t = s + y;
        c += Math.abs(s) >= Math.abs(y) ? s - t + y : y - t + s;
        s = t;
      }
      if (commit) {
        sum = s;
        comp = c;
        ring[head] = x;
        head = head + 1 === period ? 0 : head + 1;
        count++;
      }
      return ready ? (s + c) / period : null;
    },
  };
}

/**
 * Exponential smoothing seeded with the simple average of the first `period`
 * values (StockCharts' and Wilder's convention): nothing before that, then
 * value += alpha × (x − value). EMA uses alpha = 2/(period+1), Wilder's
 * smoothing (RMA, as in RSI and ATR) alpha = 1/period.
 */
export function createSmoothingCore(periodIn: number, alpha: number): SeriesCore {
  const period = assertPeriod(periodIn);
  let count = 0;
  let seedSum = 0;
  let value = 0;
  return {
    get count() {
      return count;
    },
    step(x, commit) {
      const n = count + 1;
      let v: number | null;
      if (n < period) v = null;
      else if (n === period) v = (seedSum + x) / period;
      else v = value + alpha * (x - value);
      if (commit) {
        if (n < period) seedSum += x;
        else value = v as number;
        count = n;
      }
      return v;
    },
  };
}

export const createEmaCore = (period: number): SeriesCore => createSmoothingCore(period, 2 / (assertPeriod(period) + 1));
export const createRmaCore = (period: number): SeriesCore => createSmoothingCore(period, 1 / assertPeriod(period));

/** Mean and POPULATION variance (divide by n) of the last `period` values. */
export interface WindowStats {
  /** True when the window is full; then `mean` and `variance` hold the result. */
  step(x: number, commit: boolean): boolean;
  readonly mean: number;
  readonly variance: number;
  readonly count: number;
}

/**
 * Σd and Σd² of d = x − K, K the first value seen, kept as compensated
 * (Neumaier) running sums: variance = (Σd² − (Σd)²/n)/n. The shift keeps the
 * squares near the spread instead of the price level, the compensation keeps
 * months of add-and-remove from drifting, and a flat window of whole paise
 * gives exactly 0 — so the bands close onto the mean instead of showing
 * √(rounding residue). (A slid Welford update leaves such a residue.)
 */
export function createWindowStats(periodIn: number): WindowStats {
  const period = assertPeriod(periodIn);
  const ring = new Float64Array(period);
  let head = 0;
  let count = 0;
  let shift = 0;
  let s1 = 0;
  let c1 = 0;
  let s2 = 0;
  let c2 = 0;
  let outMean = 0;
  let outVariance = 0;
  return {
    get mean() {
      return outMean;
    },
    get variance() {
      return outVariance;
    },
    get count() {
      return count;
    },
    step(x, commit) {
      const k = count === 0 ? x : shift;
      const d = x - k;
      let a1 = s1;
      let b1 = c1;
      let a2 = s2;
      let b2 = c2;
      let t = a1 + d;
      b1 += Math.abs(a1) >= Math.abs(d) ? a1 - t + d : d - t + a1;
      a1 = t;
      const dd = d * d;
      t = a2 + dd;
      b2 += Math.abs(a2) >= dd ? a2 - t + dd : dd - t + a2;
      a2 = t;
      const full = count >= period;
      const ready = count + 1 >= period;
      if (full) {
        const y = -(ring[head] as number);
        const yy = -(y * y);
        t = a1 + y;
        b1 += Math.abs(a1) >= Math.abs(y) ? a1 - t + y : y - t + a1;
        a1 = t;
        t = a2 + yy;
        b2 += Math.abs(a2) >= -yy ? a2 - t + yy : yy - t + a2;
        a2 = t;
      }
      if (commit) {
        shift = k;
        s1 = a1;
        c1 = b1;
        s2 = a2;
        c2 = b2;
        ring[head] = d;
        head = head + 1 === period ? 0 : head + 1;
        count++;
      }
      if (!ready) return false;
      const sum1 = a1 + b1;
      const spread = a2 + b2 - (sum1 * sum1) / period;
      outMean = k + sum1 / period;
      // Rounding can leave a hair below zero; a variance never is.
      outVariance = spread > 0 ? spread / period : 0;
      return true;
    },
  };
}
