/**
 * Implied volatility: a published example, price → IV → price round trips
 * over a grid from deep in to deep out of the money and from two years to one
 * hour, the stated failures, and a fuzz that it never throws and never
 * exceeds its iteration bound whatever it is handed.
 */
import { describe, expect, it } from 'vitest';
import { pick, randomBetween, randomInt, seededRandom } from '../testing/seeded-random';
import {
  black76Greeks,
  black76ImpliedVol,
  black76Price,
  blackScholesGreeks,
  blackScholesImpliedVol,
  blackScholesPrice,
  MAX_ITERATIONS,
  MAX_VOL,
  MIN_VOL,
  type IvResult,
  type OptionKind,
} from './index';

describe('published example', () => {
  it('Hull: call 1.875 with S=21 K=20 r=10% T=0.25 has an implied volatility of 23.5 %', () => {
    const iv = blackScholesImpliedVol({ kind: 'call', price: 1.875, spot: 21, strike: 20, years: 0.25, rate: 0.1 });
    expect(iv.reason).toBeNull();
    expect(Math.abs((iv.vol as number) - 0.235)).toBeLessThanOrEqual(0.0005);
  });
});

const HOUR = 1 / (365 * 24);
const MONEYNESS = [0.5, 0.7, 0.9, 0.97, 1, 1.03, 1.1, 1.4, 2];
const VOLS = [0.01, 0.05, 0.15, 0.3, 0.6, 1.2, 3];
const YEARS = [HOUR, 1 / 365, 7 / 365, 30 / 365, 0.5, 2];
const KINDS: OptionKind[] = ['call', 'put'];

interface GridCase {
  kind: OptionKind;
  model: 'spot' | 'future';
  strike: number;
  years: number;
  vol: number;
}

const SPOT = 25_000;
const RATE = 0.065;
const Q = 0.012;

const grid: GridCase[] = [];
for (const model of ['spot', 'future'] as const)
  for (const kind of KINDS)
    for (const m of MONEYNESS) for (const vol of VOLS) for (const years of YEARS) grid.push({ kind, model, strike: SPOT * m, years, vol });

function priceOf(c: GridCase, vol: number): number {
  return c.model === 'spot'
    ? blackScholesPrice({ kind: c.kind, spot: SPOT, strike: c.strike, years: c.years, rate: RATE, dividendYield: Q, vol })
    : black76Price({ kind: c.kind, future: SPOT, strike: c.strike, years: c.years, rate: RATE, vol });
}

function vegaOf(c: GridCase, vol: number): number {
  return c.model === 'spot'
    ? blackScholesGreeks({ kind: c.kind, spot: SPOT, strike: c.strike, years: c.years, rate: RATE, dividendYield: Q, vol }).vegaPerPoint
    : black76Greeks({ kind: c.kind, future: SPOT, strike: c.strike, years: c.years, rate: RATE, vol }).vegaPerPoint;
}

function solve(c: GridCase, price: number): IvResult {
  return c.model === 'spot'
    ? blackScholesImpliedVol({ kind: c.kind, price, spot: SPOT, strike: c.strike, years: c.years, rate: RATE, dividendYield: Q })
    : black76ImpliedVol({ kind: c.kind, price, future: SPOT, strike: c.strike, years: c.years, rate: RATE });
}

