/**
 * Our order intent → Kotak Neo v2 order requests, pure. Kotak takes a JSON object of
 * short keys, every value a string, sent form-encoded as `jData=…`.
 *
 * Kotak-specific rules (MARKET-FACTS):
 * - Numbers are plain strings and zero is "0", never "0.0"; prices are rupees
 *   without trailing zeros ("24123.5").
 * - SL-M is refused from API sessions ("Market order with Algo Id not allowed"), so
 *   an SL-M intent is sent as SL with a protective limit and a `notice` tells the
 *   trader (see slm-conversion.ts).
 * Assumptions, stated to be checked: `mp` is a percentage like Kite's, and Kotak
 * has no "auto" protection, so −1 is refused rather than sent as "0" (none).
 * Modify/cancel keys (`no`, `tk`, `vd`, `dd`, `on`) follow Kotak's public client.
 */
import type { Instrument } from '../../../src-shared/domain/instrument';
import type { OrderModification, OrderType, Product, Side, Validity } from '../../../src-shared/orders/order-types';
import { bpsToPercentText, type OrderFields } from '../kite/order-request';
import { kotakSegmentOf } from './segments';
import { convertSlmToSl, DEFAULT_SLM_PROTECTION_BPS, type KotakNotice } from './slm-conversion';

export interface KotakRequest {
  method: 'POST';
  /** Relative to the session's order root (Kotak gives a per-user base URL at login). */
  path: string;
  /** The object that goes in jData; kept as-is for the ledger. */
  jData: Record<string, string>;
}

export type KotakBuildCode = 'TOKEN_MISMATCH' | 'UNSUPPORTED_EXCHANGE' | 'MISSING_PRICE' | 'MISSING_TRIGGER' | 'BAD_QUANTITY' | 'BAD_PROTECTION' | 'BAD_ORDER_NO';

export type KotakBuildResult =
  | { ok: true; request: KotakRequest; notice: KotakNotice | null }
  | { ok: false; code: KotakBuildCode; reason: string };

export interface KotakOrderOptions {
  amo?: boolean;
  /** Protective limit for SL-M → SL when the intent has no positive protection of its own. */
  slmProtectionBps?: number;
}

export const KOTAK_PATHS = {
  place: '/quick/order/rule/ms/place',
  modify: '/quick/order/vr/modify',
  cancel: '/quick/order/cancel',
} as const;

const ORDER_NO_RE = /^[A-Za-z0-9]{1,40}$/;
const fail = (code: KotakBuildCode, reason: string): KotakBuildResult => ({ ok: false, code, reason });

type InstrumentRef = Pick<Instrument, 'token' | 'exchangeToken' | 'tradingsymbol' | 'exchange' | 'tickSize'>;

export function buildKotakPlaceOrder(intent: OrderFields, instrument: InstrumentRef, options: KotakOrderOptions = {}): KotakBuildResult {
  if (intent.token !== instrument.token) return fail('TOKEN_MISMATCH', `intent is for token ${intent.token}, instrument is ${instrument.token}`);
  const es = kotakSegmentOf(instrument.exchange);
  if (es === null) return fail('UNSUPPORTED_EXCHANGE', `Kotak orders are not supported on ${instrument.exchange}`);
  if (!Number.isSafeInteger(intent.quantity) || intent.quantity <= 0) return fail('BAD_QUANTITY', 'quantity must be a positive number of units');
  const priced = priceFields(intent, intent.orderType, intent.price, intent.triggerPrice, instrument, options);
  if (!priced.ok) return priced;
  const jData: Record<string, string> = {
    es,
    pc: intent.product,
    pt: priced.pt,
    pr: priced.pr,
    tp: priced.tp,
    qt: String(intent.quantity),
    rt: intent.validity,
    ts: instrument.tradingsymbol,
    tt: sideCode(intent.side),
    am: options.amo === true ? 'YES' : 'NO',
    dq: '0',
    mp: priced.mp,
  };
  if (intent.algoId !== null) jData.ig = intent.algoId;
  return { ok: true, request: { method: 'POST', path: KOTAK_PATHS.place, jData }, notice: priced.notice };
}

export interface KotakModifyInput {
  orderNo: string;
  instrument: InstrumentRef;
  /** The order as it stands; Kotak's modify restates the whole order. */
  current: { side: Side; product: Product; validity: Validity; orderType: OrderType; quantity: number; price: number | null; triggerPrice: number | null; marketProtection: number; algoId: string | null };
  changes: OrderModification;
}

