/**
 * Our order → Breeze order requests, pure. The body is JSON with every value a string,
 * sent (and signed, checksum.ts) as breezeJson(body); the adapter stores it verbatim
 * in the ledger before sending.
 *
 * Breeze's rules (facts §B3), each refusal a sentence the ticket can show:
 * - Products: delivery cash is `cash`, F&O carry-forward is `futures` / `options`.
 *   Intraday Margin and Option Plus (and Future Plus) are prohibited through the API,
 *   so MIS is refused, never sent under another product.
 * - No market orders: a MKT becomes a LIMIT at a protected price from the LTP
 *   (protected-price.ts), and an SL-M an SL (`stoploss`) whose limit is protected from
 *   the trigger. Either way the ticket is told (notice). Protection −1 (automatic)
 *   uses the SDK's defaults; 0 is refused (SEBI wants non-zero protection).
 * - No AMO flag (§D15) and no iceberg: refused.
 * - The algo tag goes in `user_remark`; its length limit is not documented (§D12), so
 *   at most 20 letters or digits are sent. A manual order's remark is derived from
 *   our client order id, so reconciliation can find it by remark after a restart.
 * - `settlement_id`, `order_segment_code` and `lots` are always sent empty, as the SDK
 *   sends them; `lots` (§D12) stays empty because quantity is in units.
 */
import { createHash } from 'node:crypto';
import { formatInr, paiseToRupeesString } from '../../../src-shared/money';
import type { OrderType, Side } from '../../../src-shared/orders/order-types';
import type { BrokerCancelRequest, BrokerModifyRequest, BrokerPlaceRequest } from '../../oms/broker-port';
import { breezeOrderExpiry, breezeTrimmedRupees, type BreezeContract } from './contract';
import { BREEZE_PATHS } from './endpoints';
import { BREEZE_DEFAULT_PROTECTION, protectedLimitPrice } from './protected-price';
import type { BreezeRequest } from './session';

export interface BreezeNotice {
  code: 'MARKET_SENT_AS_LIMIT' | 'SLM_SENT_AS_SL';
  message: string;
}

export type BreezeBuildCode =
  | 'UNSUPPORTED_PRODUCT'
  | 'UNSUPPORTED_AMO'
  | 'UNSUPPORTED_ICEBERG'
  | 'NEED_LTP'
  | 'BAD_PROTECTION'
  | 'MISSING_PRICE'
  | 'MISSING_TRIGGER'
  | 'BAD_QUANTITY'
  | 'BAD_TAG'
  | 'BAD_ORDER_ID'
  | 'BAD_CONTRACT';

export type BreezeBuildResult = { ok: true; request: BreezeRequest; notice: BreezeNotice | null } | { ok: false; code: BreezeBuildCode; reason: string };

/** The market at the time of sending, for MKT and SL-M (the adapter reads quotes first). */
export interface BreezeMarket {
  ltp: number | null;
  upperCircuit?: number | null;
  lowerCircuit?: number | null;
}

export const MARGIN_REFUSAL = 'ICICI Breeze does not accept intraday (Margin) orders through the API: place it as delivery (CNC).';
export const OPTION_PLUS_REFUSAL =
  'ICICI Breeze takes F&O orders through the API only as carry-forward (NRML): its intraday Option Plus and Future Plus products are refused by the API.';
export const AMO_REFUSAL = 'ICICI Breeze has no after-market order flag in its API: place the order during market hours.';
export const ICEBERG_REFUSAL = 'ICICI Breeze has no iceberg orders: send the legs as separate orders.';

const ORDER_ID_RE = /^[A-Za-z0-9]{1,40}$/;
const REMARK_RE = /^[A-Za-z0-9]{1,20}$/;
const fail = (code: BreezeBuildCode, reason: string): BreezeBuildResult => ({ ok: false, code, reason });
const rupees = (paise: number) => paiseToRupeesString(paise);

/** "TD" + 18 hex digits of SHA-256(client order id): 20 characters. */
export function breezeRemarkOfClientId(clientOrderId: string): string {
  return `TD${createHash('sha256').update(clientOrderId, 'utf8').digest('hex').slice(0, 18)}`;
}