describe('round trip price → IV → price over the grid', () => {
  it(`${grid.length} cases: solved ones reprice exactly; unsolved ones have no resolvable time value`, () => {
    const problems: string[] = [];
    let solved = 0;
    let iterations = 0;
    for (const c of grid) {
      const price = priceOf(c, c.vol);
      const iv = solve(c, price);
      const where = `${c.model} ${c.kind} K/S=${c.strike / SPOT} σ=${c.vol} T=${c.years}`;
      if (iv.reason === null) {
        solved++;
        iterations += iv.iterations;
        const repriced = priceOf(c, iv.vol);
        // Repricing error: float rounding at the scale of S (1e-14·S ≈ 70 ulps of 25,000).
        if (Math.abs(repriced - price) > 1e-14 * SPOT) problems.push(`${where}: reprices ${repriced} vs ${price}`);
        // The vol itself is only as precise as the price can tell vols apart: that price error / vega.
        const vegaPerUnit = vegaOf(c, c.vol) * 100;
        if (Math.abs(iv.vol - c.vol) > 1e-12 * c.vol + (1e-14 * SPOT) / vegaPerUnit) problems.push(`${where}: vol ${iv.vol}`);
      } else {
        // Only allowed when the price carries (almost) no time value: no more than
        // the same option at the minimum volatility, or within a few ulps of intrinsic.
        const floor = priceOf(c, MIN_VOL);
        if (iv.reason !== 'out-of-range' || price > floor + 1e-14 * SPOT) problems.push(`${where}: ${iv.reason} for price ${price} (floor ${floor})`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    // The grid includes many cases with no time value left (1 h, σ 1 %, far strikes); most still solve.
    expect(solved).toBeGreaterThan(grid.length * 0.6);
    // Newton does the work: pure bisection over [1e-4, 10] to 1e-15 would take ~60 steps.
    expect(iterations / solved).toBeLessThan(12);
  });

  it('near expiry at the money: one hour left, σ from 5 % to 300 %', () => {
    for (const vol of [0.05, 0.2, 0.8, 3]) {
      const c: GridCase = { kind: 'call', model: 'future', strike: SPOT, years: HOUR, vol };
      const iv = solve(c, priceOf(c, vol));
      expect(iv.reason).toBeNull();
      expect(Math.abs((iv.vol as number) - vol)).toBeLessThan(1e-10 * vol);
    }
  });
});

describe('stated failures', () => {
  const base = { kind: 'call' as const, spot: 100, strike: 90, years: 0.25, rate: 0.05 };
  const intrinsic = 100 - 90 * Math.exp(-0.05 * 0.25);

  it('below intrinsic (the forward parity), and exactly at it', () => {
    expect(blackScholesImpliedVol({ ...base, price: intrinsic - 0.01 }).reason).toBe('below-intrinsic');
    expect(blackScholesImpliedVol({ ...base, price: 5 }).reason).toBe('below-intrinsic');
    // No time value: the vol would be 0, below MIN_VOL.
    expect(blackScholesImpliedVol({ ...base, price: intrinsic }).reason).toBe('out-of-range');
  });

  it('at or above the underlying (a call) or the discounted strike (a put)', () => {
    expect(blackScholesImpliedVol({ ...base, price: 100 }).reason).toBe('above-maximum');
    expect(black76ImpliedVol({ kind: 'put', price: 95, future: 100, strike: 95, years: 0.25, rate: 0 }).reason).toBe('above-maximum');
  });

  it('a vol beyond MAX_VOL', () => {
    const price = blackScholesPrice({ ...base, vol: MAX_VOL * 1.5 });
    expect(blackScholesImpliedVol({ ...base, price }).reason).toBe('out-of-range');
  });

  it('expired, and inputs that are not numbers in range', () => {
    expect(blackScholesImpliedVol({ ...base, price: 12, years: 0 }).reason).toBe('expired');
    for (const change of [{ price: -1 }, { price: Number.NaN }, { spot: 0 }, { strike: -5 }, { years: Number.POSITIVE_INFINITY }, { rate: Number.NaN }, { dividendYield: Number.NaN }]) {
      expect(blackScholesImpliedVol({ ...base, price: 12, ...change }).reason, JSON.stringify(change)).toBe('invalid-input');
    }
    expect(black76ImpliedVol({ kind: 'straddle' as OptionKind, price: 5, future: 100, strike: 100, years: 0.1, rate: 0 }).reason).toBe('invalid-input');
  });
});

describe('fuzz: never throws, never loops', () => {
  const EDGES = [0, -0, 1, -1, 1e-300, 5e-324, 1e-12, 0.5, 2, 1e6, 1e12, 1e300, Number.MAX_VALUE, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

  it('30,000 random and hostile inputs give a vol in range that reprices, or a reason', () => {
    const random = seededRandom(1776);
    const value = (lo: number, hi: number) => (random() < 0.2 ? pick(random, EDGES) : randomBetween(random, lo, hi));
    const problems: string[] = [];
    for (let n = 0; n < 30_000; n++) {
      const kind = pick(random, KINDS);
      const underlying = value(0, 2 * SPOT);
      const strike = random() < 0.5 ? underlying * randomBetween(random, 0.3, 3) : value(0, 2 * SPOT);
      const years = value(-0.1, 3);
      const rate = value(-0.05, 0.3);
      const price = random() < 0.5 ? value(0, underlying) : randomInt(random, 2000) * 0.05;
      const spotModel = random() < 0.5;
      const dividendYield = value(0, 0.1);
      let result: IvResult;
      let reprice: (vol: number) => number;
      try {
        if (spotModel) {
          result = blackScholesImpliedVol({ kind, price, spot: underlying, strike, years, rate, dividendYield });
          reprice = (vol) => blackScholesPrice({ kind, spot: underlying, strike, years, rate, dividendYield, vol });
        } else {
          result = black76ImpliedVol({ kind, price, future: underlying, strike, years, rate });
          reprice = (vol) => black76Price({ kind, future: underlying, strike, years, rate, vol });
        }
      } catch (error) {
        problems.push(`threw ${String(error)}`);
        continue;
      }
      if (result.reason === null) {
        const error = Math.abs(reprice(result.vol) - price);
        if (!(error <= 1e-12 * Math.max(underlying, strike) + 1e-9 * price)) problems.push(`reprices off by ${error}: ${JSON.stringify({ kind, spotModel, price, underlying, strike, years, rate })}`);
      }
      if (result.iterations > MAX_ITERATIONS) problems.push(`${result.iterations} iterations`);
      if (result.reason === null && !(result.vol >= MIN_VOL && result.vol <= MAX_VOL)) problems.push(`vol ${result.vol}`);
      if (result.reason !== null && result.vol !== null) problems.push('a reason and a vol');
      if (result.reason === 'not-converged') problems.push(`not converged: ${JSON.stringify({ kind, price, underlying, strike, years, rate })}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });
});
