import type { Fill, Order, OrderEventWire } from '../../../src-shared/contract/domains/orders';
import { rupeesToPaise } from '../../../src-shared/money';
import { orderStatusSchema, type Product, type Side } from '../../../src-shared/orders/order-types';
import type { OrderRecord } from '../ledger/ledger-types';
import type { OmsContext } from './context';
import { resolveOrder } from './order-actions';
import { orderView, topLevelKey } from './order-views';

/**
 * Reads for the order book, an order's timeline and the trade book. Orders are grouped
 * top-level (a sliced order is one row) in SQL, then shown from their ledger records so
 * the list and the pushed orders.changed events are built by the same code.
 */

const TERMINAL = `('FILLED', 'CANCELLED', 'REJECTED')`;

export async function listOrders(ctx: OmsContext, scope: 'open' | 'done' | 'all', limit: number): Promise<Order[]> {
  const having = scope === 'open'
    ? `HAVING bool_or(status NOT IN ${TERMINAL})`
    : scope === 'done' ? `HAVING NOT bool_or(status NOT IN ${TERMINAL})` : '';
  const { rows } = await ctx.pool.query<{ top: string; ids: string[] }>(
    `SELECT coalesce(parent_order_id, order_id) AS top, array_agg(order_id) AS ids, max(created_at) AS latest
     FROM orders GROUP BY 1 ${having} ORDER BY latest DESC, top LIMIT $1`,
    [limit],
  );
  const wanted = new Set(rows.flatMap((r) => r.ids));
  const have = new Map<string, OrderRecord>();
  for (const record of ctx.ledger.cachedRecords()) if (wanted.has(record.meta.orderId)) have.set(record.meta.orderId, record);
  const missing = [...wanted].filter((id) => !have.has(id));
  for (const record of await ctx.ledger.warm(missing)) have.set(record.meta.orderId, record);
  const groups = new Map<string, OrderRecord[]>();
  for (const record of have.values()) {
    const key = topLevelKey(record);
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  return rows.map((r) => groups.get(r.top)).filter((g): g is OrderRecord[] => g !== undefined).map(orderView);
}

export async function getOrder(ctx: OmsContext, orderId: string): Promise<{ order: Order; events: OrderEventWire[] }> {
  const records = await resolveOrder(ctx, orderId);
  const { rows } = await ctx.pool.query<{
    event_id: string; client_order_id: string; seq: number; event_type: string; status_after: string | null;
    created_at: Date; payload: Record<string, unknown>;
  }>(
    `SELECT event_id, client_order_id, seq, event_type, status_after, created_at, payload
     FROM order_events WHERE order_id = ANY($1::uuid[]) ORDER BY event_id`,
    [records.map((r) => r.meta.orderId)],
  );
  const events = rows.map((row) => ({
    eventId: Number(row.event_id),
    clientOrderId: row.client_order_id,
    seq: row.seq,
    type: row.event_type,
    statusAfter: row.status_after === null ? null : orderStatusSchema.parse(row.status_after),
    at: row.created_at.getTime(),
    payload: row.payload,
  }));
  return { order: orderView(records), events };
}

interface FillRow {
  fill_id: string; order_id: string; client_order_id: string | null; broker: string; broker_trade_id: string; token: string;
  tradingsymbol: string; exchange: string; side: Side; product: Product; quantity: number; price: string; filled_at: Date;
  strategy_id: string; algo_id: string | null; brokerage: string; stt: string; exchange_txn: string; sebi_fee: string;
  gst: string; stamp_duty: string; total_charges: string;
}

export async function listTrades(ctx: OmsContext, limit: number): Promise<Fill[]> {
  const { rows } = await ctx.pool.query<FillRow>(
    `SELECT f.*, o.client_order_id FROM fills f LEFT JOIN orders o USING (order_id) ORDER BY f.fill_id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => {
    const brokerage = rupeesToPaise(r.brokerage);
    const stt = rupeesToPaise(r.stt);
    const exchangeTxn = rupeesToPaise(r.exchange_txn);
    const sebiFee = rupeesToPaise(r.sebi_fee);
    const gst = rupeesToPaise(r.gst);
    const stampDuty = rupeesToPaise(r.stamp_duty);
    const price = rupeesToPaise(r.price);
    return {
      fillId: r.fill_id, orderId: r.order_id, clientOrderId: r.client_order_id ?? '', broker: r.broker,
      brokerTradeId: r.broker_trade_id, token: Number(r.token), tradingsymbol: r.tradingsymbol, exchange: r.exchange,
      side: r.side, product: r.product, quantity: r.quantity, price, filledAt: r.filled_at.getTime(),
      strategyId: r.strategy_id, algoId: r.algo_id,
      charges: {
        turnover: r.quantity * price, brokerage, stt, exchangeTxn, sebiFee, gst, stampDuty,
        total: rupeesToPaise(r.total_charges),
      },
    };
  });
}