export function buildBreezePlaceOrder(order: BrokerPlaceRequest, contract: BreezeContract, market: BreezeMarket | null): BreezeBuildResult {
  if (order.amo) return fail('UNSUPPORTED_AMO', AMO_REFUSAL);
  if (order.icebergLegs !== null) return fail('UNSUPPORTED_ICEBERG', ICEBERG_REFUSAL);
  const product = productOf(order.product, contract);
  if (!product.ok) return product;
  if (!Number.isSafeInteger(order.quantity) || order.quantity <= 0) return fail('BAD_QUANTITY', 'quantity must be a positive number of units');
  const remark = order.algoId === null ? breezeRemarkOfClientId(order.clientOrderId) : order.algoId;
  if (!REMARK_RE.test(remark)) return fail('BAD_TAG', `the algo id "${remark}" does not fit Breeze's user_remark as sent (1–20 letters or digits)`);
  const terms = termsOf(order, order.orderType, order.price, order.triggerPrice, contract, market);
  if (!terms.ok) return terms;
  const body: Record<string, string> = {
    stock_code: contract.stockCode,
    exchange_code: contract.exchangeCode,
    product: product.value,
    action: order.side === 'BUY' ? 'buy' : 'sell',
    order_type: terms.orderType,
    quantity: String(order.quantity),
    price: terms.price,
    validity: order.validity === 'IOC' ? 'ioc' : 'day',
    settlement_id: '',
    order_segment_code: '',
    lots: '',
    user_remark: remark,
  };
  if (terms.stoploss !== null) body.stoploss = terms.stoploss;
  if (contract.kind !== 'cash') {
    if (contract.expiry === null) return fail('BAD_CONTRACT', `${contract.stockCode} ${contract.kind} has no expiry`);
    body.expiry_date = breezeOrderExpiry(contract.expiry);
    if (contract.kind === 'options' && (contract.right === null || contract.strike === null)) return fail('BAD_CONTRACT', `${contract.stockCode} option without right or strike`);
    body.right = contract.kind === 'options' ? (contract.right as string) : 'others';
    body.strike_price = contract.kind === 'options' ? breezeTrimmedRupees(contract.strike as number) : '0';
  }
  return { ok: true, request: { method: 'POST', path: BREEZE_PATHS.order, body }, notice: terms.notice };
}

export interface BreezeModifyInput {
  request: BrokerModifyRequest;
  contract: BreezeContract;
  /** The order as it stands; Breeze's modify restates the terms sent here. */
  current: { side: Side; orderType: OrderType; quantity: number; price: number | null; triggerPrice: number | null; validity: 'DAY' | 'IOC'; marketProtection: number };
  market: BreezeMarket | null;
}

export function buildBreezeModifyOrder(input: BreezeModifyInput): BreezeBuildResult {
  const { request, current, contract } = input;
  if (!ORDER_ID_RE.test(request.brokerOrderId)) return fail('BAD_ORDER_ID', `"${request.brokerOrderId}" is not a Breeze order id`);
  if (request.amo) return fail('UNSUPPORTED_AMO', AMO_REFUSAL);
  if (request.icebergLegs !== null) return fail('UNSUPPORTED_ICEBERG', ICEBERG_REFUSAL);
  const quantity = request.quantity ?? current.quantity;
  if (!Number.isSafeInteger(quantity) || quantity <= 0) return fail('BAD_QUANTITY', 'quantity must be a positive number of units');
  const orderType = request.orderType ?? current.orderType;
  const price = request.price !== undefined ? request.price : current.price;
  const trigger = request.triggerPrice !== undefined ? request.triggerPrice : current.triggerPrice;
  const terms = termsOf(current, orderType, price, trigger, contract, input.market);
  if (!terms.ok) return terms;
  const body: Record<string, string> = { order_id: request.brokerOrderId, exchange_code: contract.exchangeCode, order_type: terms.orderType };
  if (terms.stoploss !== null) body.stoploss = terms.stoploss;
  Object.assign(body, { quantity: String(quantity), price: terms.price, validity: current.validity === 'IOC' ? 'ioc' : 'day' });
  return { ok: true, request: { method: 'PUT', path: BREEZE_PATHS.order, body }, notice: terms.notice };
}

