/**
 * Every indicator against the naive O(n²) re-implementations in
 * testing/naive-indicators.ts, over seeded random series (flat runs,
 * zero-volume bars, gaps, several IST days). Tolerances are relative to the
 * series' price level: the two computations round differently, but a wrong
 * seed, window or smoothing constant is off by orders of magnitude more.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBars } from '../testing/random-bars';
import { seededRandom } from '../testing/seeded-random';
import {
  naiveAtr,
  naiveEma,
  naiveHeikinAshi,
  naiveMacd,
  naivePopulationStdev,
  naiveRsi,
  naiveSma,
  naiveSupertrend,
  naiveVwap,
} from '../testing/naive-indicators';
import type { Bar } from './bar';
import { atr, bollinger, ema, heikinAshi, macd, rsi, sma, supertrend, vwap } from './index';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const BARS = 320;

// Failures are collected and asserted once per test: expect() per value would
// dominate the run time of ~100,000 comparisons.
let problems: string[] = [];
beforeEach(() => {
  problems = [];
});
afterEach(() => {
  expect(problems).toEqual([]);
});

function near(actual: number | null | undefined, expected: number | null | undefined, tolerance: number, where: string) {
  if (problems.length >= 5) return;
  if (expected === null || expected === undefined) {
    if ((actual ?? null) !== null) problems.push(`${where}: ${actual} where none is due`);
  } else if (actual === null || actual === undefined) {
    problems.push(`${where}: null, expected ${expected}`);
  } else if (!(Math.abs(actual - expected) <= tolerance)) {
    problems.push(`${where}: ${actual} vs ${expected}`);
  }
}

function none(actual: unknown, where: string) {
  if (actual !== null && problems.length < 5) problems.push(`${where}: ${JSON.stringify(actual)} where none is due`);
}

function level(bars: readonly Bar[]): number {
  return Math.max(1, ...bars.map((b) => b.high));
}

describe.each(SEEDS)('seed %i', (seed) => {
  const bars = randomBars(seededRandom(seed), BARS);
  const closes = bars.map((b) => b.close);
  const tol = level(bars) * 1e-10;

  it.each([1, 2, 9, 20, 50])('SMA(%i)', (period) => {
    const expected = naiveSma(closes, period);
    sma(bars, period).forEach((v, i) => near(v, expected[i], tol, `i=${i}`));
  });

  it.each([1, 3, 9, 21, 50])('EMA(%i)', (period) => {
    const expected = naiveEma(closes, period);
    ema(bars, period).forEach((v, i) => near(v, expected[i], tol, `i=${i}`));
  });

  it.each([
    [20, 2],
    [5, 1.5],
    [2, 3],
  ])('Bollinger(%i, %f) with the population deviation', (period, multiplier) => {
    const mean = naiveSma(closes, period);
    const sd = naivePopulationStdev(closes, period);
    bollinger(bars, { period, multiplier }).forEach((v, i) => {
      const m = mean[i] ?? null;
      if (m === null) return none(v, `i=${i}`);
      near(v?.middle, m, tol, `middle i=${i}`);
      near(v?.upper, m + multiplier * (sd[i] as number), tol, `upper i=${i}`);
      near(v?.lower, m - multiplier * (sd[i] as number), tol, `lower i=${i}`);
    });
  });

  it.each([2, 14, 30])('RSI(%i)', (period) => {
    const expected = naiveRsi(closes, period);
    rsi(bars, period).forEach((v, i) => near(v, expected[i], 1e-7, `i=${i}`));
  });

  it.each([1, 10, 14])('ATR(%i)', (period) => {
    const expected = naiveAtr(bars, period);
    atr(bars, period).forEach((v, i) => near(v, expected[i], tol, `i=${i}`));
  });

  it.each([
    [12, 26, 9],
    [3, 10, 4],
  ])('MACD(%i, %i, %i)', (fast, slow, signal) => {
    const expected = naiveMacd(closes, fast, slow, signal);
    macd(bars, { fast, slow, signal }).forEach((v, i) => {
      const e = expected[i] ?? null;
      if (e === null) return none(v, `i=${i}`);
      near(v?.macd, e.macd, tol, `macd i=${i}`);
      near(v?.signal, e.signal, tol, `signal i=${i}`);
      near(v?.histogram, e.histogram, tol, `histogram i=${i}`);
    });
  });

  it.each([
    [10, 3],
    [7, 2],
    [3, 1],
  ])('Supertrend(%i, %f)', (period, multiplier) => {
    const expected = naiveSupertrend(bars, period, multiplier);
    supertrend(bars, { period, multiplier }).forEach((v, i) => {
      const e = expected[i] ?? null;
      if (e === null) return none(v, `i=${i}`);
      if (v?.trend !== e.trend && problems.length < 5) problems.push(`trend i=${i}: ${v?.trend} vs ${e.trend}`);
      near(v?.value, e.value, tol, `value i=${i}`);
    });
  });

  it('VWAP, reset at each IST day', () => {
    const expected = naiveVwap(bars);
    vwap(bars).forEach((v, i) => near(v, expected[i], tol, `i=${i}`));
  });

  it('Heikin-Ashi', () => {
    const expected = naiveHeikinAshi(bars);
    heikinAshi(bars).forEach((v, i) => {
      const e = expected[i] as Bar;
      if ((v.time !== e.time || v.volume !== e.volume) && problems.length < 5) problems.push(`time/volume i=${i}`);
      for (const key of ['open', 'high', 'low', 'close'] as const) near(v[key], e[key], tol, `${key} i=${i}`);
    });
  });
});
