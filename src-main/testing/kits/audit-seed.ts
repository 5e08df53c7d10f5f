import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/**
 * Ledger rows for the audit tests, written straight in SQL (through the
 * chain trigger like any writer) with chosen times, symbols and awkward text.
 */

export interface SeedEvent {
  type: string;
  statusAfter?: string | null;
  payload?: Record<string, unknown>;
  /** ISO instant; defaults to the database's clock. */
  at?: string;
}

export interface SeedOrder {
  symbol: string;
  side?: 'BUY' | 'SELL';
  quantity?: number;
  /** Rupees as NUMERIC text ('2450.50'). */
  price?: string | null;
  status?: string;
  strategy?: string;
  clientOrderId?: string;
  brokerOrderId?: string | null;
  events: SeedEvent[];
}

export async function seedOrder(pool: pg.Pool, order: SeedOrder): Promise<{ orderId: string; eventIds: number[] }> {
  const orderId = randomUUID();
  const clientOrderId = order.clientOrderId ?? `c-${orderId.slice(0, 8)}`;
  const strategy = order.strategy ?? 'manual';
  const eventIds: number[] = [];
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const [i, event] of order.events.entries()) {
      const { rows } = await client.query<{ event_id: string }>(
        `INSERT INTO order_events (order_id, client_order_id, broker_order_id, seq, event_type, status_after, payload, strategy_id, broker, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'paper', coalesce($9::timestamptz, clock_timestamp())) RETURNING event_id`,
        [orderId, clientOrderId, order.brokerOrderId ?? null, i + 1, event.type, event.statusAfter ?? null,
          JSON.stringify(event.payload ?? {}), strategy, event.at ?? null],
      );
      eventIds.push(Number(rows[0]?.event_id));
    }
    const first = order.events[0]?.at ?? new Date().toISOString();
    await client.query(
      `INSERT INTO orders (order_id, client_order_id, broker_order_id, token, tradingsymbol, exchange, side, order_type, product, validity,
         quantity, price, status, strategy_id, broker, last_event_id, last_seq, created_at, updated_at)
       VALUES ($1, $2, $3, 2885, $4, 'NSE', $5, 'L', 'CNC', 'DAY', $6, $7, $8, $9, 'paper', $10, $11, $12, $12)`,
      [orderId, clientOrderId, order.brokerOrderId ?? null, order.symbol, order.side ?? 'BUY', order.quantity ?? 1,
        order.price === undefined ? '100.00' : order.price, order.status ?? 'OPEN', strategy, eventIds.at(-1), eventIds.length, first],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  return { orderId, eventIds };
}
