/**
 * The order ticket's rules as pure functions: what the trader typed (lots or
 * shares, rupees, percent) becomes an intent in units, paise and basis points,
 * exactly — amounts go through the decimal string (src-shared/money), never a
 * float. The core re-checks everything; these only keep the form honest.
 */
import type { Instrument } from '../../../../src-shared/domain/instrument';
import { paiseToRupeesString, rupeesToPaise, type Paise } from '../../../../src-shared/money';
import {
  MARKET_PROTECTION_AUTO,
  MARKET_PROTECTION_MAX_BPS,
  type OrderIntentInput,
  type OrderType,
  type Product,
  type Side,
  type Validity,
} from '../../../../src-shared/orders/order-types';
import { checkVariety } from '../../../../src-shared/orders/variety-rules';

export interface TicketForm {
  side: Side;
  instrument: Instrument | null;
  orderType: OrderType;
  product: Product;
  validity: Validity;
  /** Lots for F&O, shares for cash, as typed. */
  quantity: string;
  /** Rupees as typed. */
  price: string;
  trigger: string;
  /** Market protection in percent as typed; ignored when protectionAuto. */
  protection: string;
  protectionAuto: boolean;
  /** After-market order. */
  amo: boolean;
  /** Iceberg leg count as typed; blank = not an iceberg. Only L and SL take it. */
  icebergLegs: string;
}

/** The intent minus its client order id (that is chosen at submit time, see client-order-id.ts). */
export type TicketIntent = Omit<OrderIntentInput, 'clientOrderId'>;

export type Built = { ok: true; intent: TicketIntent } | { ok: false; field: TicketField; error: string };
export type TicketField = 'instrument' | 'quantity' | 'price' | 'trigger' | 'protection' | 'product' | 'iceberg';

/** 2 % is a common broker default and far inside the 0–100 % band. */
export const DEFAULT_PROTECTION = '2';

export function emptyForm(side: Side, instrument: Instrument | null): TicketForm {
  return {
    side,
    instrument,
    orderType: 'MKT',
    product: defaultProduct(instrument),
    validity: 'DAY',
    quantity: '1',
    price: '',
    trigger: '',
    protection: DEFAULT_PROTECTION,
    protectionAuto: false,
    amo: false,
    icebergLegs: '',
  };
}

export function isDerivative(instrument: Instrument | null): boolean {
  const type = instrument?.instrumentType;
  return type === 'FUT' || type === 'CE' || type === 'PE';
}

/** CNC is cash delivery, NRML F&O carry-forward; MIS (intraday) works for both. Indices trade not at all. */
export function allowedProducts(instrument: Instrument | null): Product[] {
  if (!instrument) return ['MIS', 'CNC', 'NRML'];
  if (instrument.instrumentType === 'INDEX') return [];
  return isDerivative(instrument) ? ['NRML', 'MIS'] : ['CNC', 'MIS'];
}

export function defaultProduct(instrument: Instrument | null): Product {
  return isDerivative(instrument) ? 'NRML' : 'CNC';
}

/** Keeps the trader's product when the new instrument allows it, else that instrument's default. */
export function fitProduct(current: Product, instrument: Instrument | null): Product {
  return allowedProducts(instrument).includes(current) ? current : defaultProduct(instrument);
}

/** Which inputs an order type takes (the core refuses the others). */
export function fieldsFor(orderType: OrderType): { price: boolean; trigger: boolean; protection: boolean; iceberg: boolean } {
  return {
    price: orderType === 'L' || orderType === 'SL',
    trigger: orderType === 'SL' || orderType === 'SL-M',
    protection: orderType === 'MKT' || orderType === 'SL-M',
    // Iceberg orders are limit-priced (Kite: LIMIT or SL only).
    iceberg: orderType === 'L' || orderType === 'SL',
  };
}

export function quantityUnit(instrument: Instrument | null): 'lots' | 'shares' {
  return isDerivative(instrument) ? 'lots' : 'shares';
}

/** Lots × lot size for F&O, shares as they are for cash. */
export function lotsToUnits(lots: number, instrument: Instrument | null): number {
  return isDerivative(instrument) && instrument ? lots * instrument.lotSize : lots;
}

/** Units back to what the quantity box shows (whole lots, rounded down, for F&O). */
export function unitsToEntry(units: number, instrument: Instrument | null): number {
  return isDerivative(instrument) && instrument ? Math.floor(units / instrument.lotSize) : units;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** A whole number above zero, as typed (no exponent, no decimals, no sign). */
export function parseCount(text: string, what: string): Parsed<number> {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { ok: false, error: `${what} must be a whole number.` };
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value) || value <= 0) return { ok: false, error: `${what} must be above zero.` };
  return { ok: true, value };
}

/** Rupees with at most two decimals → paise, exactly. */
export function parseRupees(text: string, what: string): Parsed<Paise> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: `Enter a ${what.toLowerCase()}.` };
  if (trimmed.startsWith('-') || trimmed.startsWith('+')) return { ok: false, error: `${what} must be a positive amount in rupees.` };
  try {
    const paise = rupeesToPaise(trimmed);
    return paise > 0 ? { ok: true, value: paise } : { ok: false, error: `${what} must be above zero.` };
  } catch {
    return { ok: false, error: `${what} must be in rupees with at most two decimals (e.g. 2450.05).` };
  }
}

