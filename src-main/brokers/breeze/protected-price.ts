/**
 * Breeze takes no market orders ("any order marked as 'market' will instead be placed
 * as an aggressive limit order", facts §B3), so a market order becomes a LIMIT at a
 * protected price, computed here, pure, in integer paise with bigint arithmetic:
 *
 *   buy  limit = LTP + max(LTP × protection, minimum move), rounded DOWN to the tick
 *   sell limit = LTP − max(LTP × protection, minimum move), rounded UP to the tick
 *
 * Rounding goes toward the LTP, so the protection is a ceiling the price never passes;
 * but the limit stays at least one tick beyond the LTP (a buy above it, a sell below),
 * or the order would not be aggressive at all. It is then clamped inside the circuit
 * band when the caller knows it (the exchange refuses a price outside), and a sell
 * never goes below one tick.
 *
 * The defaults are the Python SDK's (v1.0.68): 3 % cash, 1.5 % futures, 10 % options,
 * with minimum moves of ₹0.05, ₹0.05 and ₹5. The SDK rounds to the nearest tick; we
 * round toward the LTP for the reason above.
 */
import type { Side } from '../../../src-shared/orders/order-types';

export type BreezeKind = 'cash' | 'futures' | 'options';

export const BREEZE_DEFAULT_PROTECTION: Readonly<Record<BreezeKind, { bps: number; minMove: number }>> = {
  cash: { bps: 300, minMove: 5 },
  futures: { bps: 150, minMove: 5 },
  options: { bps: 1000, minMove: 500 },
};

export interface ProtectionInput {
  side: Side;
  /** Paise, the price the protection is measured from (LTP; for SL-M, the trigger). */
  reference: number;
  /** Paise, > 0. */
  tickSize: number;
  /** Basis points, 1–10,000. */
  bps: number;
  /** Paise: the least distance from the reference. */
  minMove: number;
  upperCircuit?: number | null;
  lowerCircuit?: number | null;
}

export type ProtectionResult = { ok: true; price: number } | { ok: false; reason: string };

export function protectedLimitPrice(input: ProtectionInput): ProtectionResult {
  const { side, reference, tickSize, bps, minMove } = input;
  if (!Number.isSafeInteger(reference) || reference <= 0) return { ok: false, reason: 'no last traded price to protect the order from' };
  if (!Number.isSafeInteger(tickSize) || tickSize <= 0) return { ok: false, reason: 'the instrument has no tick size' };
  if (!Number.isInteger(bps) || bps < 1 || bps > 10_000) return { ok: false, reason: 'market protection must be between 0.01 % and 100 %' };
  const ref = BigInt(reference);
  const tick = BigInt(tickSize);
  const scale = 10_000n;
  const moveScaled = ref * BigInt(bps) > BigInt(minMove) * scale ? ref * BigInt(bps) : BigInt(minMove) * scale;
  const denominator = scale * tick;
  let ticks: bigint;
  if (side === 'BUY') {
    ticks = (ref * scale + moveScaled) / denominator; // floor
    const leastTicks = ref / tick + 1n; // one tick above the reference
    if (ticks < leastTicks) ticks = leastTicks;
    if (input.upperCircuit != null && input.upperCircuit > 0) {
      const cap = BigInt(input.upperCircuit) / tick;
      if (ticks > cap) ticks = cap;
    }
  } else {
    const numerator = ref * scale - moveScaled;
    ticks = numerator <= 0n ? 1n : (numerator + denominator - 1n) / denominator; // ceil
    const mostTicks = (ref + tick - 1n) / tick - 1n; // one tick below the reference
    if (ticks > mostTicks) ticks = mostTicks;
    if (input.lowerCircuit != null && input.lowerCircuit > 0) {
      const floor = (BigInt(input.lowerCircuit) + tick - 1n) / tick;
      if (ticks < floor) ticks = floor;
    }
    if (ticks < 1n) ticks = 1n;
  }
  return { ok: true, price: Number(ticks * tick) };
}
