/**
 * Φ to (near) double precision. Published values: the standard normal table
 * to 16 digits (e.g. Φ(1) = 0.8413447460685429, as in Abramowitz & Stegun
 * 26.1 extended); independent checks: Simpson integration of the density and,
 * for the far tail, the asymptotic (Mills-ratio) series.
 */
import { describe, expect, it } from 'vitest';
import { erfc, normCdf, normPdf } from './normal';

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('normCdf', () => {
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [2, 0.9772498680518208],
    [3, 0.9986501019683699],
    [-1.96, 0.024997895148220435],
    [-5, 2.866515718791939e-7],
    [-10, 7.619853024160527e-24],
  ])('Φ(%f) = %f to 1e-14 relative', (x, expected) => {
    expect(relative(normCdf(x), expected)).toBeLessThan(1e-14);
  });

  it('erfc(1) and erfc(0.5) to 1e-15 relative', () => {
    expect(relative(erfc(1), 0.15729920705028513)).toBeLessThan(1e-15);
    expect(relative(erfc(0.5), 0.4795001221869535)).toBeLessThan(1e-15);
  });

  it('agrees with Simpson integration of the density on [−8, 8]', () => {
    // ∫_{−12}^{x} φ, 4,000 Simpson panels per unit: truncation ~1e-16.
    const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    for (let x = -8; x <= 8; x += 0.37) {
      const a = -12;
      const n = Math.ceil((x - a) * 4000) * 2;
      const h = (x - a) / n;
      let sum = phi(a) + phi(x);
      for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * phi(a + i * h);
      const integral = (sum * h) / 3;
      expect(Math.abs(normCdf(x) - integral)).toBeLessThan(1e-14 + 1e-12 * integral);
    }
  });

  it('keeps its relative accuracy in the far tail (asymptotic series)', () => {
    for (const x of [12, 15, 20, 26, 30, 37]) {
      // Φ(−x) = φ(x)/x · (1 − 1/x² + 3/x⁴ − 15/x⁶ + …), 12 terms: the 13th is < 1e-14 at x ≥ 12
      let term = 1;
      let sum = 1;
      for (let k = 1; k <= 12; k++) {
        term *= -(2 * k - 1) / (x * x);
        sum += term;
      }
      expect(relative(normCdf(-x), (normPdf(x) / x) * sum)).toBeLessThan(2e-12);
    }
  });

  it('is symmetric, monotone, continuous where the method switches, and total at ±∞', () => {
    let previous = 0;
    for (let x = -40; x <= 40; x += 0.01) {
      const p = normCdf(x);
      expect(p).toBeGreaterThanOrEqual(previous);
      previous = p;
      expect(Math.abs(p + normCdf(-x) - 1)).toBeLessThan(2e-16);
    }
    const edge = 2.5 * Math.SQRT2;
    expect(relative(normCdf(-edge + 1e-12), normCdf(-edge - 1e-12))).toBeLessThan(1e-10);
    expect(normCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normCdf(Number.NaN)).toBeNaN();
  });
});
