/**
 * Implied volatility that always answers: a volatility, or null with the
 * reason none exists. Both models reduce to Black's formula on the forward
 * F (spot: S·e^((r−q)T); Black-76: the future) with the price undiscounted by
 * e^(−rT). The solver works on the out-of-the-money side (by put–call parity
 * an in-the-money call has the time value of the out-of-the-money put), where
 * the price is all time value and keeps its relative precision. Each step is
 * Newton's (on ln(price) while far from the target, on the price near it) if
 * it stays inside a bracket that every evaluation narrows and shrinks fast
 * enough, and a bisection otherwise: it converges from any start within
 * MAX_ITERATIONS and never loops or throws.
 */
import { MAX_MODEL_PRICE, type OptionKind } from './black-scholes';
import { normCdf, normPdf } from './normal';

export const MIN_VOL = 1e-4;
export const MAX_VOL = 10;
export const MAX_ITERATIONS = 100;

export type IvFailure =
  /** A price, strike, underlying or time that is not a finite number in range. */
  | 'invalid-input'
  /** No time left: an option at expiry has no volatility. */
  | 'expired'
  /** Below what exercising (or the forward parity) is worth: no volatility gives it. */
  | 'below-intrinsic'
  /** At or above the price of a certainty (a call worth the whole underlying). */
  | 'above-maximum'
  /** A volatility exists but lies outside [MIN_VOL, MAX_VOL] (e.g. no time value left). */
  | 'out-of-range'
  | 'not-converged';

export type IvResult = { vol: number; iterations: number; reason: null } | { vol: null; iterations: number; reason: IvFailure };

export interface SpotIvInputs {
  kind: OptionKind;
  price: number;
  spot: number;
  strike: number;
  years: number;
  rate: number;
  dividendYield?: number;
}

export interface FutureIvInputs {
  kind: OptionKind;
  price: number;
  future: number;
  strike: number;
  years: number;
  rate: number;
}

const fail = (reason: IvFailure, iterations = 0): IvResult => ({ vol: null, iterations, reason });

/** Undiscounted Black price of the out-of-the-money option and its vega (∂/∂σ). */
function otmPriceAndVega(otmCall: boolean, f: number, k: number, t: number, v: number): [number, number] {
  const sqrtT = Math.sqrt(t);
  const vst = v * sqrtT;
  const d1 = Math.log(f / k) / vst + vst / 2;
  const d2 = d1 - vst;
  const price = otmCall ? f * normCdf(d1) - k * normCdf(d2) : k * normCdf(-d2) - f * normCdf(-d1);
  return [Math.max(price, 0), f * normPdf(d1) * sqrtT];
}

function solve(kind: OptionKind, price: number, f: number, k: number, t: number, rate: number): IvResult {
  if (kind !== 'call' && kind !== 'put') return fail('invalid-input');
  if (![price, f, k, t, rate].every(Number.isFinite) || price < 0 || f <= 0 || k <= 0) return fail('invalid-input');
  if (f > MAX_MODEL_PRICE || k > MAX_MODEL_PRICE || price > MAX_MODEL_PRICE) return fail('invalid-input');
  if (t <= 0) return fail('expired');
  const undiscounted = price * Math.exp(rate * t);
  if (!Number.isFinite(undiscounted)) return fail('invalid-input');
  const call = kind === 'call';
  const intrinsic = Math.max(call ? f - k : k - f, 0);
  const ceiling = call ? f : k;
  // Prices are quoted to a tick; compare with a relative slack so a price equal
  // to intrinsic in decimal does not read as below it after float rounding.
  const slack = 1e-12 * Math.max(f, k);
  if (undiscounted < intrinsic - slack) return fail('below-intrinsic');
  if (undiscounted >= ceiling) return fail('above-maximum');
  const otmCall = call ? f <= k : f < k;
  const target = call === otmCall ? undiscounted : undiscounted - intrinsic;
  const [atMin] = otmPriceAndVega(otmCall, f, k, t, MIN_VOL);
  const [atMax] = otmPriceAndVega(otmCall, f, k, t, MAX_VOL);
  if (target <= atMin || target >= atMax) return fail('out-of-range');

  return newtonBisection(otmCall, f, k, t, target);
}

/** The safeguarded iteration on [MIN_VOL, MAX_VOL], where the caller has checked a root lies. */
function newtonBisection(otmCall: boolean, f: number, k: number, t: number, target: number): IvResult {
  let lo = MIN_VOL;
  let hi = MAX_VOL;
  // Start at the inflection point of price in σ (where vega peaks), from which
  // Newton on Black's formula does not overshoot; at the money, from the ATM
  // approximation price ≈ 0.4·F·σ·√T.
  const x = Math.abs(Math.log(f / k));
  let v = x > 1e-8 ? Math.sqrt((2 * x) / t) : (target * Math.sqrt(2 * Math.PI)) / (f * Math.sqrt(t));
  if (!(v > lo && v < hi)) v = Math.sqrt(lo * hi);
  let step = hi - lo;
  let stepBefore = step;
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const [p, vega] = otmPriceAndVega(otmCall, f, k, t, v);
    const diff = p - target;
    if (diff === 0) return { vol: v, iterations: i, reason: null };
    if (diff > 0) hi = v;
    else lo = v;
    // Far from the target (off by more than a factor 2) step on ln(price): out of
    // the money the price is exponentially small in 1/σ², where plain Newton
    // crawls but its logarithm is nearly linear. Close to it, plain Newton.
    const ratio = p / target;
    const far = ratio > 2 || ratio < 0.5;
    const newton = !(vega > 0) ? Number.NaN : far && p > 0 ? v - (Math.log(ratio) * p) / vega : v - diff / vega;
    // Bisect when Newton leaves the bracket or is not at least halving the step
    // of two iterations ago (the rule of Numerical Recipes' rtsafe).
    const useNewton = newton > lo && newton < hi && Math.abs(newton - v) < Math.abs(stepBefore) / 2;
    const next = useNewton ? newton : (lo + hi) / 2;
    stepBefore = step;
    step = next - v;
    if (Math.abs(step) <= 1e-14 * v || hi - lo <= 1e-15 * hi) return { vol: next, iterations: i, reason: null };
    v = next;
  }
  return fail('not-converged', MAX_ITERATIONS);
}

export function blackScholesImpliedVol(i: SpotIvInputs): IvResult {
  const q = i.dividendYield ?? 0;
  if (!Number.isFinite(i.spot) || !Number.isFinite(q)) return fail('invalid-input');
  return solve(i.kind, i.price, i.spot * Math.exp((i.rate - q) * i.years), i.strike, i.years, i.rate);
}

export function black76ImpliedVol(i: FutureIvInputs): IvResult {
  return solve(i.kind, i.price, i.future, i.strike, i.years, i.rate);
}
