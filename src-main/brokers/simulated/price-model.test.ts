import { describe, expect, it } from 'vitest';
import { futurePrice, normCdf, optionPrice, stepFairValue, toTickGrid, volPerSqrtMs, YEAR_MS } from './price-model';
import { mulberry32, normalish } from '../../util/prng';

describe('prng', () => {
  it('is deterministic per seed and uniform-ish', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
    const r = mulberry32(7);
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < 100_000; i += 1) {
      const x = normalish(r);
      sum += x;
      sumSq += x * x;
    }
    expect(Math.abs(sum / 100_000)).toBeLessThan(0.02);
    expect(Math.abs(sumSq / 100_000 - 1)).toBeLessThan(0.03);
  });
});

describe('price model', () => {
  it('puts prices on the tick grid, never below one tick', () => {
    expect(toTickGrid(12_347, 5)).toBe(12_345);
    expect(toTickGrid(12_348, 5)).toBe(12_350);
    expect(toTickGrid(1, 5)).toBe(5);
    expect(toTickGrid(-300, 5)).toBe(5);
  });

  it('has a sane normal CDF', () => {
    expect(normCdf(0)).toBeCloseTo(0.5, 7);
    expect(normCdf(1.96)).toBeCloseTo(0.975, 3);
    expect(normCdf(-1.96)).toBeCloseTo(0.025, 3);
  });

  it('prices options at or above intrinsic, never negative, with put-call parity', () => {
    const week = 7 * 86_400_000;
    for (const strike of [2_500_000, 2_600_000, 2_700_000]) {
      const call = optionPrice(true, 2_600_000, strike, 0.14, week);
      const put = optionPrice(false, 2_600_000, strike, 0.14, week);
      expect(call).toBeGreaterThanOrEqual(Math.max(0, 2_600_000 - strike));
      expect(put).toBeGreaterThanOrEqual(Math.max(0, strike - 2_600_000));
      expect(call - put).toBeCloseTo(2_600_000 - strike, 6);
    }
    // ATM a week out ≈ 0.4 × S × σ × √T ≈ ₹203
    expect(optionPrice(true, 2_600_000, 2_600_000, 0.14, week) / 100).toBeCloseTo(0.3989 * 26_000 * 0.14 * Math.sqrt(week / YEAR_MS), 0);
    // At expiry: intrinsic only.
    expect(optionPrice(true, 2_600_000, 2_550_000, 0.14, 0)).toBe(50_000);
    expect(optionPrice(false, 2_600_000, 2_550_000, 0.14, 0)).toBe(0);
  });

  it('puts futures a little above spot and reverts fair value toward the reference', () => {
    expect(futurePrice(2_600_000, YEAR_MS / 12, 0.065)).toBeCloseTo(2_600_000 * (1 + 0.065 / 12), 3);
    expect(futurePrice(2_600_000, -5, 0.065)).toBe(2_600_000);
    const towards = stepFairValue(110, 100, 0, 0.5, 1, 0);
    expect(towards).toBe(105);
    expect(stepFairValue(1, 100, volPerSqrtMs(0.3), 0, 1000, -3)).toBeGreaterThanOrEqual(1);
  });
});
