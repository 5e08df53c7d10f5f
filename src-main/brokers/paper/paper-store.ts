import type pg from 'pg';
import { paiseToRupeesString, rupeesToPaise, type Paise } from '../../../src-shared/money';
import type { OrderType, Product, Side, Validity } from '../../../src-shared/orders/order-types';
import { withAppTransaction } from '../../db/app-transaction';
import { sqlLiteral } from '../../db/sql-literal';
import type { BrokerOrderReport, BrokerOrderStatus, BrokerTrade } from '../../oms/broker-port';
import type { MatchableOrder } from './matching';

/**
 * The paper venue's book in PostgreSQL (paper_orders, paper_trades; migration 0010).
 * Every change is stored before the venue answers or pushes an update, so what the
 * venue has said is always what a restart finds.
 */

export type PaperStatus = 'OPEN' | 'TRIGGER_PENDING' | 'COMPLETE' | 'CANCELLED' | 'REJECTED';

export interface PaperOrder extends MatchableOrder {
  brokerOrderId: string;
  clientOrderId: string;
  token: number;
  product: Product;
  status: PaperStatus;
  statusMessage: string | null;
  trades: BrokerTrade[];
}

/** A new order before the venue numbered it. */
export type NewPaperOrder = Omit<PaperOrder, 'brokerOrderId' | 'trades'>;
export interface NewTrade {
  quantity: number;
  price: Paise;
}

interface PaperOrderRow {
  broker_order_id: string;
  client_order_id: string;
  token: string;
  side: Side;
  order_type: OrderType;
  product: Product;
  validity: Validity;
  quantity: number;
  filled_quantity: number;
  price: string | null;
  trigger_price: string | null;
  market_protection: number;
  protection_price: string | null;
  triggered: boolean;
  status: PaperStatus;
  status_message: string | null;
  iceberg_legs: number | null;
}

interface TradeRow {
  trade_id: string;
  broker_order_id: string;
  quantity: number;
  price: string;
  traded_at: Date;
}

const money = (value: Paise | null): string | null => (value === null ? null : paiseToRupeesString(value));
const paise = (value: string | null): Paise | null => (value === null ? null : rupeesToPaise(value));
const toTrade = (row: TradeRow): BrokerTrade => ({
  tradeId: row.trade_id, quantity: row.quantity, price: rupeesToPaise(row.price), at: row.traded_at.getTime(),
});

function fromRow(row: PaperOrderRow, trades: BrokerTrade[]): PaperOrder {
  return {
    brokerOrderId: row.broker_order_id, clientOrderId: row.client_order_id, token: Number(row.token),
    side: row.side, orderType: row.order_type, product: row.product, validity: row.validity,
    quantity: row.quantity, filledQuantity: row.filled_quantity,
    price: paise(row.price), triggerPrice: paise(row.trigger_price),
    marketProtection: row.market_protection, protectionPrice: paise(row.protection_price),
    triggered: row.triggered, status: row.status, statusMessage: row.status_message, icebergLegs: row.iceberg_legs, trades,
  };
}

const tradeId = (brokerOrderId: string, n: number): string => `${brokerOrderId}-${n}`;

