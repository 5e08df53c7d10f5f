/**
 * The price maths of the simulated feed, kept free of state so it can be
 * tested alone. Underlyings follow a mean-reverting random walk in continuous
 * "fair value" space, published on the tick grid; futures are fair value plus
 * a carry basis; options use the Bachelier (normal) model, which is cheap
 * (no log), never below intrinsic and never negative.
 */

export const YEAR_MS = 365 * 86_400_000;

/** Annualised volatility and reversion of the simulated underlyings. */
export const MODEL_DEFAULTS = {
  /** Volatility of indices, per year (as a fraction of price). */
  indexVol: 0.18,
  /** Volatility of stocks, per year. */
  stockVol: 0.3,
  /** Fair value drifts back to the reference with this half-life. */
  reversionHalfLifeMs: 4 * 3_600_000,
  /** Cost of carry for futures, per year. */
  carryRate: 0.065,
  /** Implied volatility used for option prices, per year. */
  optionVol: 0.14,
  /** Options and futures are priced with at least this much time left (avoids a 0/0 at expiry). */
  minTimeMs: 60_000,
} as const;

/** Trading-time volatility scaled to a per-√ms figure (≈ 250 days × 6.25 h of trading a year). */
export function volPerSqrtMs(annualVol: number): number {
  return annualVol / Math.sqrt(250 * 6.25 * 3_600_000);
}

/**
 * One step of the mean-reverting walk: returns the new fair value.
 * `shock` is a standard normal draw; dtMs the time since the last step.
 */
export function stepFairValue(fair: number, ref: number, sigmaPerSqrtMs: number, kappaPerMs: number, dtMs: number, shock: number): number {
  const dt = dtMs > 0 ? dtMs : 0;
  const next = fair + (ref - fair) * Math.min(1, kappaPerMs * dt) + fair * sigmaPerSqrtMs * Math.sqrt(dt) * shock;
  // A floor at 1 % of the reference: a simulated stock never goes to zero.
  return next > ref * 0.01 ? next : ref * 0.01;
}

/** Rounds a price (paise) to the nearest tick, at least one tick. */
export function toTickGrid(price: number, tick: number): number {
  const ticks = Math.round(price / tick);
  return (ticks > 1 ? ticks : 1) * tick;
}

/** Futures fair value: spot plus carry to expiry. */
export function futurePrice(spot: number, msToExpiry: number, carryRate: number): number {
  return spot * (1 + (carryRate * (msToExpiry > 0 ? msToExpiry : 0)) / YEAR_MS);
}

/** Standard normal density. */
export function normPdf(x: number): number {
  return 0.3989422804014327 * Math.exp(-0.5 * x * x);
}

/** Standard normal CDF (Abramowitz–Stegun 26.2.17, |error| < 7.5e-8). */
export function normCdf(x: number): number {
  const z = x < 0 ? -x : x;
  const t = 1 / (1 + 0.2316419 * z);
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const upper = normPdf(z) * poly;
  return x < 0 ? upper : 1 - upper;
}

/**
 * Bachelier option value: with s = spot × vol × √T and d = spot − strike,
 * call = d·Φ(d/s) + s·φ(d/s), put = call − d. Always ≥ intrinsic, ≥ 0.
 */
export function optionPrice(isCall: boolean, spot: number, strike: number, annualVol: number, msToExpiry: number): number {
  const years = msToExpiry / YEAR_MS;
  const s = spot * annualVol * Math.sqrt(years > 0 ? years : 0);
  const d = spot - strike;
  if (s <= 1e-9) return isCall ? (d > 0 ? d : 0) : d < 0 ? -d : 0;
  const x = d / s;
  const call = d * normCdf(x) + s * normPdf(x);
  const value = isCall ? call : call - d;
  return value > 0 ? value : 0;
}
