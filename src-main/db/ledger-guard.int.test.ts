import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appendOnlyTables, type Database } from './schema';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';

/**
 * The append-only promise of DESIGN.md: order_events, fills and audit_log
 * take INSERTs and refuse UPDATE, DELETE and TRUNCATE, from anyone (the
 * superuser we connect as included), with session_replication_role = replica
 * too; and the application role does not even hold those privileges.
 */

type AppendOnlyTable = (typeof appendOnlyTables)[number];

let testDb: TestDatabase;
let db: Kysely<Database>;
let pool: pg.Pool;

beforeAll(async () => {
  testDb = await startTestDatabase();
  db = testDb.service.kysely();
  pool = testDb.service.pool();
});

afterAll(async () => {
  await testDb?.cleanup();
});

/** One typed row per table, written as the application will write it. */
async function insertOne(table: AppendOnlyTable): Promise<void> {
  switch (table) {
    case 'order_events': {
      await db
        .insertInto('order_events')
        .values({
          order_id: randomUUID(),
          client_order_id: `c-${randomUUID()}`,
          seq: 1,
          event_type: 'INTENT',
          status_after: 'PENDING_LOCAL',
          payload: { side: 'BUY', quantity: 65, tradingsymbol: 'NIFTY26NOVFUT' },
          broker: 'paper',
        })
        .execute();
      return;
    }
    case 'fills': {
      await db
        .insertInto('fills')
        .values({
          order_id: randomUUID(),
          event_id: String(Math.floor(Math.random() * 1e12)),
          broker: 'paper',
          broker_trade_id: `t-${randomUUID()}`,
          token: '256265',
          tradingsymbol: 'NIFTY26NOVFUT',
          exchange: 'NFO',
          side: 'BUY',
          product: 'NRML',
          quantity: 65,
          price: '26000.10',
          filled_at: new Date(),
          brokerage: '20.00',
          stt: '0.00',
          exchange_txn: '30.93',
          sebi_fee: '1.69',
          gst: '9.47',
          stamp_duty: '33.80',
          total_charges: '95.89',
        })
        .execute();
      return;
    }
    case 'audit_log': {
      await db.insertInto('audit_log').values({ actor: 'trader', action: 'risk.update', details: { max_open_orders: 50 } }).execute();
      return;
    }
  }
}

async function countRows(table: AppendOnlyTable): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db);
  return rows[0]?.n ?? -1;
}

/** The statements that must be refused, each on its own (they run outside a transaction). */
function attacks(table: AppendOnlyTable): Array<{ op: 'UPDATE' | 'DELETE' | 'TRUNCATE'; text: string }> {
  const firstColumn = table === 'order_events' ? 'broker' : table === 'fills' ? 'broker' : 'actor';
  return [
    { op: 'UPDATE', text: `UPDATE ${table} SET ${firstColumn} = 'tampered'` },
    { op: 'UPDATE', text: `UPDATE ${table} SET ${firstColumn} = 'tampered' WHERE false` },
    { op: 'DELETE', text: `DELETE FROM ${table}` },
    { op: 'DELETE', text: `DELETE FROM ${table} WHERE false` },
    { op: 'TRUNCATE', text: `TRUNCATE ${table}` },
  ];
}

async function expectRefused(client: pg.PoolClient, table: AppendOnlyTable): Promise<void> {
  for (const attack of attacks(table)) {
    await expect(client.query(attack.text), attack.text).rejects.toMatchObject({
      code: '23001',
      message: `${table} is append-only: ${attack.op} refused`,
    });
  }
}

