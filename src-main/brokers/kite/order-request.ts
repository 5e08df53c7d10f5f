/**
 * Our order intent → Kite Connect v3 REST requests (form-encoded), pure. The adapter
 * sends what this returns and stores it verbatim in the ledger before sending.
 *
 * The core has validated the intent already; the builder still refuses anything that
 * would make a malformed request (a LIMIT without a price, an iceberg that does not
 * split into whole lots), returning a reason instead of throwing, because a request
 * that reaches the broker wrong costs more than one that never leaves.
 *
 * Assumptions beyond MARKET-FACTS, stated so they can be checked against Kite's docs:
 * - `tag` carries the SEBI algo id and is limited to 20 letters/digits (Kite's tag rule).
 * - Iceberg orders are limit-priced (LIMIT or SL), in 2–10 legs of whole lots.
 * - market_protection goes with MARKET and SL-M only, as a percentage (our bps / 100).
 */
import type { Instrument } from '../../../src-shared/domain/instrument';
import { paiseToRupeesString } from '../../../src-shared/money';
import type { OrderIntent, OrderModification, OrderType, Validity } from '../../../src-shared/orders/order-types';

export type KiteVariety = 'regular' | 'amo' | 'iceberg';

/**
 * The order fields a request is built from: an OrderIntent has them, and so does the
 * broker interface's place request (oms/broker-port.ts), so either can be passed.
 */
export type OrderFields = Pick<
  OrderIntent,
  'token' | 'side' | 'orderType' | 'product' | 'validity' | 'quantity' | 'price' | 'triggerPrice' | 'marketProtection' | 'algoId'
>;

export interface KiteRequest {
  method: 'POST' | 'PUT' | 'DELETE';
  /** Relative to the configurable REST root. */
  path: string;
  form: Record<string, string>;
}

export type KiteBuildResult = { ok: true; request: KiteRequest } | { ok: false; code: KiteBuildCode; reason: string };

export type KiteBuildCode =
  | 'TOKEN_MISMATCH'
  | 'MISSING_PRICE'
  | 'MISSING_TRIGGER'
  | 'BAD_QUANTITY'
  | 'BAD_TAG'
  | 'BAD_ICEBERG'
  | 'BAD_ORDER_ID';

const KITE_ORDER_TYPES: Record<OrderType, string> = { MKT: 'MARKET', L: 'LIMIT', SL: 'SL', 'SL-M': 'SL-M' };
const TAG_RE = /^[A-Za-z0-9]{1,20}$/;
const ORDER_ID_RE = /^[A-Za-z0-9]{1,40}$/;

export interface KitePlaceOptions {
  variety: KiteVariety;
  /** Iceberg only: number of legs, 2–10. */
  icebergLegs?: number;
}

const fail = (code: KiteBuildCode, reason: string): KiteBuildResult => ({ ok: false, code, reason });

export function buildKitePlaceOrder(
  intent: OrderFields,
  instrument: Pick<Instrument, 'token' | 'tradingsymbol' | 'exchange' | 'lotSize'>,
  options: KitePlaceOptions,
): KiteBuildResult {
  if (intent.token !== instrument.token) return fail('TOKEN_MISMATCH', `intent is for token ${intent.token}, instrument is ${instrument.token}`);
  if (!Number.isSafeInteger(intent.quantity) || intent.quantity <= 0) return fail('BAD_QUANTITY', 'quantity must be a positive number of units');
  const priced = priceFields(intent.orderType, intent.price, intent.triggerPrice, intent.marketProtection);
  if (!priced.ok) return priced;
  const form: Record<string, string> = {
    tradingsymbol: instrument.tradingsymbol,
    exchange: instrument.exchange,
    transaction_type: intent.side,
    order_type: KITE_ORDER_TYPES[intent.orderType],
    quantity: String(intent.quantity),
    product: intent.product,
    validity: intent.validity,
    ...priced.fields,
  };
  if (intent.algoId !== null) {
    if (!TAG_RE.test(intent.algoId)) return fail('BAD_TAG', `algo id "${intent.algoId}" does not fit Kite's tag (1–20 letters or digits)`);
    form.tag = intent.algoId;
  }
  if (options.variety === 'iceberg') {
    const iceberg = icebergFields(intent, instrument.lotSize, options.icebergLegs);
    if (!iceberg.ok) return iceberg;
    Object.assign(form, iceberg.fields);
  }
  return { ok: true, request: { method: 'POST', path: `/orders/${options.variety}`, form } };
}