export class PaperStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** Orders still on the book (OPEN, TRIGGER_PENDING) with their trades, oldest first. */
  async loadWorking(): Promise<PaperOrder[]> {
    const { rows } = await this.#pool.query<PaperOrderRow>(
      `SELECT * FROM paper_orders WHERE status IN ('OPEN', 'TRIGGER_PENDING') ORDER BY placed_at, broker_order_id`,
    );
    if (rows.length === 0) return [];
    const trades = await this.#tradesOf(rows.map((r) => r.broker_order_id));
    return rows.map((row) => fromRow(row, trades.get(row.broker_order_id) ?? []));
  }

  async findByClientId(clientOrderId: string): Promise<PaperOrder | null> {
    const { rows } = await this.#pool.query<PaperOrderRow>('SELECT * FROM paper_orders WHERE client_order_id = $1', [clientOrderId]);
    const row = rows[0];
    if (!row) return null;
    const trades = await this.#tradesOf([row.broker_order_id]);
    return fromRow(row, trades.get(row.broker_order_id) ?? []);
  }

  /**
   * Stores a new order with the trades it made on arrival: one statement, one round trip
   * (values as literals in a simple-protocol transaction). Throws pg's unique violation
   * (paper_orders_client_order_id_key) when the client order id is already on the book.
   */
  async insert(order: NewPaperOrder, trades: readonly NewTrade[]): Promise<PaperOrder> {
    const values = [
      order.clientOrderId, order.token, order.side, order.orderType, order.product, order.validity,
      order.quantity, order.filledQuantity, money(order.price), money(order.triggerPrice),
      order.marketProtection, money(order.protectionPrice), order.triggered, order.status, order.statusMessage, order.icebergLegs,
    ].map(sqlLiteral).join(', ');
    const insertOrder = `INSERT INTO paper_orders (client_order_id, token, side, order_type, product, validity, quantity,
        filled_quantity, price, trigger_price, market_protection, protection_price, triggered, status, status_message, iceberg_legs)
      VALUES (${values}) RETURNING broker_order_id`;
    const statement = trades.length === 0
      ? insertOrder
      : `WITH o AS (${insertOrder})
         INSERT INTO paper_trades (trade_id, broker_order_id, quantity, price)
         SELECT o.broker_order_id || '-' || t.n, o.broker_order_id, t.q, t.p FROM o, (VALUES ${trades
           .map((t, i) => `(${i + 1}, ${sqlLiteral(t.quantity)}, ${sqlLiteral(paiseToRupeesString(t.price))}::numeric)`).join(', ')}) AS t(n, q, p)
         RETURNING trade_id, broker_order_id, quantity, price, traded_at`;
    const rows = await this.#venueWrite<TradeRow & { broker_order_id: string }>(statement);
    const brokerOrderId = (rows[0] as { broker_order_id: string }).broker_order_id;
    if (trades.length === 0) return { ...order, brokerOrderId, trades: [] };
    const sorted = [...rows].sort((a, b) => Number(a.trade_id.split('-').pop()) - Number(b.trade_id.split('-').pop()));
    return { ...order, brokerOrderId, trades: sorted.map(toTrade) };
  }

  /**
   * The venue's write. synchronous_commit is off for it, on purpose: the venue's commit
   * record precedes, in the same WAL, the ledger's (synchronous) commit of the answer, so
   * whenever the OMS has durably recorded what the venue said, the venue's own record is
   * durable too. Lost alone (a crash in between), the order is simply unknown to the
   * venue, and start-up reconciliation records it as never received — consistent either way.
   */
  async #venueWrite<R>(statement: string): Promise<R[]> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      const results = (await client.query(
        `BEGIN; SET LOCAL ROLE tickdesk_app; SET LOCAL synchronous_commit = off; ${statement}; COMMIT`,
      )) as unknown as pg.QueryResult[];
      return (results[3]?.rows ?? []) as R[];
    } catch (error) {
      await client.query('ROLLBACK').catch((e: unknown) => {
        broken = e instanceof Error ? e : new Error(String(e));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /**
   * Stores the new state of existing orders and their new trades in one transaction.
   * Trade ids continue each order's numbering; the stored trades are returned.
   */
  async save(changes: ReadonlyArray<{ order: PaperOrder; newTrades: readonly NewTrade[] }>): Promise<Map<string, BrokerTrade[]>> {
    const stored = new Map<string, BrokerTrade[]>();
    if (changes.length === 0) return stored;
    await withAppTransaction(this.#pool, async (client) => {
      await client.query('SET LOCAL synchronous_commit = off'); // as #venueWrite explains
      for (const { order, newTrades } of changes) {
        await client.query(
          `UPDATE paper_orders SET order_type = $2, quantity = $3, filled_quantity = $4, price = $5, trigger_price = $6,
             protection_price = $7, triggered = $8, status = $9, status_message = $10, updated_at = clock_timestamp()
           WHERE broker_order_id = $1`,
          [order.brokerOrderId, order.orderType, order.quantity, order.filledQuantity, money(order.price),
            money(order.triggerPrice), money(order.protectionPrice), order.triggered, order.status, order.statusMessage],
        );
        if (newTrades.length === 0) continue;
        const first = order.trades.length + 1;
        const { rows } = await client.query<TradeRow>(
          `INSERT INTO paper_trades (trade_id, broker_order_id, quantity, price)
           SELECT t.id, $1, t.q, t.p FROM unnest($2::text[], $3::int[], $4::numeric[]) AS t(id, q, p)
           RETURNING trade_id, broker_order_id, quantity, price, traded_at`,
          [order.brokerOrderId, newTrades.map((_, i) => tradeId(order.brokerOrderId, first + i)),
            newTrades.map((t) => t.quantity), newTrades.map((t) => paiseToRupeesString(t.price))],
        );
        const byId = new Map(rows.map((r) => [r.trade_id, toTrade(r)]));
        stored.set(order.brokerOrderId, newTrades.map((_, i) => byId.get(tradeId(order.brokerOrderId, first + i)) as BrokerTrade));
      }
    });
    return stored;
  }

  async #tradesOf(brokerOrderIds: string[]): Promise<Map<string, BrokerTrade[]>> {
    const { rows } = await this.#pool.query<TradeRow>(
      `SELECT * FROM paper_trades WHERE broker_order_id = ANY($1::text[]) ORDER BY broker_order_id, length(trade_id), trade_id`,
      [brokerOrderIds],
    );
    const byOrder = new Map<string, BrokerTrade[]>();
    for (const row of rows) {
      const list = byOrder.get(row.broker_order_id) ?? [];
      list.push(toTrade(row));
      byOrder.set(row.broker_order_id, list);
    }
    return byOrder;
  }
}

const REPORTED: Record<PaperStatus, BrokerOrderStatus> = {
  OPEN: 'OPEN', TRIGGER_PENDING: 'TRIGGER_PENDING', COMPLETE: 'FILLED', CANCELLED: 'CANCELLED', REJECTED: 'REJECTED',
};

export function reportOf(order: PaperOrder): BrokerOrderReport {
  return {
    clientOrderId: order.clientOrderId,
    brokerOrderId: order.brokerOrderId,
    status: REPORTED[order.status],
    brokerStatus: order.status,
    message: order.statusMessage,
    orderType: order.orderType,
    quantity: order.quantity,
    price: order.price,
    triggerPrice: order.triggerPrice,
    filledQuantity: order.filledQuantity,
    trades: [...order.trades],
  };
}
