/**
 * The at-the-money strike: the listed strike nearest the underlying (the
 * future for a Black-76 chain, the spot otherwise). Exactly half-way between
 * two strikes, the LOWER one is ATM — a fixed rule, so the highlighted row
 * does not flicker between two strikes while the price sits on the midpoint.
 */
export function atmStrike(strikes: readonly number[], underlying: number): number | null {
  if (!Number.isFinite(underlying)) return null;
  let best: number | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const strike of strikes) {
    if (!Number.isFinite(strike)) continue;
    const distance = Math.abs(strike - underlying);
    if (distance < bestDistance || (distance === bestDistance && best !== null && strike < best)) {
      best = strike;
      bestDistance = distance;
    }
  }
  return best;
}
