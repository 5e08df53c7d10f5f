import { assertPaise, type Paise } from '../money';

/**
 * Averages are the one place a price stops being a whole number of paise. We keep the
 * exact total (Σ qty × price, bigint paise) and divide only when showing or storing,
 * with the rounding spelled out here, so no sum is ever built from a rounded average.
 */

/** n / d rounded half away from zero; d must be positive. */
export function divideHalfUp(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('divideHalfUp: the divisor must be positive');
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let q = abs / d;
  if ((abs % d) * 2n >= d) q += 1n;
  return negative ? -q : q;
}

/** Σ qty × price as an exact bigint, for fills or position legs. */
export function valueOf(quantity: number, price: Paise): bigint {
  return BigInt(quantity) * BigInt(price);
}

/** Average price in whole paise (half-up), for the screen; null when nothing traded. */
export function averagePaise(totalValue: bigint, quantity: number): Paise | null {
  if (quantity === 0) return null;
  const q = BigInt(Math.abs(quantity));
  const v = quantity < 0 ? -totalValue : totalValue;
  return assertPaise(Number(divideHalfUp(v, q)), 'average price');
}

/**
 * Average price in RUPEES with `decimals` places (default 4, i.e. hundredths of a
 * paisa), half-up, as a string ready for a NUMERIC column. "24000.1234".
 */
export function averageRupeesString(totalValue: bigint, quantity: number, decimals = 4): string | null {
  if (quantity === 0) return null;
  if (!Number.isInteger(decimals) || decimals < 2) throw new RangeError('averageRupeesString: decimals must be an integer ≥ 2');
  const q = BigInt(Math.abs(quantity));
  const v = quantity < 0 ? -totalValue : totalValue;
  // paise → rupees is ÷100; keep (decimals) places: scale by 10^decimals / 100.
  const scaled = divideHalfUp(v * 10n ** BigInt(decimals - 2), q);
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, '0');
  const text = `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative ? `-${text}` : text;
}
