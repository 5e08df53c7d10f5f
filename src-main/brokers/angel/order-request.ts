/**
 * Our order → Angel One SmartAPI order requests (JSON, every value a string as in the
 * docs' samples), pure. The adapter sends what this returns and stores it verbatim in
 * the ledger first.
 *
 * Angel's rules (facts §A3):
 * - SL and SL-M go as variety STOPLOSS with ordertype STOPLOSS_LIMIT / STOPLOSS_MARKET
 *   and `triggerprice`; the rest as NORMAL. A modify cannot move an order between
 *   those varieties, so a change from a stop to a non-stop type (or back) is refused.
 * - Market orders: Angel converts them server-side into limits within its own market
 *   price protection and has no field for a percentage, so ours is not sent; the
 *   ticket is told so (notice).
 * - No AMO flag: the current docs queue any order placed after market hours as an
 *   AMO by themselves. Sent during market hours, an "AMO" would trade at once, so an
 *   AMO request is refused with that sentence rather than sent as a normal order.
 * - No iceberg: refused, never sent plain.
 * - IOC is not allowed on commodities (MCX).
 * - ROBO's squareoff/stoploss units are not confirmed (§D4); we never place ROBO and
 *   send both as "0", as the docs' samples do.
 * - `scripconsent` (consent to trade a scrip under surveillance) is the trader's
 *   decision, so it is never sent on their behalf.
 */
import type { Instrument } from '../../../src-shared/domain/instrument';
import type { OrderType, Product, Validity } from '../../../src-shared/orders/order-types';
import type { BrokerCancelRequest, BrokerModifyRequest, BrokerPlaceRequest } from '../../oms/broker-port';
import { ANGEL_PATHS } from './rest-paths';
import { angelOrderTag } from './order-tag';
import { angelSegmentOfOurs } from './segments';
import { angelRupees } from './wire-values';

export interface AngelOrderRequest {
  method: 'POST';
  path: string;
  body: Record<string, string>;
}

export interface AngelNotice {
  code: 'MARKET_PROTECTION_BY_ANGEL';
  message: string;
}

export type AngelBuildCode =
  | 'TOKEN_MISMATCH'
  | 'UNSUPPORTED_EXCHANGE'
  | 'UNSUPPORTED_AMO'
  | 'UNSUPPORTED_ICEBERG'
  | 'UNSUPPORTED_VALIDITY'
  | 'MISSING_PRICE'
  | 'MISSING_TRIGGER'
  | 'BAD_QUANTITY'
  | 'BAD_TAG'
  | 'BAD_ORDER_ID'
  | 'TYPE_CHANGE';

export type AngelBuildResult =
  | { ok: true; request: AngelOrderRequest; notice: AngelNotice | null }
  | { ok: false; code: AngelBuildCode; reason: string };

type InstrumentRef = Pick<Instrument, 'token' | 'exchangeToken' | 'tradingsymbol' | 'exchange'>;

const ORDER_TYPES: Record<OrderType, string> = { MKT: 'MARKET', L: 'LIMIT', SL: 'STOPLOSS_LIMIT', 'SL-M': 'STOPLOSS_MARKET' };
const PRODUCTS: Record<Product, string> = { CNC: 'DELIVERY', NRML: 'CARRYFORWARD', MIS: 'INTRADAY' };
const ORDER_ID_RE = /^[A-Za-z0-9]{1,40}$/;

export const AMO_REFUSAL =
  'Angel One has no after-market order flag: it queues any order placed after market hours by itself, ' +
  'and an order sent now during market hours would trade at once. Place it as a normal order after the close.';
export const ICEBERG_REFUSAL = 'Angel One has no iceberg orders: send the legs as separate orders.';

const fail = (code: AngelBuildCode, reason: string): AngelBuildResult => ({ ok: false, code, reason });
const isStop = (type: OrderType) => type === 'SL' || type === 'SL-M';

export function angelVariety(type: OrderType): 'NORMAL' | 'STOPLOSS' {
  return isStop(type) ? 'STOPLOSS' : 'NORMAL';
}

export function buildAngelPlaceOrder(order: BrokerPlaceRequest, instrument: InstrumentRef): AngelBuildResult {
  if (order.token !== instrument.token) return fail('TOKEN_MISMATCH', `order is for token ${order.token}, instrument is ${instrument.token}`);
  const refused = varietyRefusal(order);
  if (refused) return refused;
  const segment = angelSegmentOfOurs(instrument.exchange);
  if (segment === null) return fail('UNSUPPORTED_EXCHANGE', `Angel One orders are not supported on ${instrument.exchange}`);
  if (!isUnits(order.quantity)) return fail('BAD_QUANTITY', 'quantity must be a positive number of units');
  if (order.validity === 'IOC' && segment.exchange === 'MCX') return fail('UNSUPPORTED_VALIDITY', 'Angel One does not allow IOC orders on commodities');
  const priced = priceFields(order.orderType, order.price, order.triggerPrice);
  if (!priced.ok) return priced;
  const tag = angelOrderTag(order);
  if (!tag.ok) return fail('BAD_TAG', tag.reason);
  const body: Record<string, string> = {
    variety: angelVariety(order.orderType),
    tradingsymbol: instrument.tradingsymbol,
    symboltoken: String(instrument.exchangeToken),
    transactiontype: order.side,
    exchange: segment.exchange,
    ordertype: ORDER_TYPES[order.orderType],
    producttype: PRODUCTS[order.product],
    duration: order.validity,
    ...priced.fields,
    squareoff: '0',
    stoploss: '0',
    quantity: String(order.quantity),
    ordertag: tag.tag,
  };
  const notice: AngelNotice | null =
    order.orderType === 'MKT' || order.orderType === 'SL-M'
      ? {
          code: 'MARKET_PROTECTION_BY_ANGEL',
          message: 'Angel One turns market orders into limit orders within its own price protection; the protection set here is not sent.',
        }
      : null;
  return { ok: true, request: { method: 'POST', path: ANGEL_PATHS.place, body }, notice };
}