export function buildKotakModifyOrder(input: KotakModifyInput, options: KotakOrderOptions = {}): KotakBuildResult {
  if (!ORDER_NO_RE.test(input.orderNo)) return fail('BAD_ORDER_NO', `"${input.orderNo}" is not a Kotak order number`);
  const es = kotakSegmentOf(input.instrument.exchange);
  if (es === null) return fail('UNSUPPORTED_EXCHANGE', `Kotak orders are not supported on ${input.instrument.exchange}`);
  const { current, changes } = input;
  const quantity = changes.quantity ?? current.quantity;
  if (!Number.isSafeInteger(quantity) || quantity <= 0) return fail('BAD_QUANTITY', 'quantity must be a positive number of units');
  const orderType = changes.orderType ?? current.orderType;
  const price = changes.price !== undefined ? changes.price : current.price;
  const trigger = changes.triggerPrice !== undefined ? changes.triggerPrice : current.triggerPrice;
  const priced = priceFields(current, orderType, price, trigger, input.instrument, options);
  if (!priced.ok) return priced;
  const jData: Record<string, string> = {
    no: input.orderNo,
    tk: String(input.instrument.exchangeToken),
    es,
    ts: input.instrument.tradingsymbol,
    tt: sideCode(current.side),
    pc: current.product,
    pt: priced.pt,
    pr: priced.pr,
    tp: priced.tp,
    qt: String(quantity),
    vd: current.validity,
    dq: '0',
    dd: 'NA',
    mp: priced.mp,
  };
  return { ok: true, request: { method: 'POST', path: KOTAK_PATHS.modify, jData }, notice: priced.notice };
}

export function buildKotakCancelOrder(orderNo: string, options: { amo?: boolean } = {}): KotakBuildResult {
  if (!ORDER_NO_RE.test(orderNo)) return fail('BAD_ORDER_NO', `"${orderNo}" is not a Kotak order number`);
  return { ok: true, request: { method: 'POST', path: KOTAK_PATHS.cancel, jData: { on: orderNo, am: options.amo === true ? 'YES' : 'NO' } }, notice: null };
}

/** The form body Kotak expects: jData=<url-encoded JSON>. */
export function kotakFormBody(request: KotakRequest): string {
  return new URLSearchParams({ jData: JSON.stringify(request.jData) }).toString();
}

/** Paise → Kotak's rupee text: 0 → "0", 2412350 → "24123.5", 12300 → "123". */
export function kotakRupees(paise: number): string {
  const whole = Math.trunc(paise / 100);
  const fraction = String(paise % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

function sideCode(side: Side): 'B' | 'S' {
  return side === 'BUY' ? 'B' : 'S';
}

type Priced =
  | { ok: true; pt: string; pr: string; tp: string; mp: string; notice: KotakNotice | null }
  | { ok: false; code: KotakBuildCode; reason: string };

function priceFields(
  order: { side: Side; marketProtection: number },
  type: OrderType,
  price: number | null,
  trigger: number | null,
  instrument: InstrumentRef,
  options: KotakOrderOptions,
): Priced {
  const needTrigger = type === 'SL' || type === 'SL-M';
  if (needTrigger && (trigger === null || trigger <= 0)) return { ok: false, code: 'MISSING_TRIGGER', reason: `a ${type} order needs a trigger price` };
  const tp = needTrigger && trigger !== null ? kotakRupees(trigger) : '0';
  switch (type) {
    case 'L':
    case 'SL':
      if (price === null || price <= 0) return { ok: false, code: 'MISSING_PRICE', reason: `a ${type} order needs a price` };
      return { ok: true, pt: type, pr: kotakRupees(price), tp, mp: '0', notice: null };
    case 'MKT':
      if (order.marketProtection < 0) {
        return { ok: false, code: 'BAD_PROTECTION', reason: 'Kotak has no automatic market protection: set a percentage' };
      }
      return { ok: true, pt: 'MKT', pr: '0', tp: '0', mp: bpsToPercentText(order.marketProtection), notice: null };
    case 'SL-M': {
      const protectionBps = order.marketProtection > 0 ? order.marketProtection : (options.slmProtectionBps ?? DEFAULT_SLM_PROTECTION_BPS);
      const converted = convertSlmToSl({ side: order.side, triggerPrice: trigger ?? 0, tickSize: instrument.tickSize, protectionBps });
      return { ok: true, pt: 'SL', pr: kotakRupees(converted.limitPrice), tp, mp: '0', notice: converted.notice };
    }
  }
}
