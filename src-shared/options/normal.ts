/**
 * The standard normal distribution, to near double precision in both tails
 * (option prices far out of the money are tail probabilities, and implied
 * volatility is solved on them). erfc is evaluated from two convergent
 * expansions instead of a fitted rational approximation:
 * - |z| < 2.5: the positive-term series erf(z) = 2/√π · e^(−z²) · Σ (2z²)ⁿ z / (1·3·…·(2n+1)),
 *   which has no cancellation;
 * - |z| ≥ 2.5: Laplace's continued fraction erfc(z) = e^(−z²)/√π · 1/(z + ½/(z + 1/(z + (3/2)/(z + …)))),
 *   evaluated by the modified Lentz method, which keeps its relative accuracy
 *   deep in the tail where 1 − erf(z) would round to 0.
 */

const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const SERIES_LIMIT = 2.5;
const TINY = 1e-300;

function erfSeries(z: number): number {
  const z2 = z * z;
  let term = z;
  let sum = z;
  for (let n = 1; n < 200; n++) {
    term *= (2 * z2) / (2 * n + 1);
    sum += term;
    if (term <= sum * 1e-17) break;
  }
  return 2 * INV_SQRT_PI * Math.exp(-z2) * sum;
}

function erfcContinuedFraction(z: number): number {
  // b0 + a1/(b1 + a2/(b2 + …)) with every b = z and a_n = n/2.
  let f = z;
  let c = z;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = z + a * d;
    d = d === 0 ? 1 / TINY : 1 / d;
    c = z + a / c;
    if (c === 0) c = TINY;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (Math.exp(-z * z) * INV_SQRT_PI) / f;
}

/** Complementary error function, erfc(z) = 1 − erf(z). */
export function erfc(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z < 0) return 2 - erfc(-z);
  return z < SERIES_LIMIT ? 1 - erfSeries(z) : erfcContinuedFraction(z);
}

/** Standard normal density. */
export function normPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** Standard normal cumulative distribution, Φ(x) = ½ erfc(−x/√2). */
export function normCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x === Number.NEGATIVE_INFINITY) return 0;
  return 0.5 * erfc(-x / Math.SQRT2);
}
