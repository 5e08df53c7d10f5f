import type pg from 'pg';
import { ContractError } from '../../src-shared/contract';
import type { AuditEventRow, AuditFilters, AuditLogRow, TimelineEvent } from '../../src-shared/contract/domains/audit';
import { istDaysToUtcRange } from './ist-range';
import { LEDGER_FROM, ledgerWhere } from './ledger-filter-sql';

/**
 * Reads for the audit history pane. Pages are keyset by event_id (an index
 * range, as cheap on page 5,000 as on page 1); `offset` exists only for a
 * scrollbar dragged to somewhere no cursor is known yet.
 */

interface EventRowDb {
  event_id: string;
  order_id: string;
  client_order_id: string;
  seq: number;
  event_type: string;
  status_after: string | null;
  created_at: Date;
  tradingsymbol: string | null;
  side: string | null;
  strategy_id: string;
  broker: string;
}

export interface EventsPageArgs {
  filters: AuditFilters;
  order: 'newest' | 'oldest';
  afterEventId?: number | undefined;
  offset?: number | undefined;
  limit: number;
}

export async function ledgerEventsPage(db: pg.Pool, args: EventsPageArgs): Promise<{ rows: AuditEventRow[]; nextAfterEventId: number | null }> {
  const newest = args.order === 'newest';
  const keyset = args.afterEventId === undefined ? [] : [{ sql: newest ? 'e.event_id < ?' : 'e.event_id > ?', value: String(args.afterEventId) }];
  const where = ledgerWhere(args.filters, keyset);
  const values = [...where.values, args.limit];
  let tail = `LIMIT $${values.length}`;
  if (args.afterEventId === undefined && args.offset !== undefined && args.offset > 0) {
    values.push(args.offset);
    tail += ` OFFSET $${values.length}`;
  }
  const { rows } = await db.query<EventRowDb>(
    `SELECT e.event_id, e.order_id::text, e.client_order_id, e.seq, e.event_type, e.status_after, e.created_at,
            o.tradingsymbol, o.side, e.strategy_id, e.broker
     FROM ${LEDGER_FROM} ${where.sql}
     ORDER BY e.event_id ${newest ? 'DESC' : 'ASC'} ${tail}`,
    values,
  );
  const page = rows.map(
    (r): AuditEventRow => ({
      eventId: Number(r.event_id),
      orderId: r.order_id,
      clientOrderId: r.client_order_id,
      seq: r.seq,
      eventType: r.event_type,
      statusAfter: r.status_after,
      at: r.created_at.getTime(),
      tradingsymbol: r.tradingsymbol,
      side: r.side,
      strategyId: r.strategy_id,
      broker: r.broker,
    }),
  );
  const last = page.at(-1);
  return { rows: page, nextAfterEventId: page.length === args.limit && last ? last.eventId : null };
}

/** Counting a million joined rows takes a moment; past this, the planner's estimate is good enough for a scrollbar. */
const EXACT_COUNT_TIMEOUT_MS = 1_500;

export async function ledgerCount(db: pg.Pool, filters: AuditFilters): Promise<{ count: number; exact: boolean }> {
  const where = ledgerWhere(filters);
  const query = `SELECT count(*) AS n FROM ${LEDGER_FROM} ${where.sql}`;
  const client = await db.connect();
  try {
    await client.query(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${EXACT_COUNT_TIMEOUT_MS}`);
    try {
      const { rows } = await client.query<{ n: string }>(query, where.values);
      await client.query('COMMIT');
      return { count: Number(rows[0]?.n ?? 0), exact: true };
    } catch (error) {
      await client.query('ROLLBACK');
      if ((error as { code?: string }).code !== '57014') throw error; // query_canceled: the timeout
    }
    const plan = await client.query<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number; Plans?: Array<{ 'Plan Rows': number }> } }> }>(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${LEDGER_FROM} ${where.sql}`,
      where.values,
    );
    return { count: Math.round(plan.rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0), exact: false };
  } finally {
    client.release();
  }
}

export interface Timeline {
  orderId: string;
  clientOrderId: string;
  tradingsymbol: string | null;
  side: string | null;
  status: string | null;
  events: TimelineEvent[];
}

export async function orderTimeline(db: pg.Pool, orderId: string): Promise<Timeline> {
  const events = await db.query<{
    event_id: string; client_order_id: string; seq: number; event_type: string; status_after: string | null;
    created_at: Date; payload: Record<string, unknown>; hash: string | null;
  }>(
    `SELECT event_id, client_order_id, seq, event_type, status_after, created_at, payload, encode(hash, 'hex') AS hash
     FROM order_events WHERE order_id = $1 ORDER BY event_id`,
    [orderId],
  );
  const first = events.rows[0];
  if (!first) throw new ContractError('NOT_FOUND', `No ledger events for order ${orderId}`);
  const order = await db.query<{ tradingsymbol: string; side: string; status: string }>(
    'SELECT tradingsymbol, side, status FROM orders WHERE order_id = $1',
    [orderId],
  );
  const o = order.rows[0];
  return {
    orderId,
    clientOrderId: first.client_order_id,
    tradingsymbol: o?.tradingsymbol ?? null,
    side: o?.side ?? null,
    status: o?.status ?? null,
    events: events.rows.map((r) => ({
      eventId: Number(r.event_id),
      seq: r.seq,
      eventType: r.event_type,
      statusAfter: r.status_after,
      at: r.created_at.getTime(),
      payload: r.payload,
      hash: r.hash,
    })),
  };
}

export async function auditLogPage(
  db: pg.Pool,
  args: { from?: string | undefined; to?: string | undefined; afterId?: number | undefined; limit: number },
): Promise<{ rows: AuditLogRow[]; nextAfterId: number | null }> {
  const range = istDaysToUtcRange(args.from, args.to);
  const conditions: string[] = [];
  const values: unknown[] = [];
  if (range.from) conditions.push(`at >= $${values.push(range.from.toISOString())}`);
  if (range.to) conditions.push(`at < $${values.push(range.to.toISOString())}`);
  if (args.afterId !== undefined) conditions.push(`id < $${values.push(String(args.afterId))}`);
  values.push(args.limit);
  const { rows } = await db.query<{ id: string; at: Date; actor: string; action: string; details: Record<string, unknown> }>(
    `SELECT id, at, actor, action, details FROM audit_log ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY id DESC LIMIT $${values.length}`,
    values,
  );
  const page = rows.map((r): AuditLogRow => ({ id: Number(r.id), at: r.at.getTime(), actor: r.actor, action: r.action, details: r.details }));
  const last = page.at(-1);
  return { rows: page, nextAfterId: page.length === args.limit && last ? last.id : null };
}
