import type pg from 'pg';
import type { OrderEventPayload } from '../../../src-shared/orders/order-events';
import { applyOrderEvent, type OrderProjection } from '../../../src-shared/orders/order-fold';
import { pgErrorInfo } from '../../db/app-transaction';
import { applyToRecord, loadRecord, loadRecords, type EventRow } from './ledger-read';
import type { AppendedEvent, IntentExtras, OrderMeta, OrderRecord } from './ledger-types';
import { ORDER_COLUMNS, orderRowValues } from './orders-row';
import { jsonbLiteral, sqlLiteral } from '../../db/sql-literal';

/**
 * The ledger writer: appends to `order_events` and stores the `orders` projection in the
 * same transaction, run AS tickdesk_app (SET LOCAL ROLE: the role has no UPDATE, DELETE or
 * TRUNCATE on the ledger, so not even a bug here can edit it).
 *
 * Every event is folded (applyOrderEvent) onto the order's current projection BEFORE it
 * is written; if the fold throws, the write is refused and nothing is sent. Each order's
 * events, its projection row and whatever the caller attaches (the trade book and the
 * positions of a fill) form ONE statement (data-modifying CTEs); the only value the
 * database adds — event ids — reaches the projection as `max(event_id)` of the very rows
 * inserted. The whole transaction — BEGIN; SET LOCAL ROLE; the statements; COMMIT — is
 * one simple-protocol round trip, values written as literals (sql-literal.ts). Event times
 * are the writer's clock in ms, so the projection is exactly what a rebuild from the
 * events computes (rebuild.ts).
 *
 * Records are cached in memory (the OMS is the ledger's only writer) and enter the cache
 * only after their transaction committed. A concurrent writer elsewhere would trip
 * UNIQUE (order_id, seq); the stale records are then dropped.
 */

type IntentPayload = Extract<OrderEventPayload, { type: 'INTENT' }>;

/** An event as it will be written: payload, time, and the state it leaves the order in. */
export interface ProbedEvent {
  index: number;
  payload: OrderEventPayload;
  at: number;
  projection: OrderProjection;
}

/** What an attachment may use to add rows to an append's statement. */
export interface StatementParts {
  /** A value as an SQL literal. */
  literal(value: unknown): string;
  /** SQL for the event id of the index-th event of this append. */
  eventIdOf(index: number): string;
}

/** An extra CTE of an append's statement; with `returning`, its rows come back under `name`. */
export interface Attachment {
  name: string;
  sql: string;
  returning?: boolean;
}

export type Attach = (parts: StatementParts, events: readonly ProbedEvent[], before: OrderRecord) => Attachment[];

export type LedgerOp =
  | { kind: 'open'; meta: OrderMeta; intent: IntentPayload; more?: readonly OrderEventPayload[] }
  | { kind: 'append'; clientOrderId: string; payloads: readonly OrderEventPayload[]; attach?: Attach };

export interface AppendResult {
  events: AppendedEvent[];
  /** Rows returned by attachments, by attachment name. */
  attached: Record<string, unknown[]>;
}

interface Built {
  sql: string;
  finish(row: Record<string, unknown>, before: OrderRecord | null): { record: OrderRecord; result: AppendResult };
}

const EVENT_COLUMNS = [
  'order_id', 'client_order_id', 'parent_order_id', 'broker_order_id', 'seq', 'event_type', 'status_after',
  'payload', 'strategy_id', 'algo_id', 'broker', 'created_at',
] as const;
const UPDATES = ORDER_COLUMNS.filter((c) => c !== 'order_id').map((c) => `${c} = EXCLUDED.${c}`).join(', ');

export class OrderLedger {
  readonly #pool: pg.Pool;
  readonly #clock: () => number;
  readonly #cache = new Map<string, OrderRecord>();
  /** Slices by their parent uuid (client order ids), for the parent's aggregate view. */
  readonly #slices = new Map<string, Set<string>>();

  constructor(pool: pg.Pool, clock: () => number = Date.now) {
    this.#pool = pool;
    this.#clock = clock;
  }

  cached(clientOrderId: string): OrderRecord | undefined {
    return this.#cache.get(clientOrderId);
  }

  cachedRecords(): IterableIterator<OrderRecord> {
    return this.#cache.values();
  }

