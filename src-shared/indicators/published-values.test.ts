/**
 * Indicators against worked tables published by StockCharts ChartSchool. The
 * tables print two decimals and were built in a spreadsheet, so each check
 * allows half a unit in the last printed digit (0.005) unless noted; a wrong
 * seed, smoothing constant or deviation type misses by far more than that.
 * The series were read from the ChartSchool articles as reproduced in public
 * test suites (found with the search tool; none of their code is used here).
 */
import { describe, expect, it } from 'vitest';
import { barsFromCloses, barsFromHlc } from '../testing/bars-from';
import { naivePopulationStdev } from '../testing/naive-indicators';
import { atr, bollinger, ema, rsi, sma } from './index';

function expectWithin(actual: (number | null)[], expected: readonly number[], tolerance: number) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => {
    expect(value, `index ${i}`).not.toBeNull();
    expect(Math.abs((value as number) - (expected[i] as number)), `index ${i}: ${value} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance);
  });
}

// ChartSchool "Moving Averages - Simple and Exponential" (cs-movavg.xls): 30 closes.
const MOVAVG_CLOSES = [
  22.27, 22.19, 22.08, 22.17, 22.18, 22.13, 22.23, 22.43, 22.24, 22.29, 22.15, 22.39, 22.38, 22.61, 23.36, 24.05, 23.75,
  23.83, 23.95, 23.63, 23.82, 23.87, 23.65, 23.19, 23.1, 23.33, 22.68, 23.1, 22.4, 22.17,
];

describe('StockCharts moving-average table', () => {
  it('10-day SMA: the first window summed by hand', () => {
    const out = sma(barsFromCloses(MOVAVG_CLOSES), 10);
    expect(out.slice(0, 9).every((v) => v === null)).toBe(true);
    // 22.27+22.19+22.08+22.17+22.18+22.13+22.23+22.43+22.24+22.29 = 222.21 → 22.221;
    // the next window drops 22.27 and adds 22.15: 222.09 → 22.209.
    expect(out[9]).toBeCloseTo(22.221, 12);
    expect(out[10]).toBeCloseTo(22.209, 12);
  });

  it('10-day EMA seeded with the 10-day SMA, alpha 2/11', () => {
    const out = ema(barsFromCloses(MOVAVG_CLOSES), 10);
    expect(out.slice(0, 9).every((v) => v === null)).toBe(true);
    // As relayed by a public test suite; the sheet multiplies by a rounded 0.1818,
    // which moves two of these by a hair past half a cent (22.7952 shown 22.79).
    expectWithin(
      out.slice(9),
      [22.22, 22.21, 22.24, 22.27, 22.33, 22.52, 22.79, 22.97, 23.13, 23.28, 23.34, 23.43, 23.51, 23.53, 23.47, 23.4, 23.39, 23.26, 23.23, 23.08, 22.91],
      0.006,
    );
  });
});

// ChartSchool "Relative Strength Index (RSI)" (cs-rsi.xls), QQQQ closes with the
// sheet's four decimals (rounded to two, the first RSI comes out 70.46, not 70.53).
const RSI_CLOSES = [
  44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826, 45.8931, 46.0328, 45.614,
  46.282, 46.282, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439, 46.2122, 46.2521, 45.7137, 46.4515, 45.7835, 45.3548,
  44.0288, 44.1783, 44.2181, 44.5672, 43.4205, 42.6628, 43.1314,
];
const RSI_PUBLISHED = [70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87, 45.46, 37.3, 33.08, 37.77];

describe('StockCharts RSI table (Wilder, 14)', () => {
  it('matches all 19 published values; nothing before the 15th close', () => {
    const out = rsi(barsFromCloses(RSI_CLOSES), 14);
    expect(out.slice(0, 14).every((v) => v === null)).toBe(true);
    // 57.975 is printed 57.97 by the sheet: 0.0051 allows that one half-way case.
    expectWithin(out.slice(14), RSI_PUBLISHED, 0.0051);
  });
});

// ChartSchool "Average True Range (ATR)" (cs-atr.xls): QQQQ, 1 Apr – 13 May 2010.
const ATR_HIGH = [48.7, 48.72, 48.9, 48.87, 48.82, 49.05, 49.2, 49.35, 49.92, 50.19, 50.12, 49.66, 49.88, 50.19, 50.36, 50.57, 50.65, 50.43, 49.63, 50.33, 50.29, 50.17, 49.32, 48.5, 48.32, 46.8, 47.8, 48.39, 48.66, 48.79];
const ATR_LOW = [47.79, 48.14, 48.39, 48.37, 48.24, 48.64, 48.94, 48.86, 49.5, 49.87, 49.2, 48.9, 49.43, 49.73, 49.26, 50.09, 50.3, 49.21, 48.98, 49.61, 49.2, 49.43, 48.08, 47.64, 41.55, 44.28, 47.31, 47.2, 47.9, 47.73];
const ATR_CLOSE = [48.16, 48.61, 48.75, 48.63, 48.74, 49.03, 49.07, 49.32, 49.91, 50.13, 49.53, 49.5, 49.75, 50.03, 50.31, 50.52, 50.41, 49.43, 49.37, 50.23, 49.24, 49.93, 48.43, 48.18, 46.57, 45.41, 47.77, 47.72, 48.62, 47.85];

describe('StockCharts ATR table (Wilder, 14)', () => {
  it('first ATR on the 14th bar, then 16 more published values', () => {
    const out = atr(barsFromHlc(ATR_HIGH, ATR_LOW, ATR_CLOSE), 14);
    expect(out.slice(0, 13).every((v) => v === null)).toBe(true);
    // As relayed by a public test suite, which cuts (not rounds) to two decimals
    // (0.5543 → 0.55, 0.7749 → 0.77): 0.01.
    expectWithin(out.slice(13), [0.55, 0.59, 0.59, 0.57, 0.61, 0.62, 0.64, 0.67, 0.69, 0.77, 0.78, 1.21, 1.3, 1.38, 1.37, 1.34, 1.32], 0.01);
  });
});

// ChartSchool "Bollinger Bands" (cs-bollinger.xls): 42 closes, 20 days, 2 deviations.
const BB_CLOSES = [
  86.16, 89.09, 88.78, 90.32, 89.07, 91.15, 89.44, 89.18, 86.93, 87.68, 86.96, 89.43, 89.32, 88.72, 87.45, 87.26, 89.5,
  87.9, 89.13, 90.7, 92.9, 92.98, 91.8, 92.66, 92.68, 92.3, 92.77, 92.54, 92.95, 93.2, 91.07, 89.83, 89.74, 90.4, 90.74,
  88.02, 88.09, 88.84, 90.78, 90.54, 91.39, 90.65,
];

describe('StockCharts Bollinger table (20, 2)', () => {
  const out = bollinger(barsFromCloses(BB_CLOSES));

  it('middle, upper and lower bands on the first and last published rows', () => {
    expect(out.slice(0, 19).every((v) => v === null)).toBe(true);
    const first = out[19];
    const last = out[41];
    // Two printed decimals; 0.01 allows the sheet's rounding of the deviation.
    expectWithin([first?.middle ?? null, first?.upper ?? null, first?.lower ?? null], [88.71, 91.29, 86.13], 0.01);
    expectWithin([last?.middle ?? null, last?.upper ?? null, last?.lower ?? null], [91.05, 94.15, 87.95], 0.01);
  });

  it('uses the population deviation: the sample one misses the published upper band', () => {
    const closes = BB_CLOSES.slice(0, 20);
    const population = naivePopulationStdev(closes, 20)[19] as number;
    const sample = population * Math.sqrt(20 / 19);
    expect(Math.abs(88.7085 + 2 * sample - 91.29)).toBeGreaterThan(0.05);
    expect(out[19]?.upper).toBeCloseTo(88.7085 + 2 * population, 10);
  });
});