export function buildBreezeCancelOrder(request: BrokerCancelRequest, contract: Pick<BreezeContract, 'exchangeCode'>): BreezeBuildResult {
  if (!ORDER_ID_RE.test(request.brokerOrderId)) return fail('BAD_ORDER_ID', `"${request.brokerOrderId}" is not a Breeze order id`);
  return { ok: true, request: { method: 'DELETE', path: BREEZE_PATHS.order, body: { exchange_code: contract.exchangeCode, order_id: request.brokerOrderId } }, notice: null };
}

function productOf(product: BrokerPlaceRequest['product'], contract: BreezeContract): { ok: true; value: string } | { ok: false; code: BreezeBuildCode; reason: string } {
  if (contract.kind === 'cash') {
    if (product === 'CNC') return { ok: true, value: 'cash' };
    if (product === 'MIS') return { ok: false, code: 'UNSUPPORTED_PRODUCT', reason: MARGIN_REFUSAL };
    return { ok: false, code: 'UNSUPPORTED_PRODUCT', reason: 'NRML is for F&O: a cash order with Breeze is delivery (CNC).' };
  }
  if (product === 'NRML') return { ok: true, value: contract.kind };
  if (product === 'MIS') return { ok: false, code: 'UNSUPPORTED_PRODUCT', reason: OPTION_PLUS_REFUSAL };
  return { ok: false, code: 'UNSUPPORTED_PRODUCT', reason: 'CNC is for cash: an F&O order with Breeze is carry-forward (NRML).' };
}

type Terms =
  | { ok: true; orderType: 'limit' | 'stoploss'; price: string; stoploss: string | null; notice: BreezeNotice | null }
  | { ok: false; code: BreezeBuildCode; reason: string };

function termsOf(
  order: { side: Side; marketProtection: number },
  type: OrderType,
  price: number | null,
  trigger: number | null,
  contract: BreezeContract,
  market: BreezeMarket | null,
): Terms {
  const positive = (value: number | null): value is number => value !== null && Number.isSafeInteger(value) && value > 0;
  if ((type === 'SL' || type === 'SL-M') && !positive(trigger)) return { ok: false, code: 'MISSING_TRIGGER', reason: `a ${type} order needs a trigger price` };
  if (type === 'L' || type === 'SL') {
    if (!positive(price)) return { ok: false, code: 'MISSING_PRICE', reason: `a ${type} order needs a price` };
    return { ok: true, orderType: type === 'L' ? 'limit' : 'stoploss', price: rupees(price), stoploss: type === 'SL' ? rupees(trigger as number) : null, notice: null };
  }
  const defaults = BREEZE_DEFAULT_PROTECTION[contract.kind];
  if (order.marketProtection === 0) return { ok: false, code: 'BAD_PROTECTION', reason: 'a market order to Breeze is sent as a protected limit: set a market protection above 0 %' };
  const bps = order.marketProtection < 0 ? defaults.bps : order.marketProtection;
  const reference = type === 'MKT' ? (market?.ltp ?? null) : (trigger as number);
  if (reference === null) return { ok: false, code: 'NEED_LTP', reason: 'a market order to Breeze needs the last traded price to set its protective limit, and none is known' };
  const limit = protectedLimitPrice({
    side: order.side,
    reference,
    tickSize: contract.tickSize,
    bps,
    minMove: defaults.minMove,
    upperCircuit: market?.upperCircuit ?? null,
    lowerCircuit: market?.lowerCircuit ?? null,
  });
  if (!limit.ok) return { ok: false, code: 'BAD_PROTECTION', reason: limit.reason };
  const percent = `${(bps / 100).toFixed(2)} %`;
  const from = type === 'MKT' ? `last price ${formatInr(reference)}` : `trigger ${formatInr(reference)}`;
  const notice: BreezeNotice =
    type === 'MKT'
      ? { code: 'MARKET_SENT_AS_LIMIT', message: `ICICI Breeze takes no market orders: sent as a LIMIT at ${formatInr(limit.price)} (${from}, ${percent} protection). It may stay unfilled if the price runs past it.` }
      : { code: 'SLM_SENT_AS_SL', message: `ICICI Breeze takes no SL-M orders: sent as SL with limit ${formatInr(limit.price)} (${from}, ${percent} protection). It may stay unfilled if the price jumps past the limit.` };
  return { ok: true, orderType: type === 'MKT' ? 'limit' : 'stoploss', price: rupees(limit.price), stoploss: type === 'SL-M' ? rupees(reference) : null, notice };
}
