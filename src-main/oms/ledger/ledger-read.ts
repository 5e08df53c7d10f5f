import type pg from 'pg';
import { orderEventPayloadSchema, type OrderLedgerEvent } from '../../../src-shared/orders/order-events';
import { applyOrderEvent, OrderLedgerError } from '../../../src-shared/orders/order-fold';
import type { OrderMeta, OrderRecord } from './ledger-types';

/**
 * Reading orders back from the ledger: the fold of each order's events, plus the
 * record's extras. Used by the writer on a cache miss, at start-up and by the rebuild.
 */

export interface EventRow {
  event_id: string;
  order_id: string;
  client_order_id: string;
  parent_order_id: string | null;
  broker: string;
  seq: number;
  created_at: Date;
  payload: Record<string, unknown>;
}

export const EVENT_ROW_COLUMNS = 'event_id, order_id, client_order_id, parent_order_id, broker, seq, created_at, payload';

export function ledgerEventOf(row: EventRow): OrderLedgerEvent {
  return {
    eventId: Number(row.event_id),
    clientOrderId: row.client_order_id,
    at: row.created_at.getTime(),
    payload: orderEventPayloadSchema.parse(row.payload),
  };
}

function metaOf(row: EventRow): OrderMeta {
  const instrument = (row.payload.instrument ?? {}) as { tradingsymbol?: unknown; exchange?: unknown };
  return {
    orderId: row.order_id,
    parentOrderId: row.parent_order_id,
    broker: row.broker,
    tradingsymbol: typeof instrument.tradingsymbol === 'string' ? instrument.tradingsymbol : `#${row.client_order_id}`,
    exchange: typeof instrument.exchange === 'string' ? instrument.exchange : 'UNKNOWN',
  };
}

/** Folds one event into a record (null before the INTENT). Throws like applyOrderEvent. */
export function applyToRecord(record: OrderRecord | null, row: EventRow, event: OrderLedgerEvent = ledgerEventOf(row)): OrderRecord {
  const projection = applyOrderEvent(record?.projection ?? null, event);
  const base: OrderRecord = record ?? { meta: metaOf(row), projection, seq: 0, fillIds: new Set(), fills: [] };
  if (row.seq !== base.seq + 1) {
    throw new OrderLedgerError(`Order ${row.client_order_id}: event seq ${row.seq} follows ${base.seq}`);
  }
  const next: OrderRecord = { ...base, projection, seq: row.seq };
  if (event.payload.type === 'FILL') {
    next.fillIds = new Set([...base.fillIds, event.payload.fillId]);
    next.fills = [...base.fills, { quantity: event.payload.quantity, price: event.payload.price }];
  }
  return next;
}

/** Folds interleaved rows (ascending event_id) into records by client order id. */
export function foldRows(rows: readonly EventRow[]): Map<string, OrderRecord> {
  const records = new Map<string, OrderRecord>();
  for (const row of rows) records.set(row.client_order_id, applyToRecord(records.get(row.client_order_id) ?? null, row));
  return records;
}

/** Records of the given orders (by our order id), folded from their events. */
export async function loadRecords(db: pg.Pool | pg.PoolClient, orderIds: readonly string[]): Promise<Map<string, OrderRecord>> {
  if (orderIds.length === 0) return new Map();
  const { rows } = await db.query<EventRow>(
    `SELECT ${EVENT_ROW_COLUMNS} FROM order_events WHERE order_id = ANY($1::uuid[]) ORDER BY event_id`,
    [orderIds],
  );
  return foldRows(rows);
}

/** One record by client order id, or null when the ledger has no such order. */
export async function loadRecord(db: pg.Pool | pg.PoolClient, clientOrderId: string): Promise<OrderRecord | null> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${EVENT_ROW_COLUMNS} FROM order_events WHERE client_order_id = $1 ORDER BY event_id`,
    [clientOrderId],
  );
  return foldRows(rows).get(clientOrderId) ?? null;
}