export interface AngelModifyInput {
  request: BrokerModifyRequest;
  instrument: InstrumentRef;
  /** The order as it stands; Angel's modify restates it whole. */
  current: { orderType: OrderType; product: Product; validity: Validity; quantity: number; price: number | null; triggerPrice: number | null };
}

export function buildAngelModifyOrder(input: AngelModifyInput): AngelBuildResult {
  const { request, current } = input;
  if (!ORDER_ID_RE.test(request.brokerOrderId)) return fail('BAD_ORDER_ID', `"${request.brokerOrderId}" is not an Angel One order id`);
  const refused = varietyRefusal(request);
  if (refused) return refused;
  const segment = angelSegmentOfOurs(input.instrument.exchange);
  if (segment === null) return fail('UNSUPPORTED_EXCHANGE', `Angel One orders are not supported on ${input.instrument.exchange}`);
  const orderType = request.orderType ?? current.orderType;
  if (isStop(orderType) !== isStop(current.orderType)) {
    return fail('TYPE_CHANGE', `Angel One cannot modify a ${current.orderType} order into ${orderType}: cancel it and place a new one`);
  }
  const quantity = request.quantity ?? current.quantity;
  if (!isUnits(quantity)) return fail('BAD_QUANTITY', 'quantity must be a positive number of units');
  const price = request.price !== undefined ? request.price : current.price;
  const trigger = request.triggerPrice !== undefined ? request.triggerPrice : current.triggerPrice;
  const priced = priceFields(orderType, price, trigger);
  if (!priced.ok) return priced;
  const body: Record<string, string> = {
    variety: angelVariety(orderType),
    orderid: request.brokerOrderId,
    ordertype: ORDER_TYPES[orderType],
    producttype: PRODUCTS[current.product],
    duration: current.validity,
    ...priced.fields,
    quantity: String(quantity),
    tradingsymbol: input.instrument.tradingsymbol,
    symboltoken: String(input.instrument.exchangeToken),
    exchange: segment.exchange,
  };
  return { ok: true, request: { method: 'POST', path: ANGEL_PATHS.modify, body }, notice: null };
}

/**
 * Cancel addresses the order by its variety, which follows from the type it was placed
 * with. It is never refused for the order's variety: whatever rests at Angel may be cancelled.
 */
export function buildAngelCancelOrder(request: BrokerCancelRequest, orderType: OrderType): AngelBuildResult {
  if (!ORDER_ID_RE.test(request.brokerOrderId)) return fail('BAD_ORDER_ID', `"${request.brokerOrderId}" is not an Angel One order id`);
  return { ok: true, request: { method: 'POST', path: ANGEL_PATHS.cancel, body: { variety: angelVariety(orderType), orderid: request.brokerOrderId } }, notice: null };
}

function varietyRefusal(order: { amo: boolean; icebergLegs: number | null }): AngelBuildResult | null {
  if (order.amo) return fail('UNSUPPORTED_AMO', AMO_REFUSAL);
  if (order.icebergLegs !== null) return fail('UNSUPPORTED_ICEBERG', ICEBERG_REFUSAL);
  return null;
}

function isUnits(quantity: number): boolean {
  return Number.isSafeInteger(quantity) && quantity > 0;
}

type Priced = { ok: true; fields: Record<string, string> } | { ok: false; code: AngelBuildCode; reason: string };

/** price "0" for MARKET and STOPLOSS_MARKET; triggerprice only on the stop types (also on modify, §D5). */
function priceFields(type: OrderType, price: number | null, trigger: number | null): Priced {
  const fields: Record<string, string> = {};
  if (type === 'L' || type === 'SL') {
    if (price === null || !Number.isSafeInteger(price) || price <= 0) return { ok: false, code: 'MISSING_PRICE', reason: `a ${type} order needs a price` };
    fields.price = angelRupees(price);
  } else {
    fields.price = '0';
  }
  if (isStop(type)) {
    if (trigger === null || !Number.isSafeInteger(trigger) || trigger <= 0) return { ok: false, code: 'MISSING_TRIGGER', reason: `a ${type} order needs a trigger price` };
    fields.triggerprice = angelRupees(trigger);
  }
  return { ok: true, fields };
}
