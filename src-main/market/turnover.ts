/**
 * An exact running sum of price × quantity (paise × units) for VWAP, without a
 * BigInt allocation per tick: products and sums stay in a plain number while
 * they are safe integers and spill into a bigint before they could lose a unit.
 */
const SPILL_AT = 2 ** 52;

export interface Turnover {
  lo: number;
  hi: bigint;
}

export const emptyTurnover = (): Turnover => ({ lo: 0, hi: 0n });

export function addTurnover(sum: Turnover, price: number, qty: number): void {
  const product = price * qty;
  if (Number.isSafeInteger(product) && product < SPILL_AT) {
    sum.lo += product;
    if (sum.lo >= SPILL_AT) {
      sum.hi += BigInt(sum.lo);
      sum.lo = 0;
    }
  } else {
    sum.hi += BigInt(price) * BigInt(qty);
  }
}

export function turnoverTotal(sum: Turnover): bigint {
  return sum.hi + BigInt(sum.lo);
}

/** Σ(price × qty) / Σqty in whole paise, half-up; null for no volume. Prices are positive, so half-up is plain. */
export function vwapPaise(sum: Turnover, qty: number): number | null {
  if (qty <= 0) return null;
  const total = turnoverTotal(sum);
  const q = BigInt(qty);
  return Number((total * 2n + q) / (2n * q));
}

/** VWAP in rupees as an exact decimal string rounded half-up to `decimals` places, for a NUMERIC column. */
export function vwapRupees(total: bigint, qty: number, decimals = 4): string | null {
  if (qty <= 0) return null;
  const scale = 10n ** BigInt(decimals);
  const q = BigInt(qty) * 100n;
  const scaled = (total * scale * 2n + q) / (2n * q);
  const text = scaled.toString().padStart(decimals + 1, '0');
  return decimals === 0 ? text : `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
}
