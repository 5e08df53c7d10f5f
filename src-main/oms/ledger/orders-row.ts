import { paiseToRupeesString, rupeesToPaise, type Paise } from '../../../src-shared/money';
import { MARKET_PROTECTION_AUTO } from '../../../src-shared/orders/order-types';
import { averageFillRupees } from '../../../src-shared/orders/order-fold';
import type { OrderRecord } from './ledger-types';

/**
 * The `orders` row of a record: the only way the projection is written, both by the
 * live writer and by the rebuild, so the two cannot disagree on a column.
 */

export const ORDER_COLUMNS = [
  'order_id', 'client_order_id', 'parent_order_id', 'broker_order_id', 'token', 'tradingsymbol', 'exchange',
  'side', 'order_type', 'product', 'validity', 'quantity', 'filled_quantity', 'price', 'trigger_price',
  'average_price', 'status', 'status_message', 'strategy_id', 'algo_id', 'broker', 'market_protection',
  'last_event_id', 'last_seq', 'created_at', 'updated_at',
] as const;

const money = (value: Paise | null): string | null => (value === null ? null : paiseToRupeesString(value));

/** Basis points → the column's Kite percentage (350 → '3.50'); −1 stays −1 (automatic). */
export function protectionPercent(bps: number): string {
  return bps === MARKET_PROTECTION_AUTO ? '-1' : paiseToRupeesString(bps);
}

/** The column's percentage back to basis points. */
export function protectionBps(percent: string | null): number {
  if (percent === null) return 0;
  const value = rupeesToPaise(percent);
  return value === -100 ? MARKET_PROTECTION_AUTO : value;
}

export function orderRowValues(record: OrderRecord): unknown[] {
  const { meta, projection: p } = record;
  return [
    meta.orderId, p.clientOrderId, meta.parentOrderId, p.brokerOrderId, p.token, meta.tradingsymbol, meta.exchange,
    p.side, p.orderType, p.product, p.validity, p.quantity, p.filledQuantity, money(p.price), money(p.triggerPrice),
    averageFillRupees(p), p.status, p.statusMessage, p.strategyId, p.algoId, meta.broker, protectionPercent(p.marketProtection),
    p.lastEventId, record.seq, new Date(p.createdAt), new Date(p.updatedAt),
  ];
}

/** `INSERT ... VALUES (...), (...) ON CONFLICT (order_id) DO UPDATE`: one statement for many orders. */
export function upsertOrdersSql(count: number): string {
  const width = ORDER_COLUMNS.length;
  const tuples = Array.from({ length: count }, (_, r) =>
    `(${ORDER_COLUMNS.map((_, c) => `$${r * width + c + 1}`).join(', ')})`,
  ).join(', ');
  const updates = ORDER_COLUMNS.filter((c) => c !== 'order_id').map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  return `INSERT INTO orders (${ORDER_COLUMNS.join(', ')}) VALUES ${tuples} ON CONFLICT (order_id) DO UPDATE SET ${updates}`;
}
