import type pg from 'pg';
import { withAppTransaction } from '../../db/app-transaction';
import { EVENT_ROW_COLUMNS, foldRows, type EventRow } from './ledger-read';
import type { OrderRecord } from './ledger-types';
import { ORDER_COLUMNS, orderRowValues, upsertOrdersSql } from './orders-row';

/**
 * `orders` is only a projection: this recomputes it from `order_events` alone. The fold
 * and the row mapping are the very ones the live writer uses (ledger-read.ts,
 * orders-row.ts), so a difference between a rebuild and the live table means an event
 * was lost or the projection was edited behind the ledger's back.
 */

const BATCH = 500;

/** Every order folded from the ledger, by client order id. */
export async function foldLedger(db: pg.Pool | pg.PoolClient): Promise<Map<string, OrderRecord>> {
  const { rows } = await db.query<EventRow>(`SELECT ${EVENT_ROW_COLUMNS} FROM order_events ORDER BY event_id`);
  return foldRows(rows);
}

/** Empties `orders` and writes it again from the ledger, in one transaction. Returns the row count. */
export async function rebuildOrders(pool: pg.Pool): Promise<number> {
  return withAppTransaction(pool, async (client) => {
    // Lock out the live writer's upserts for the moment of the swap.
    await client.query('LOCK TABLE orders IN EXCLUSIVE MODE');
    const records = [...(await foldLedger(client)).values()];
    await client.query('DELETE FROM orders');
    for (let i = 0; i < records.length; i += BATCH) {
      const batch = records.slice(i, i + BATCH);
      await client.query(upsertOrdersSql(batch.length), batch.flatMap(orderRowValues));
    }
    return records.length;
  });
}

/** The `orders` table as rows ordered by order_id, for comparisons. */
export async function readOrdersTable(db: pg.Pool | pg.PoolClient): Promise<Record<string, unknown>[]> {
  const { rows } = await db.query<Record<string, unknown>>(`SELECT ${ORDER_COLUMNS.join(', ')} FROM orders ORDER BY order_id`);
  return rows;
}
