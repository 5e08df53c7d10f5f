/**
 * What the Kite broker puts on the wire for each call, pure (oms/broker-port.ts: the OMS
 * stores it in the ledger before the call). Place and cancel come from
 * order-request.ts. Modify is built here from the CHANGES only: Kite's modify takes
 * the fields to change, and the broker interface carries only those, so sending a
 * "whole order" would need state the pure encoder must not depend on.
 *
 * The variety (the path segment of every call) comes from the request itself: place,
 * modify and cancel all carry the order's amo / icebergLegs from its INTENT, so a
 * modify after a restart still goes to `/orders/iceberg/:id` without any memory here.
 */
import { exchangeSchema } from '../../../../src-shared/domain/instrument';
import { paiseToRupeesString } from '../../../../src-shared/money';
import type { BrokerCall, BrokerModifyRequest, BrokerOrderVariety, BrokerPlaceRequest } from '../../../oms/broker-port';
import { buildKiteCancelOrder, buildKitePlaceOrder, type KiteBuildResult, type KiteVariety } from '../order-request';
import { tagOfClientId } from './kite-orders';

const KITE_TYPES = { MKT: 'MARKET', L: 'LIMIT', SL: 'SL', 'SL-M': 'SL-M' } as const;
const ORDER_ID_RE = /^[A-Za-z0-9]{1,40}$/;

/** Kite's variety of an order: iceberg when it has legs, amo when after-market, else regular. */
export function kiteVarietyOf(order: BrokerOrderVariety): KiteVariety {
  if (order.icebergLegs !== null) return 'iceberg';
  return order.amo ? 'amo' : 'regular';
}

export function buildPlace(request: BrokerPlaceRequest): KiteBuildResult {
  const exchange = exchangeSchema.safeParse(request.exchange);
  if (!exchange.success) return { ok: false, code: 'TOKEN_MISMATCH', reason: `exchange "${request.exchange}" is not one Kite trades here` };
  if (request.amo && request.icebergLegs !== null) {
    return { ok: false, code: 'BAD_ICEBERG', reason: 'an order cannot be both AMO and iceberg: Kite takes them as separate varieties' };
  }
  const variety = kiteVarietyOf(request);
  return buildKitePlaceOrder(
    { ...request, algoId: request.algoId ?? tagOfClientId(request.clientOrderId) },
    // Lot size 1: the OMS has already held the legs to whole lots of the day's master;
    // here only the even split into iceberg_quantity is checked again.
    { token: request.token, tradingsymbol: request.tradingsymbol, exchange: exchange.data, lotSize: 1 },
    variety === 'iceberg' && request.icebergLegs !== null ? { variety, icebergLegs: request.icebergLegs } : { variety },
  );
}

export function buildModify(request: BrokerModifyRequest): KiteBuildResult {
  const variety = kiteVarietyOf(request);
  if (!ORDER_ID_RE.test(request.brokerOrderId)) return { ok: false, code: 'BAD_ORDER_ID', reason: `"${request.brokerOrderId}" is not a Kite order id` };
  const form: Record<string, string> = {};
  if (request.orderType !== undefined) form.order_type = KITE_TYPES[request.orderType];
  if (request.quantity !== undefined) {
    if (!Number.isSafeInteger(request.quantity) || request.quantity <= 0) return { ok: false, code: 'BAD_QUANTITY', reason: 'quantity must be a positive number of units' };
    form.quantity = String(request.quantity);
  }
  if (request.price !== undefined && request.price !== null) form.price = paiseToRupeesString(request.price);
  if (request.triggerPrice !== undefined && request.triggerPrice !== null) form.trigger_price = paiseToRupeesString(request.triggerPrice);
  return { ok: true, request: { method: 'PUT', path: `/orders/${variety}/${request.brokerOrderId}`, form } };
}

export function buildCall(call: BrokerCall): KiteBuildResult {
  switch (call.action) {
    case 'PLACE':
      return buildPlace(call.request);
    case 'MODIFY':
      return buildModify(call.request);
    case 'CANCEL':
      return buildKiteCancelOrder(kiteVarietyOf(call.request), call.request.brokerOrderId);
  }
}