export interface KiteModifyInput {
  variety: KiteVariety;
  orderId: string;
  /** The order as it stands; a modify sends the whole resulting order, not a diff. */
  current: { orderType: OrderType; quantity: number; price: number | null; triggerPrice: number | null; validity: Validity; marketProtection: number };
  changes: OrderModification;
}

export function buildKiteModifyOrder(input: KiteModifyInput): KiteBuildResult {
  if (!ORDER_ID_RE.test(input.orderId)) return fail('BAD_ORDER_ID', `"${input.orderId}" is not a Kite order id`);
  const orderType = input.changes.orderType ?? input.current.orderType;
  const quantity = input.changes.quantity ?? input.current.quantity;
  const price = input.changes.price !== undefined ? input.changes.price : input.current.price;
  const trigger = input.changes.triggerPrice !== undefined ? input.changes.triggerPrice : input.current.triggerPrice;
  if (!Number.isSafeInteger(quantity) || quantity <= 0) return fail('BAD_QUANTITY', 'quantity must be a positive number of units');
  const priced = priceFields(orderType, price, trigger, input.current.marketProtection);
  if (!priced.ok) return priced;
  const { market_protection: _protection, ...fields } = priced.fields;
  const form = { order_type: KITE_ORDER_TYPES[orderType], quantity: String(quantity), validity: input.current.validity, ...fields };
  return { ok: true, request: { method: 'PUT', path: `/orders/${input.variety}/${input.orderId}`, form } };
}

export function buildKiteCancelOrder(variety: KiteVariety, orderId: string): KiteBuildResult {
  if (!ORDER_ID_RE.test(orderId)) return fail('BAD_ORDER_ID', `"${orderId}" is not a Kite order id`);
  return { ok: true, request: { method: 'DELETE', path: `/orders/${variety}/${orderId}`, form: {} } };
}

/** application/x-www-form-urlencoded body of a request's form. */
export function formBody(form: Record<string, string>): string {
  return new URLSearchParams(form).toString();
}

type Fields = { ok: true; fields: Record<string, string> } | { ok: false; code: KiteBuildCode; reason: string };

function priceFields(type: OrderType, price: number | null, trigger: number | null, protectionBps: number): Fields {
  const fields: Record<string, string> = {};
  if (type === 'L' || type === 'SL') {
    if (price === null || price <= 0) return { ok: false, code: 'MISSING_PRICE', reason: `a ${type} order needs a price` };
    fields.price = paiseToRupeesString(price);
  }
  if (type === 'SL' || type === 'SL-M') {
    if (trigger === null || trigger <= 0) return { ok: false, code: 'MISSING_TRIGGER', reason: `a ${type} order needs a trigger price` };
    fields.trigger_price = paiseToRupeesString(trigger);
  }
  if (type === 'MKT' || type === 'SL-M') fields.market_protection = bpsToPercentText(protectionBps);
  return { ok: true, fields };
}

function icebergFields(intent: OrderFields, lotSize: number, legs: number | undefined): Fields {
  if (intent.orderType === 'MKT' || intent.orderType === 'SL-M') {
    return { ok: false, code: 'BAD_ICEBERG', reason: 'iceberg orders must be LIMIT or SL' };
  }
  if (legs === undefined || !Number.isInteger(legs) || legs < 2 || legs > 10) {
    return { ok: false, code: 'BAD_ICEBERG', reason: 'iceberg orders need 2 to 10 legs' };
  }
  const legQuantity = intent.quantity / legs;
  if (!Number.isInteger(legQuantity) || legQuantity % lotSize !== 0) {
    return { ok: false, code: 'BAD_ICEBERG', reason: `${intent.quantity} units do not split into ${legs} legs of whole lots of ${lotSize}` };
  }
  return { ok: true, fields: { iceberg_legs: String(legs), iceberg_quantity: String(legQuantity) } };
}

/** Basis points → Kite's percentage text: 250 → "2.5", 200 → "2", 5 → "0.05", −1 (auto) → "-1". */
export function bpsToPercentText(bps: number): string {
  if (bps < 0) return '-1';
  const whole = Math.trunc(bps / 100);
  const fraction = String(bps % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}
