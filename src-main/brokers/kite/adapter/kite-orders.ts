/**
 * Kite order book data → the broker interface's reports and updates, and the order
 * TAG decision.
 *
 * The conflict: Kite has ONE tag (≤ 20 letters/digits). SEBI wants the algo id there
 * for algo orders; reconciliation wants our client order id there. Decision:
 * - a manual order's tag is `tagOfClientId` (TD + 18 hex of SHA-256 of our client
 *   order id, 72 bits: no collision in any realistic day), so orderStatus finds it in
 *   GET /orders by tag alone, even after a restart;
 * - an algo order's tag is its algo id (the regulation wins). It is found by the
 *   broker order id from the place response (kept here and, across restarts, read
 *   back from the ledger via `knownBrokerOrderId`); failing that, by the exact
 *   request it sent (fingerprint) among tagged orders no other client id has claimed.
 *   When that is not exactly one order, the outcome is reported UNKNOWN (never null):
 *   null tells the OMS "never received", and a wrong null could lead to a second order.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { OrderType } from '../../../../src-shared/orders/order-types';
import type { BrokerOrderReport, BrokerOrderStatus, BrokerTrade, BrokerUpdate } from '../../../oms/broker-port';
import { readKiteStatus } from '../status-map';
import { jsonRupeesToPaise, kiteOrderDataSchema, normaliseOrder, type KiteOrderUpdate } from '../text-messages';
import { parseIstDateTime } from '../../../../src-shared/time/ist';

export function tagOfClientId(clientOrderId: string): string {
  return `TD${createHash('sha256').update(clientOrderId, 'utf8').digest('hex').slice(0, 18)}`;
}

export const kiteOrdersSchema = z.array(kiteOrderDataSchema);

export const kiteTradeSchema = z.looseObject({
  trade_id: z.string().min(1),
  order_id: z.string().min(1),
  quantity: z.number().int().positive(),
  average_price: z.number().nonnegative(),
  fill_timestamp: z.string().nullish(),
  exchange_timestamp: z.string().nullish(),
});
export type KiteTrade = z.infer<typeof kiteTradeSchema>;
export const kiteTradesSchema = z.array(kiteTradeSchema);

const ORDER_TYPES: Record<string, OrderType> = { MARKET: 'MKT', LIMIT: 'L', SL: 'SL', 'SL-M': 'SL-M' };

export function toBrokerTrade(trade: KiteTrade): BrokerTrade | null {
  const price = jsonRupeesToPaise(trade.average_price);
  if (price === null) return null;
  const stamp = trade.exchange_timestamp ?? trade.fill_timestamp;
  const at = stamp ? (parseIstDateTime(stamp)?.getTime() ?? Date.now()) : Date.now();
  return { tradeId: trade.trade_id, quantity: trade.quantity, price, at };
}

/** Our normalised venue status; interim words read as OPEN (the venue holds the order). */
export function brokerStatusOf(order: KiteOrderUpdate): BrokerOrderStatus {
  const reading = readKiteStatus(order.status, { filledQuantity: order.filledQuantity, quantity: order.quantity });
  switch (reading.status) {
    case 'FILLED':
    case 'CANCELLED':
    case 'REJECTED':
    case 'TRIGGER_PENDING':
      return reading.status;
    default:
      return 'OPEN';
  }
}

export function toReport(clientOrderId: string, order: KiteOrderUpdate, trades: readonly KiteTrade[]): BrokerOrderReport {
  const mine = trades.filter((t) => t.order_id === order.orderId).map(toBrokerTrade).filter((t): t is BrokerTrade => t !== null);
  return {
    clientOrderId,
    brokerOrderId: order.orderId,
    status: brokerStatusOf(order),
    brokerStatus: order.status,
    message: order.statusMessage,
    orderType: ORDER_TYPES[order.orderType] ?? 'L',
    quantity: order.quantity,
    price: order.price === 0 ? null : order.price,
    triggerPrice: order.triggerPrice === 0 ? null : order.triggerPrice,
    filledQuantity: order.filledQuantity,
    trades: mine,
  };
}

/** A pushed order update → the status update the OMS folds (fills come from GET /trades). */
export function statusUpdateOf(clientOrderId: string, order: KiteOrderUpdate): BrokerUpdate | null {
  const reading = readKiteStatus(order.status, { filledQuantity: order.filledQuantity, quantity: order.quantity });
  if (reading.status === 'REJECTED') {
    return { kind: 'rejected', clientOrderId, brokerOrderId: order.orderId, reason: order.statusMessage ?? `Rejected by Kite (${order.status})` };
  }
  if (reading.reported === null) return null;
  return { kind: 'status', clientOrderId, brokerOrderId: order.orderId, status: reading.reported, brokerStatus: order.status, message: order.statusMessage };
}

export { normaliseOrder };