describe.each(appendOnlyTables)('%s is append-only', (table) => {
  test('INSERT works', async () => {
    const before = await countRows(table);
    await insertOne(table);
    await insertOne(table);
    expect(await countRows(table)).toBe(before + 2);
  });

  test('UPDATE, DELETE and TRUNCATE are refused with the append-only message, even when no row matches', async () => {
    const before = await countRows(table);
    expect(before).toBeGreaterThan(0);
    const client = await pool.connect();
    try {
      await expectRefused(client, table);
    } finally {
      client.release();
    }
    expect(await countRows(table)).toBe(before);
  });

  test('still refused under session_replication_role = replica (triggers enabled ALWAYS)', async () => {
    const before = await countRows(table);
    const client = await pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      await expectRefused(client, table);
    } finally {
      await client.query('RESET session_replication_role');
      client.release();
    }
    expect(await countRows(table)).toBe(before);
  });

  test('refused inside a transaction through Kysely as well, and the transaction rolls back', async () => {
    const before = await countRows(table);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`DELETE FROM ${sql.table(table)}`.execute(trx);
      }),
    ).rejects.toThrow(`${table} is append-only: DELETE refused`);
    expect(await countRows(table)).toBe(before);
  });

  test('both guard triggers exist and are enabled ALWAYS (and, on order_events, the hash chain trigger too)', async () => {
    const { rows } = await sql<{ tgname: string; tgenabled: string }>`
      SELECT tgname, tgenabled FROM pg_catalog.pg_trigger
      WHERE tgrelid = ${table}::regclass AND NOT tgisinternal ORDER BY tgname`.execute(db);
    expect(rows.filter((row) => row.tgname.includes('_append_only_'))).toEqual([
      { tgname: `${table}_append_only_row`, tgenabled: 'A' },
      { tgname: `${table}_append_only_stmt`, tgenabled: 'A' },
    ]);
    // 0012: the BEFORE INSERT trigger that chains prev_hash/hash; ALWAYS, so
    // replica mode cannot append unchained events.
    if (table === 'order_events') {
      expect(rows.filter((row) => row.tgname === 'zz_order_events_hash_chain')).toEqual([{ tgname: 'zz_order_events_hash_chain', tgenabled: 'A' }]);
    }
  });

  test('the application role may SELECT and INSERT but holds no UPDATE, DELETE or TRUNCATE', async () => {
    const { rows } = await sql<Record<'sel' | 'ins' | 'upd' | 'del' | 'trunc', boolean>>`
      SELECT has_table_privilege('tickdesk_app', ${table}, 'SELECT') AS sel,
             has_table_privilege('tickdesk_app', ${table}, 'INSERT') AS ins,
             has_table_privilege('tickdesk_app', ${table}, 'UPDATE') AS upd,
             has_table_privilege('tickdesk_app', ${table}, 'DELETE') AS del,
             has_table_privilege('tickdesk_app', ${table}, 'TRUNCATE') AS trunc`.execute(db);
    expect(rows[0]).toEqual({ sel: true, ins: true, upd: false, del: false, trunc: false });
  });

  test('as tickdesk_app: INSERT works, UPDATE is denied by privilege before any trigger', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL ROLE tickdesk_app');
      const insert =
        table === 'audit_log'
          ? client.query(`INSERT INTO audit_log (actor, action) VALUES ('app', 'test.insert')`)
          : table === 'order_events'
            ? client.query(`INSERT INTO order_events (order_id, client_order_id, seq, event_type, payload, broker) VALUES ($1, $2, 1, 'INTENT', '{}', 'paper')`, [randomUUID(), `c-${randomUUID()}`])
            : client.query(
                `INSERT INTO fills (order_id, event_id, broker, broker_trade_id, token, tradingsymbol, exchange, side, product, quantity, price, filled_at,
                   brokerage, stt, exchange_txn, sebi_fee, gst, stamp_duty, total_charges)
                 VALUES ($1, $2, 'paper', $3, 2885, 'RELIANCE', 'NSE', 'SELL', 'CNC', 1, 1400.00, now(), 0, 1.40, 0.04, 0.00, 0.01, 0, 1.45)`,
                [randomUUID(), Math.floor(Math.random() * 1e12), `t-${randomUUID()}`],
              );
      await expect(insert).resolves.toMatchObject({ rowCount: 1 });
      await expect(client.query(`DELETE FROM ${table}`)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

describe('the guard is specific to the append-only tables', () => {
  test('system_log (pruned by age) and the orders projection (rebuildable) can be deleted from', async () => {
    await db.insertInto('system_log').values({ level: 'info', source: 'test', message: 'hello' }).execute();
    await expect(db.deleteFrom('system_log').execute()).resolves.toBeDefined();
    await expect(sql`TRUNCATE orders`.execute(db)).resolves.toBeDefined();
  });

  test('the ledger refuses a second INTENT for the same client order id and a duplicate seq', async () => {
    const orderId = randomUUID();
    const clientId = `c-${randomUUID()}`;
    const event = (seq: number, eventType: 'INTENT' | 'VALIDATED', order = orderId) =>
      db.insertInto('order_events').values({ order_id: order, client_order_id: clientId, seq, event_type: eventType, payload: {}, broker: 'paper' }).execute();
    await event(1, 'INTENT');
    await expect(event(1, 'VALIDATED')).rejects.toMatchObject({ code: '23505', constraint: 'order_events_order_seq_key' });
    await expect(event(1, 'INTENT', randomUUID())).rejects.toMatchObject({ code: '23505', constraint: 'order_events_intent_client_id' });
    await expect(event(2, 'VALIDATED')).resolves.toBeDefined();
  });

  test('fills refuse a trade booked twice and charges that do not add up', async () => {
    const base = {
      order_id: randomUUID(),
      broker: 'paper',
      broker_trade_id: `t-${randomUUID()}`,
      token: '2885',
      tradingsymbol: 'RELIANCE',
      exchange: 'NSE',
      side: 'BUY' as const,
      product: 'CNC' as const,
      quantity: 10,
      price: '1400.00',
      filled_at: new Date(),
      brokerage: '0.00',
      stt: '14.00',
      exchange_txn: '0.43',
      sebi_fee: '0.01',
      gst: '0.08',
      stamp_duty: '2.10',
      total_charges: '16.62',
    };
    await db.insertInto('fills').values({ ...base, event_id: '900000000001' }).execute();
    await expect(db.insertInto('fills').values({ ...base, event_id: '900000000002' }).execute()).rejects.toMatchObject({ code: '23505', constraint: 'fills_broker_trade_key' });
    await expect(
      db.insertInto('fills').values({ ...base, event_id: '900000000003', broker_trade_id: `t-${randomUUID()}`, total_charges: '16.61' }).execute(),
    ).rejects.toMatchObject({ code: '23514', constraint: 'fills_total_charges_check' });
  });
});
