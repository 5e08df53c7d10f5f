import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * The broker order id the ledger last recorded for one of our client order ids, or null
 * when the venue never acknowledged it. Adapters whose venue cannot be asked by our id
 * alone use it after a restart (Kite reconciles an order by the id it gave it). The
 * ledger is the OMS's, so the query lives here rather than in an adapter.
 */
export async function knownBrokerOrderId(db: Kysely<Database>, clientOrderId: string): Promise<string | null> {
  const row = await db
    .selectFrom('order_events')
    .select('broker_order_id')
    .where('client_order_id', '=', clientOrderId)
    .where('broker_order_id', 'is not', null)
    .orderBy('seq desc')
    .limit(1)
    .executeTakeFirst();
  return row?.broker_order_id ?? null;
}
