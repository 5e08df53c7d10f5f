/**
 * European option prices and greeks: Black–Scholes–Merton on the spot with a
 * continuous dividend yield q, and Black-76 on a futures price. Both are the
 * generalised model with cost of carry b (Haug): b = r − q on spot, b = 0 on
 * a future.
 *
 * Units, stated once: years in ACT/365 (see expiry-time.ts); rates and vols
 * as decimals (0.07 = 7 %); theta per year AND per calendar day (÷ 365; the
 * option chain shows per day); vega and rho per 1 percentage point (the
 * textbook per-unit values ÷ 100). Invalid inputs (non-positive or absurd
 * prices, a vol ≤ 0, non-finite rates) give NaN, never a throw; at
 * or after expiry (years ≤ 0) the option is worth its intrinsic value.
 */
import { normCdf, normPdf } from './normal';

export type OptionKind = 'call' | 'put';

export interface Greeks {
  price: number;
  /** ∂price/∂underlying (the spot for Black–Scholes, the future for Black-76). */
  delta: number;
  gamma: number;
  /** Price change for +1 vol point (σ + 0.01). */
  vegaPerPoint: number;
  /** ∂price/∂t per year of time passing (= −∂price/∂T): negative for most long options. */
  thetaPerYear: number;
  /** thetaPerYear / 365: one calendar day's decay. */
  thetaPerDay: number;
  /** Price change for +1 rate point (r + 0.01); for Black-76 with the future held fixed. */
  rhoPerPoint: number;
}

export interface SpotInputs {
  kind: OptionKind;
  spot: number;
  strike: number;
  years: number;
  /** Continuously compounded risk-free rate. */
  rate: number;
  /** Continuous dividend yield; 0 when omitted. */
  dividendYield?: number;
  vol: number;
}

export interface FutureInputs {
  kind: OptionKind;
  future: number;
  strike: number;
  years: number;
  rate: number;
  vol: number;
}

const DAYS_PER_YEAR = 365;
const NAN_GREEKS: Greeks = {
  price: Number.NaN,
  delta: Number.NaN,
  gamma: Number.NaN,
  vegaPerPoint: Number.NaN,
  thetaPerYear: Number.NaN,
  thetaPerDay: Number.NaN,
  rhoPerPoint: Number.NaN,
};

/**
 * Above this (10^17 paise, ₹10^15) an underlying or strike is not a price but
 * a corrupted field; refusing it also keeps S·N(d1) far from overflow.
 */
export const MAX_MODEL_PRICE = 1e17;

const positive = (x: number) => Number.isFinite(x) && x > 0;
const inPriceRange = (x: number) => positive(x) && x <= MAX_MODEL_PRICE;

function valid(s: number, k: number, t: number, r: number, b: number, v: number): boolean {
  return inPriceRange(s) && inPriceRange(k) && !Number.isNaN(t) && t !== Number.POSITIVE_INFINITY && Number.isFinite(r) && Number.isFinite(b) && positive(v);
}

function atExpiry(kind: OptionKind, s: number, k: number): Greeks {
  const call = kind === 'call';
  const price = Math.max(call ? s - k : k - s, 0);
  const inTheMoney = call ? s > k : s < k;
  return { price, delta: inTheMoney ? (call ? 1 : -1) : 0, gamma: 0, vegaPerPoint: 0, thetaPerYear: 0, thetaPerDay: 0, rhoPerPoint: 0 };
}

/** The generalised model; `futures` switches rho to the Black-76 meaning (F fixed, so ∂/∂r = −T·price). */
function generalised(kind: OptionKind, s: number, k: number, t: number, r: number, b: number, v: number, futures: boolean): Greeks {
  if (!valid(s, k, t, r, b, v)) return NAN_GREEKS;
  if (t <= 0) return atExpiry(kind, s, k);
  const sqrtT = Math.sqrt(t);
  const vst = v * sqrtT;
  const d1 = (Math.log(s / k) + (b + (v * v) / 2) * t) / vst;
  const d2 = d1 - vst;
  const carry = Math.exp((b - r) * t);
  const discount = Math.exp(-r * t);
  const pdf = normPdf(d1);
  const sign = kind === 'call' ? 1 : -1;
  const nd1 = normCdf(sign * d1);
  const nd2 = normCdf(sign * d2);
  // Far out of the money the two terms can round to a hair below zero; a price never is.
  const price = Math.max(0, sign * (s * carry * nd1 - k * discount * nd2));
  const decay = (-s * carry * pdf * v) / (2 * sqrtT);
  const thetaPerYear = decay - sign * (b - r) * s * carry * nd1 - sign * r * k * discount * nd2;
  const rho = futures ? -t * price : sign * t * k * discount * nd2;
  return {
    price,
    delta: sign * carry * nd1,
    gamma: (carry * pdf) / (s * vst),
    vegaPerPoint: (s * carry * pdf * sqrtT) / 100,
    thetaPerYear,
    thetaPerDay: thetaPerYear / DAYS_PER_YEAR,
    rhoPerPoint: rho / 100,
  };
}

export function blackScholesGreeks(i: SpotInputs): Greeks {
  const q = i.dividendYield ?? 0;
  return generalised(i.kind, i.spot, i.strike, i.years, i.rate, i.rate - q, i.vol, false);
}

export function black76Greeks(i: FutureInputs): Greeks {
  return generalised(i.kind, i.future, i.strike, i.years, i.rate, 0, i.vol, true);
}

export const blackScholesPrice = (i: SpotInputs): number => blackScholesGreeks(i).price;
export const black76Price = (i: FutureInputs): number => black76Greeks(i).price;