/**
 * Percent with at most two decimals → basis points (2.5 % → 250). The same
 * decimal-string arithmetic as rupees → paise (both are × 100), so it is exact.
 */
export function parseProtection(text: string): Parsed<number> {
  const parsed = parseRupees(text, 'Market protection');
  if (!parsed.ok) return { ok: false, error: 'Market protection must be a percentage above 0 with at most two decimals.' };
  if (parsed.value > MARKET_PROTECTION_MAX_BPS) return { ok: false, error: 'Market protection cannot exceed 100 %.' };
  return parsed;
}

/** Paise → what the price box shows ("2450.05"). */
export function paiseToInput(paise: Paise): string {
  return paiseToRupeesString(paise);
}

/** Down to the tick below (or at) a price: a live price seeds the limit box on the grid. */
export function snapToTick(paise: Paise, tick: Paise): Paise {
  return paise - (paise % tick);
}

/**
 * ArrowUp/ArrowDown in a price box: one tick up or down, in paise. An off-grid
 * price first snaps to the grid in the direction of travel. Never below one tick.
 */
export function stepPrice(text: string, tick: Paise, direction: 1 | -1): string | null {
  const trimmed = text.trim();
  let paise: Paise;
  if (trimmed === '') paise = 0;
  else {
    const parsed = parseRupees(trimmed, 'Price');
    if (!parsed.ok) return null;
    paise = parsed.value;
  }
  const below = snapToTick(paise, tick);
  const next = direction === 1 ? below + tick : below === paise ? below - tick : below;
  return paiseToInput(Math.max(tick, next));
}

/** The form as an intent, or the first thing the trader still has to fix. */
export function buildIntent(form: TicketForm): Built {
  const { instrument } = form;
  if (!instrument) return { ok: false, field: 'instrument', error: 'Choose an instrument.' };
  if (!allowedProducts(instrument).includes(form.product)) {
    const allowed = allowedProducts(instrument);
    const error =
      allowed.length === 0
        ? `${instrument.tradingsymbol} is an index and cannot be traded.`
        : `${form.product} is not available for ${instrument.tradingsymbol}; use ${allowed.join(' or ')}.`;
    return { ok: false, field: 'product', error };
  }
  const unit = quantityUnit(instrument);
  const count = parseCount(form.quantity, unit === 'lots' ? 'Lots' : 'Quantity');
  if (!count.ok) return { ok: false, field: 'quantity', error: count.error };
  const quantity = lotsToUnits(count.value, instrument);
  if (!Number.isSafeInteger(quantity)) return { ok: false, field: 'quantity', error: 'Quantity is too large.' };

  const fields = fieldsFor(form.orderType);
  let price: Paise | null = null;
  if (fields.price) {
    const parsed = parseRupees(form.price, 'Price');
    if (!parsed.ok) return { ok: false, field: 'price', error: parsed.error };
    price = parsed.value;
  }
  let triggerPrice: Paise | null = null;
  if (fields.trigger) {
    const parsed = parseRupees(form.trigger, 'Trigger price');
    if (!parsed.ok) return { ok: false, field: 'trigger', error: parsed.error };
    triggerPrice = parsed.value;
  }
  let marketProtection = 0;
  if (fields.protection) {
    if (form.protectionAuto) marketProtection = MARKET_PROTECTION_AUTO;
    else {
      const parsed = parseProtection(form.protection);
      if (!parsed.ok) return { ok: false, field: 'protection', error: parsed.error };
      marketProtection = parsed.value;
    }
  }
  let icebergLegs: number | null = null;
  if (fields.iceberg && form.icebergLegs.trim() !== '') {
    const parsed = parseCount(form.icebergLegs, 'Iceberg legs');
    if (!parsed.ok) return { ok: false, field: 'iceberg', error: parsed.error };
    icebergLegs = parsed.value;
  }
  // The core's own rules (shared), so the ticket refuses exactly what placing would.
  const variety = checkVariety({ orderType: form.orderType, quantity, amo: form.amo, icebergLegs }, instrument);
  if (!variety.ok) return { ok: false, field: 'iceberg', error: variety.reason };
  return {
    ok: true,
    intent: {
      token: instrument.token,
      side: form.side,
      orderType: form.orderType,
      product: form.product,
      validity: form.validity,
      quantity,
      price,
      triggerPrice,
      marketProtection,
      strategyId: 'manual',
      algoId: null,
      amo: form.amo,
      icebergLegs,
    },
  };
}

/** A stable identity of an intent (same fields, same key): decides whether a re-submit reuses its client id. */
export function intentKey(intent: TicketIntent): string {
  return JSON.stringify([
    intent.token,
    intent.side,
    intent.orderType,
    intent.product,
    intent.validity,
    intent.quantity,
    intent.price,
    intent.triggerPrice,
    intent.marketProtection ?? 0,
    intent.strategyId ?? 'manual',
    intent.algoId ?? null,
    intent.amo ?? false,
    intent.icebergLegs ?? null,
  ]);
}
