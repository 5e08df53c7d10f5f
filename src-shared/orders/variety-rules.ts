import type { Instrument } from '../domain/instrument';
import type { OrderType } from './order-types';

/**
 * The rules of an order's variety (after-market, iceberg), pure and shared: the core's
 * validation refuses with these sentences and the ticket shows the same ones before the
 * trader sends anything, so the two can never disagree.
 *
 * Iceberg (Kite): one order the broker sends to the exchange in 2–10 equal legs, the
 * next when the previous one filled. It is how a trader exceeds the freeze quantity in
 * ONE order, so each leg — not the whole — must stay within the freeze limit, and the
 * order itself is never sliced. Legs are equal and whole lots because Kite takes one
 * `iceberg_quantity` per leg. Limit-priced only (L or SL), as Kite requires.
 * AMO and iceberg are separate Kite varieties: an order is one or the other.
 */

export const ICEBERG_MIN_LEGS = 2;
export const ICEBERG_MAX_LEGS = 10;

export type VarietyCode = 'AMO_ICEBERG' | 'ICEBERG_ORDER_TYPE' | 'ICEBERG_LEGS' | 'ICEBERG_SPLIT' | 'ICEBERG_LEG_ABOVE_FREEZE';

export type VarietyResult = { ok: true } | { ok: false; code: VarietyCode; reason: string };

export interface VarietyTerms {
  orderType: OrderType;
  /** Units. */
  quantity: number;
  amo: boolean;
  icebergLegs: number | null;
}

export type VarietyInstrument = Pick<Instrument, 'tradingsymbol' | 'instrumentType' | 'lotSize' | 'freezeQty'>;

/**
 * Largest lot-aligned quantity one exchange order may carry, or null without a freeze
 * limit: floor((freeze − 1) / lot) × lot, MARKET-FACTS' safe rule (masters disagree on
 * whether the freeze value itself is allowed). Below one lot it is 0: nothing fits.
 */
export function largestOrderQuantity(lotSize: number, freezeQty: number | null): number | null {
  if (freezeQty === null) return null;
  return Math.floor((freezeQty - 1) / lotSize) * lotSize;
}

/** Cash trades in single shares whatever the master's lot column says; F&O in lots. */
function tradingLot(instrument: VarietyInstrument): number {
  const t = instrument.instrumentType;
  return t === 'FUT' || t === 'CE' || t === 'PE' ? instrument.lotSize : 1;
}

/** Units per leg of an iceberg order (quantity / legs), or null when it is not one. */
export function icebergLegQuantity(terms: Pick<VarietyTerms, 'quantity' | 'icebergLegs'>): number | null {
  return terms.icebergLegs === null ? null : terms.quantity / terms.icebergLegs;
}

const fail = (code: VarietyCode, reason: string): VarietyResult => ({ ok: false, code, reason });
const units = (n: number): string => n.toLocaleString('en-IN');

export function checkVariety(terms: VarietyTerms, instrument: VarietyInstrument): VarietyResult {
  const legs = terms.icebergLegs;
  if (legs === null) return { ok: true };
  if (terms.amo) {
    return fail('AMO_ICEBERG', 'An order is either after-market (AMO) or an iceberg, not both: Kite takes them as separate varieties.');
  }
  if (terms.orderType !== 'L' && terms.orderType !== 'SL') {
    return fail('ICEBERG_ORDER_TYPE', 'An iceberg order must be a limit (L) or stop-loss limit (SL) order.');
  }
  if (!Number.isInteger(legs) || legs < ICEBERG_MIN_LEGS || legs > ICEBERG_MAX_LEGS) {
    return fail('ICEBERG_LEGS', `An iceberg order has ${ICEBERG_MIN_LEGS} to ${ICEBERG_MAX_LEGS} legs, not ${legs}.`);
  }
  const lot = tradingLot(instrument);
  const leg = terms.quantity / legs;
  if (!Number.isInteger(leg) || leg % lot !== 0) {
    const what = lot > 1 ? `equal legs of whole lots (lot ${units(lot)})` : 'equal legs of whole shares';
    return fail('ICEBERG_SPLIT', `${units(terms.quantity)} units do not split into ${legs} ${what}; choose a quantity or leg count that divides evenly.`);
  }
  const largest = largestOrderQuantity(lot, instrument.freezeQty);
  if (largest !== null && leg > largest) {
    const fewest = Math.ceil(terms.quantity / Math.max(largest, 1));
    const hint = fewest <= ICEBERG_MAX_LEGS ? `use at least ${fewest} legs` : `even ${ICEBERG_MAX_LEGS} legs are not enough: reduce the quantity`;
    return fail(
      'ICEBERG_LEG_ABOVE_FREEZE',
      `Each of the ${legs} legs would be ${units(leg)} units, above the ${units(largest)} one order of ${instrument.tradingsymbol} may carry (freeze quantity ${units(instrument.freezeQty as number)}); ${hint}.`,
    );
  }
  return { ok: true };
}
