/**
 * Prices and greeks against published values, each with a tolerance of half
 * a unit in the last published digit (so a 2-decimal textbook figure is
 * checked to 0.005, Haug's 4-decimal one to 0.00005 and SAS's 14-decimal ones
 * to 1e-10); and, to 1e-9 and better, against computations made differently
 * in the test: the price as a numerically integrated risk-neutral
 * expectation, the greeks as finite differences of the price.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom, randomBetween, pick } from '../testing/seeded-random';
import { black76Greeks, black76Price, blackScholesGreeks, blackScholesPrice, type FutureInputs, type SpotInputs } from './index';

const within = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);

/** e^(−rT) E[payoff(S_T)], S_T lognormal, by Simpson over z where the payoff is positive (smooth there). */
function integratedPrice(i: SpotInputs): number {
  const q = i.dividendYield ?? 0;
  const sd = i.vol * Math.sqrt(i.years);
  const drift = (i.rate - q - (i.vol * i.vol) / 2) * i.years;
  const boundary = (Math.log(i.strike / i.spot) - drift) / sd;
  const [a, b] = i.kind === 'call' ? [boundary, 14] : [-14, boundary];
  const n = 40_000;
  const h = (b - a) / n;
  const f = (z: number) => {
    const st = i.spot * Math.exp(drift + sd * z);
    const payoff = i.kind === 'call' ? st - i.strike : i.strike - st;
    return (payoff * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI);
  };
  let sum = f(a) + f(b);
  for (let k = 1; k < n; k++) sum += (k % 2 ? 4 : 2) * f(a + k * h);
  return Math.exp(-i.rate * i.years) * ((sum * h) / 3);
}

describe('Black–Scholes, published examples', () => {
  it('Hull (Options, Futures and Other Derivatives), S=42 K=40 r=10% σ=20% T=0.5: call 4.76, put 0.81', () => {
    const base = { spot: 42, strike: 40, years: 0.5, rate: 0.1, vol: 0.2 };
    const call = blackScholesPrice({ ...base, kind: 'call' });
    const put = blackScholesPrice({ ...base, kind: 'put' });
    within(call, 4.76, 0.005);
    within(put, 0.81, 0.005);
    within(call, integratedPrice({ ...base, kind: 'call' }), 1e-10);
    within(put, integratedPrice({ ...base, kind: 'put' }), 1e-10);
  });

  it('Hull greeks, S=49 K=50 r=5% σ=20% T=0.3846 (20 weeks), call', () => {
    const g = blackScholesGreeks({ kind: 'call', spot: 49, strike: 50, years: 0.3846, rate: 0.05, vol: 0.2 });
    within(g.delta, 0.522, 0.0005);
    within(g.gamma, 0.066, 0.0005);
    within(g.thetaPerYear, -4.31, 0.005); // Hull: −4.31 per year,
    within(g.thetaPerDay, -0.0118, 0.00005); // −4.31/365 = −0.0118 per calendar day
    within(g.vegaPerPoint * 100, 12.1, 0.05); // Hull: 12.1 per unit of σ → 0.121 per vol point
    within(g.rhoPerPoint * 100, 8.91, 0.005); // Hull: 8.91 per unit of r
  });

  it('Hull index option with a dividend yield: S=930 K=900 r=8% q=3% σ=20% T=2/12, call 51.83', () => {
    const i: SpotInputs = { kind: 'call', spot: 930, strike: 900, years: 2 / 12, rate: 0.08, dividendYield: 0.03, vol: 0.2 };
    within(blackScholesPrice(i), 51.83, 0.005);
    within(blackScholesPrice(i), integratedPrice(i), 1e-9);
  });

  it('fightfinance.com worked example, S=20 K=18 r=5% σ=30% T=1: price, delta, gamma to 6 decimals', () => {
    const g = blackScholesGreeks({ kind: 'call', spot: 20, strike: 18, years: 1, rate: 0.05, vol: 0.3 });
    within(g.price, 3.939488, 5e-7);
    within(g.delta, 0.747891, 5e-7);
    within(g.gamma, 0.053199, 5e-7);
  });
});

describe('Black-76, published examples', () => {
  it('Haug (Complete Guide to Option Pricing Formulas), F=19 K=19 T=0.75 r=10% σ=28%: call = put = 1.7011', () => {
    const base = { future: 19, strike: 19, years: 0.75, rate: 0.1, vol: 0.28 };
    within(black76Price({ ...base, kind: 'call' }), 1.7011, 0.00005);
    within(black76Price({ ...base, kind: 'put' }), 1.7011, 0.00005);
  });

  it('SAS BLACKPTPRC documentation examples, to 1e-10', () => {
    // blackptprc(E=298, t=.25, F=350, r=.06, σ=.25) = 1.85980563934967
    within(black76Price({ kind: 'put', future: 350, strike: 298, years: 0.25, rate: 0.06, vol: 0.25 }), 1.85980563934967, 1e-10);
    // blackptprc(E=145, t=.5, F=170, r=.05, σ=.2) = 1.41234979911583
    within(black76Price({ kind: 'put', future: 170, strike: 145, years: 0.5, rate: 0.05, vol: 0.2 }), 1.41234979911583, 1e-10);
  });
});