  /** The cached slices of a sliced order. */
  cachedSlices(parentOrderId: string): OrderRecord[] {
    const ids = this.#slices.get(parentOrderId);
    if (!ids) return [];
    return [...ids].map((id) => this.#cache.get(id)).filter((r): r is OrderRecord => r !== undefined);
  }

  /** The record from the cache, or folded from the ledger (then cached); null if unknown. */
  async record(clientOrderId: string): Promise<OrderRecord | null> {
    const hit = this.#cache.get(clientOrderId);
    if (hit) return hit;
    const loaded = await loadRecord(this.#pool, clientOrderId);
    if (loaded) this.#remember(loaded);
    return loaded;
  }

  /** Loads (and caches) the records of these orders by our order id. */
  async warm(orderIds: readonly string[]): Promise<OrderRecord[]> {
    const loaded = await loadRecords(this.#pool, orderIds);
    for (const record of loaded.values()) this.#remember(record);
    return [...loaded.values()];
  }

  /**
   * Writes the operations in ONE transaction; returns the records they leave and each
   * operation's result. Throws — having written nothing — when any event would not fold
   * or the database refuses any statement.
   */
  async write(ops: readonly LedgerOp[]): Promise<{ touched: OrderRecord[]; results: AppendResult[] }> {
    // Provisional records let a second op on the same order build on the first.
    const provisional = new Map<string, OrderRecord>();
    const plans: Array<{ id: string; before: OrderRecord | null; built: Built }> = [];
    for (const op of ops) {
      const id = op.kind === 'open' ? op.intent.intent.clientOrderId : op.clientOrderId;
      const before = op.kind === 'open' ? null : (provisional.get(id) ?? (await this.record(id)));
      if (op.kind === 'append' && !before) throw new Error(`No order ${id} in the ledger`);
      const built = op.kind === 'open'
        ? build(null, op.meta, id, [op.intent, ...(op.more ?? [])], this.#clock(), undefined)
        : build(before, (before as OrderRecord).meta, id, op.payloads, this.#clock(), op.attach);
      plans.push({ id, before, built });
      provisional.set(id, built.finish(placeholderRow(before, op), before).record);
    }
    if (plans.length === 0) return { touched: [], results: [] };
    const rows = await this.#run(plans.map((p) => p.built.sql), plans.map((p) => p.id));
    const touched = new Map<string, OrderRecord>();
    const results: AppendResult[] = [];
    plans.forEach((plan, i) => {
      const { record, result } = plan.built.finish(rows[i] ?? {}, touched.get(plan.id) ?? plan.before);
      touched.set(plan.id, record);
      results.push(result);
    });
    for (const record of touched.values()) this.#remember(record);
    return { touched: [...touched.values()], results };
  }

  /** BEGIN; SET LOCAL ROLE; statements; COMMIT — one round trip. Returns each statement's row. */
  async #run(statements: readonly string[], ids: readonly string[]): Promise<Array<Record<string, unknown>>> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      const results = (await client.query(`BEGIN; SET LOCAL ROLE tickdesk_app; ${statements.join('; ')}; COMMIT`)) as unknown as pg.QueryResult[];
      return results.slice(2, 2 + statements.length).map((r) => (r.rows[0] ?? {}) as Record<string, unknown>);
    } catch (error) {
      await client.query('ROLLBACK').catch((e: unknown) => {
        broken = e instanceof Error ? e : new Error(String(e));
      });
      // Someone else appended to an order we had cached: forget it, the ledger wins.
      if (pgErrorInfo(error).constraint === 'order_events_order_seq_key') for (const id of ids) this.#cache.delete(id);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  #remember(record: OrderRecord): void {
    this.#cache.set(record.projection.clientOrderId, record);
    const parent = record.meta.parentOrderId;
    if (parent === null) return;
    const ids = this.#slices.get(parent) ?? new Set<string>();
    ids.add(record.projection.clientOrderId);
    this.#slices.set(parent, ids);
  }
}

/** The statement row a successful write would return, with stand-in event ids. */
function placeholderRow(before: OrderRecord | null, op: LedgerOp): Record<string, unknown> {
  const count = op.kind === 'open' ? 1 + (op.more?.length ?? 0) : op.payloads.length;
  const first = (before?.seq ?? 0) + 1;
  const base = before?.projection.lastEventId ?? 0;
  return { e: Array.from({ length: count }, (_, i) => ({ id: String(base + i + 1), seq: first + i })) };
}

/** One order's statement: its events, its projection row, the attachments. Throws if the fold refuses. */
function build(
  record: OrderRecord | null,
  meta: OrderMeta,
  clientOrderId: string,
  payloads: readonly OrderEventPayload[],
  now: number,
  attach: Attach | undefined,
): Built {
  if (payloads.length === 0) throw new Error('Nothing to write');
  const at = Math.max(now, record?.projection.updatedAt ?? 0);
  const probed = probe(record?.projection ?? null, clientOrderId, payloads, at);
  const firstSeq = (record?.seq ?? 0) + 1;
  const extras: IntentExtras | null = record ? null : { instrument: { tradingsymbol: meta.tradingsymbol, exchange: meta.exchange } };
  const stored = (i: number, payload: OrderEventPayload) => (i === 0 && extras ? { ...payload, ...extras } : payload);
  const tuples = probed.map(({ payload, projection }, i) => {
    const before = i === 0 ? (record?.projection.status ?? null) : (probed[i - 1] as ProbedEvent).projection.status;
    return `(${[
      meta.orderId, clientOrderId, meta.parentOrderId, projection.brokerOrderId, firstSeq + i, payload.type,
      projection.status !== before ? projection.status : null,
    ].map(sqlLiteral).join(', ')}, ${jsonbLiteral(stored(i, payload))}, ${[
      projection.strategyId, projection.algoId, meta.broker, new Date(at),
    ].map(sqlLiteral).join(', ')})`;
  });
  // The projection row as the fold leaves it; only last_event_id comes from the insert.
  const last = (probed.at(-1) as ProbedEvent).projection;
  const lastEventIdAt = ORDER_COLUMNS.indexOf('last_event_id');
  const row = orderRowValues({ meta, projection: last, seq: firstSeq + payloads.length - 1, fillIds: new Set(), fills: [] })
    .map((value, i) => (i === lastEventIdAt ? '(SELECT max(event_id) FROM e)' : sqlLiteral(value)));
  const parts: StatementParts = { literal: sqlLiteral, eventIdOf: (i) => `(SELECT event_id FROM e WHERE seq = ${firstSeq + i})` };
  const attachments = attach && record ? attach(parts, probed, record) : [];
  const ctes = [
    `e AS (INSERT INTO order_events (${EVENT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} RETURNING event_id, seq)`,
    `o AS (INSERT INTO orders (${ORDER_COLUMNS.join(', ')}) VALUES (${row.join(', ')}) ON CONFLICT (order_id) DO UPDATE SET ${UPDATES})`,
    ...attachments.map((a) => `${a.name} AS (${a.sql})`),
  ];
  const selects = [
    `(SELECT json_agg(json_build_object('id', event_id::text, 'seq', seq)) FROM e) AS e`,
    ...attachments.filter((a) => a.returning).map((a) => `(SELECT json_agg(x) FROM ${a.name} x) AS ${a.name}`),
  ];
  return {
    sql: `WITH ${ctes.join(', ')} SELECT ${selects.join(', ')}`,
    finish(result, before) {
      const ids = new Map(((result.e ?? []) as Array<{ id: string; seq: number }>).map((r) => [r.seq, r.id]));
      const events: AppendedEvent[] = [];
      let current = before;
      probed.forEach(({ payload }, i) => {
        const seq = firstSeq + i;
        const eventId = ids.get(seq);
        if (eventId === undefined) throw new Error(`The ledger did not return event ${seq} of ${clientOrderId}`);
        const eventRow: EventRow = {
          event_id: eventId, order_id: meta.orderId, client_order_id: clientOrderId, parent_order_id: meta.parentOrderId,
          broker: meta.broker, seq, created_at: new Date(at), payload: stored(i, payload) as Record<string, unknown>,
        };
        const event = { eventId: Number(eventId), clientOrderId, at, payload };
        current = applyToRecord(current, eventRow, event);
        events.push({ eventId: event.eventId, clientOrderId, seq, at, payload });
      });
      const attached: Record<string, unknown[]> = {};
      for (const a of attachments) if (a.returning) attached[a.name] = (result[a.name] ?? []) as unknown[];
      return { record: current as OrderRecord, result: { events, attached } };
    },
  };
}

/** Folds payloads onto a projection with stand-in ids; throws as the fold does. */
function probe(start: OrderProjection | null, clientOrderId: string, payloads: readonly OrderEventPayload[], at: number): ProbedEvent[] {
  let projection = start;
  return payloads.map((payload, index) => {
    projection = applyOrderEvent(projection, { eventId: (projection?.lastEventId ?? 0) + 1, clientOrderId, at, payload });
    return { index, payload, at, projection };
  });
}
