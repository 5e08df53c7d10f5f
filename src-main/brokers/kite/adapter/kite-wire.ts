/**
 * What the Kite broker puts on the wire for each call, pure (broker.ts: the OMS
 * stores it in the ledger before the call). Place and cancel come from
 * order-request.ts. Modify is built here from the CHANGES only: Kite's modify takes
 * the fields to change, and the broker interface carries only those, so sending a
 * "whole order" would need state the pure encoder must not depend on.
 */
import { exchangeSchema } from '../../../../src-shared/domain/instrument';
import { paiseToRupeesString } from '../../../../src-shared/money';
import type { BrokerCall, BrokerModifyRequest, BrokerPlaceRequest } from '../../broker';
import { buildKiteCancelOrder, buildKitePlaceOrder, type KiteBuildResult, type KiteVariety } from '../order-request';
import { tagOfClientId } from './kite-orders';

const KITE_TYPES = { MKT: 'MARKET', L: 'LIMIT', SL: 'SL', 'SL-M': 'SL-M' } as const;
const ORDER_ID_RE = /^[A-Za-z0-9]{1,40}$/;

export function buildPlace(request: BrokerPlaceRequest, variety: KiteVariety): KiteBuildResult {
  const exchange = exchangeSchema.safeParse(request.exchange);
  if (!exchange.success) return { ok: false, code: 'TOKEN_MISMATCH', reason: `exchange "${request.exchange}" is not one Kite trades here` };
  return buildKitePlaceOrder(
    { ...request, algoId: request.algoId ?? tagOfClientId(request.clientOrderId) },
    { token: request.token, tradingsymbol: request.tradingsymbol, exchange: exchange.data, lotSize: 1 },
    { variety },
  );
}

export function buildModify(request: BrokerModifyRequest, variety: KiteVariety): KiteBuildResult {
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

export function buildCall(call: BrokerCall, varietyOf: (brokerOrderId: string) => KiteVariety, placeVariety: KiteVariety): KiteBuildResult {
  switch (call.action) {
    case 'PLACE':
      return buildPlace(call.request, placeVariety);
    case 'MODIFY':
      return buildModify(call.request, varietyOf(call.request.brokerOrderId));
    case 'CANCEL':
      return buildKiteCancelOrder(varietyOf(call.request.brokerOrderId), call.request.brokerOrderId);
  }
}