function randomSpotInputs(random: () => number): SpotInputs {
  return {
    kind: pick(random, ['call', 'put'] as const),
    spot: randomBetween(random, 50, 60_000),
    strike: 0,
    years: pick(random, [1 / 365, 7 / 365, 30 / 365, 0.25, 1, 2]),
    rate: randomBetween(random, 0, 0.12),
    dividendYield: randomBetween(random, 0, 0.04),
    vol: randomBetween(random, 0.05, 1.2),
  };
}

describe('identities over random inputs', () => {
  const random = seededRandom(15);
  const cases = Array.from({ length: 400 }, () => {
    const i = randomSpotInputs(random);
    return { ...i, strike: i.spot * randomBetween(random, 0.7, 1.3) };
  });

  it('put–call parity: c − p = S·e^(−qT) − K·e^(−rT)', () => {
    for (const i of cases) {
      const c = blackScholesPrice({ ...i, kind: 'call' });
      const p = blackScholesPrice({ ...i, kind: 'put' });
      const forward = i.spot * Math.exp(-(i.dividendYield ?? 0) * i.years) - i.strike * Math.exp(-i.rate * i.years);
      within(c - p, forward, 1e-11 * i.spot);
    }
  });

  it('prices equal the integrated risk-neutral expectation', () => {
    for (const i of cases.slice(0, 40)) within(blackScholesPrice(i), integratedPrice(i), 1e-9 * i.spot);
  });

  it('greeks equal central finite differences of the price', () => {
    for (const i of cases) {
      const g = blackScholesGreeks(i);
      const at = (change: Partial<SpotInputs>) => blackScholesPrice({ ...i, ...change });
      // Steps scale with the price's own curvature length, S·σ·√T (small near expiry).
      const scale = i.spot * i.vol * Math.sqrt(i.years);
      const hs = scale * 1e-4;
      within(g.delta, (at({ spot: i.spot + hs }) - at({ spot: i.spot - hs })) / (2 * hs), 1e-6);
      const hg = scale * 1e-3;
      const gammaFd = (at({ spot: i.spot + hg }) - 2 * g.price + at({ spot: i.spot - hg })) / (hg * hg);
      within(g.gamma, gammaFd, 1e-5 * Math.abs(g.gamma) + 1e-9);
      const hv = 1e-5;
      within(g.vegaPerPoint, (at({ vol: i.vol + hv }) - at({ vol: i.vol - hv })) / (2 * hv) / 100, 1e-6 * i.spot * 1e-2);
      const ht = i.years * 1e-4;
      within(g.thetaPerYear, -(at({ years: i.years + ht }) - at({ years: i.years - ht })) / (2 * ht), 1e-5 * Math.abs(g.thetaPerYear) + 1e-6);
      const hr = 1e-5;
      within(g.rhoPerPoint, (at({ rate: i.rate + hr }) - at({ rate: i.rate - hr })) / (2 * hr) / 100, 1e-7 * i.spot);
    }
  });

  it('Black-76 is Black–Scholes with q = r on S = F, except rho, which holds F fixed', () => {
    for (const i of cases) {
      const f: FutureInputs = { kind: i.kind, future: i.spot, strike: i.strike, years: i.years, rate: i.rate, vol: i.vol };
      const b76 = black76Greeks(f);
      const bs = blackScholesGreeks({ ...i, dividendYield: i.rate });
      for (const key of ['price', 'delta', 'gamma', 'vegaPerPoint', 'thetaPerYear'] as const) within(b76[key], bs[key], 1e-12 * i.spot);
      const hr = 1e-5;
      const rhoFd = (black76Price({ ...f, rate: i.rate + hr }) - black76Price({ ...f, rate: i.rate - hr })) / (2 * hr) / 100;
      within(b76.rhoPerPoint, rhoFd, 1e-7 * i.spot);
      within(b76.rhoPerPoint, (-i.years * b76.price) / 100, 1e-12 * i.spot);
    }
  });
});

describe('edges', () => {
  const base: SpotInputs = { kind: 'call', spot: 100, strike: 90, years: 0.1, rate: 0.07, vol: 0.2 };

  it('at or after expiry: intrinsic value, no time greeks', () => {
    expect(blackScholesGreeks({ ...base, years: 0 })).toEqual({ price: 10, delta: 1, gamma: 0, vegaPerPoint: 0, thetaPerYear: 0, thetaPerDay: 0, rhoPerPoint: 0 });
    expect(blackScholesGreeks({ ...base, kind: 'put', years: -1 }).price).toBe(0);
    expect(black76Greeks({ kind: 'put', future: 80, strike: 90, years: 0, rate: 0.07, vol: 0.2 }).delta).toBe(-1);
  });

  it('NaN, not a throw, for inputs outside the model', () => {
    for (const change of [{ spot: 0 }, { spot: -1 }, { spot: 1e300 }, { strike: Number.NaN }, { vol: 0 }, { vol: -0.2 }, { rate: Number.POSITIVE_INFINITY }, { years: Number.NaN }, { dividendYield: Number.NaN }]) {
      const g = blackScholesGreeks({ ...base, ...change });
      expect(Object.values(g).every(Number.isNaN), JSON.stringify(change)).toBe(true);
    }
  });

  it('a deep out-of-the-money put one hour before expiry is worth a hair, not a negative number', () => {
    const p = blackScholesPrice({ ...base, kind: 'put', strike: 50, years: 1 / (365 * 24) });
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-100);
  });
});
