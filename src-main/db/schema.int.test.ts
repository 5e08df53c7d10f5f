import { sql, type Kysely, type SelectType } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from './schema';
import { parseColumnSpec, schemaSpec, tableNames, type TableName } from '../testing/fixtures/schema-spec';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';

/**
 * schema.ts against a database migrated from migrations/*.sql: same tables,
 * same columns, same types, nullability and defaults; plus the structural
 * promises of DESIGN.md the types cannot express (partitioning, indexes,
 * single-row settings, no plaintext secrets).
 */

let testDb: TestDatabase;
let db: Kysely<Database>;

beforeAll(async () => {
  testDb = await startTestDatabase();
  db = testDb.service.kysely();
});

afterAll(async () => {
  await testDb?.cleanup();
});

interface ColumnRow {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
  is_identity: 'YES' | 'NO';
  identity_generation: string | null;
}

/** Ordinary and partitioned tables of schema public, partitions left out. */
async function publicTables(): Promise<string[]> {
  const { rows } = await sql<{ relname: string }>`
    SELECT relname FROM pg_catalog.pg_class
    WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition
    ORDER BY relname`.execute(db);
  return rows.map((row) => row.relname);
}

async function columnsOf(table: string): Promise<ColumnRow[]> {
  const { rows } = await sql<ColumnRow>`
    SELECT table_name, column_name, udt_name, is_nullable, column_default, is_identity, identity_generation
    FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = ${table}
    ORDER BY ordinal_position`.execute(db);
  return rows;
}

const kyselyBookkeeping = ['kysely_migration', 'kysely_migration_lock'];

describe('schema.ts matches the migrated database', () => {
  test('every table of the database is typed, and every typed table exists', async () => {
    const actual = (await publicTables()).filter((name) => !kyselyBookkeeping.includes(name));
    expect(actual).toEqual([...tableNames].sort());
  });

  test.each(tableNames)('%s: columns, types, nullability and defaults', async (table: TableName) => {
    const spec: Record<string, string> = schemaSpec[table];
    const columns = await columnsOf(table);
    expect(columns.map((column) => column.column_name).sort()).toEqual(Object.keys(spec).sort());
    for (const column of columns) {
      const expected = spec[column.column_name];
      if (expected === undefined) throw new Error(`${table}.${column.column_name} is not in testing/fixtures/schema-spec.ts`);
      const parsed = parseColumnSpec(expected);
      const actualFill =
        column.is_identity === 'YES' && column.identity_generation === 'ALWAYS'
          ? 'identity'
          : column.column_default !== null && column.is_nullable === 'NO'
            ? 'default'
            : 'none';
      const described = { column: `${table}.${column.column_name}`, type: column.udt_name, nullable: column.is_nullable === 'YES', fill: actualFill };
      expect(described).toEqual({ column: `${table}.${column.column_name}`, type: parsed.type, nullable: parsed.nullable, fill: parsed.fill });
    }
  });
});

/** The values a text column of schema.ts may hold, NULL left out. */
type ColumnValues<T extends TableName, C extends keyof Database[T]> = Extract<SelectType<Database[T][C]>, string>;

interface CheckList {
  table: TableName;
  column: string;
  values: readonly string[];
}

/**
 * One column's CHECK (... IN (...)) list as schema.ts types it: the compiler
 * refuses a value outside the column's union and a member of it left out, so
 * the list below is the union, written out for run time.
 */
function checkList<T extends TableName, C extends keyof Database[T] & string>(table: T, column: C) {
  return <const L extends readonly ColumnValues<T, C>[]>(
    values: L & ([Exclude<ColumnValues<T, C>, L[number]>] extends [never] ? unknown : { missing: Exclude<ColumnValues<T, C>, L[number]> }),
  ): CheckList => ({ table, column, values });
}

const side = ['BUY', 'SELL'] as const;
const orderType = ['MKT', 'L', 'SL', 'SL-M'] as const;
const product = ['MIS', 'CNC', 'NRML'] as const;
const validity = ['DAY', 'IOC'] as const;
const orderStatus = ['PENDING_LOCAL', 'SENT', 'OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'REJECTED', 'MODIFY_PENDING', 'CANCEL_PENDING'] as const;

const checkLists: CheckList[] = [
  checkList('instruments', 'exchange')(['NSE', 'NFO', 'BSE', 'BFO', 'CDS', 'BCD', 'MCX', 'NCO']),
  checkList('instruments', 'instrument_type')(['EQ', 'FUT', 'CE', 'PE', 'INDEX']),
  checkList('candles', 'timeframe')(['1s', '1m', '5m', '15m', '1h', '1d']),
  checkList('order_events', 'event_type')([
    'INTENT',
    'VALIDATION_PASSED',
    'VALIDATED',
    'VALIDATION_FAILED',
    'RISK_PASSED',
    'RISK_ACCEPTED',
    'RISK_REJECTED',
    'SLICED',
    'REQUEST_SENT',
    'RESPONSE_RECEIVED',
    'REQUEST_FAILED',
    'UPDATE_RECEIVED',
    'STATUS_CHANGED',
    'FILL',
    'MODIFY_REQUESTED',
    'MODIFY_CONFIRMED',
    'MODIFY_REJECTED',
    'CANCEL_REQUESTED',
    'CANCEL_CONFIRMED',
    'CANCEL_REJECTED',
    'REJECTED',
    'RECONCILED',
  ]),
  checkList('order_events', 'status_after')(orderStatus),
  checkList('orders', 'side')(side),
  checkList('orders', 'order_type')(orderType),
  checkList('orders', 'product')(product),
  checkList('orders', 'validity')(validity),
  checkList('orders', 'status')(orderStatus),
  checkList('fills', 'side')(side),
  checkList('fills', 'product')(product),
  checkList('strategies', 'mode')(['PAPER', 'LIVE']),
  checkList('market_sessions', 'session_type')(['NORMAL', 'HOLIDAY', 'SPECIAL', 'MUHURAT']),
  checkList('system_log', 'level')(['debug', 'info', 'warn', 'error']),
  checkList('broker_accounts', 'key_source')(['safeStorage', 'passphrase']),
  checkList('paper_orders', 'side')(side),
  checkList('paper_orders', 'order_type')(orderType),
  checkList('paper_orders', 'product')(product),
  checkList('paper_orders', 'validity')(validity),
  checkList('paper_orders', 'status')(['OPEN', 'TRIGGER_PENDING', 'COMPLETE', 'CANCELLED', 'REJECTED']),
];

describe('text unions of schema.ts match the CHECK lists', () => {
  test.each(checkLists.map((list) => [`${list.table}.${list.column}`, list] as const))('%s', async (_name, { table, column, values }) => {
    // The one CHECK on this column alone of the form column = ANY (ARRAY[...]).
    const { rows } = await sql<{ def: string }>`
      SELECT pg_catalog.pg_get_constraintdef(c.oid) AS def
      FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      WHERE c.conrelid = ${table}::regclass AND c.contype = 'c' AND cardinality(c.conkey) = 1 AND a.attname = ${column}
        AND pg_catalog.pg_get_constraintdef(c.oid) LIKE '%= ANY (ARRAY[%'`.execute(db);
    expect(rows).toHaveLength(1);
    const allowed = [...(rows[0]?.def ?? '').matchAll(/'((?:[^']|'')*)'::text/g)].map((match) => (match[1] ?? '').replaceAll("''", "'"));
    expect(allowed.sort()).toEqual([...values].sort());
  });
});

describe('values read back as schema.ts says', () => {
  test('int8 and numeric as exact strings, timestamptz as Date, date and time as text, jsonb parsed, bytea as Buffer', async () => {
    await db
      .insertInto('instruments')
      .values({
        instrument_token: '9007199254740993',
        tradingsymbol: 'NIFTY26NOVFUT',
        name: 'NIFTY',
        exchange: 'NFO',
        segment: 'NFO-FUT',
        instrument_type: 'FUT',
        expiry: '2026-11-24',
        lot_size: 65,
        tick_size: '0.10',
        freeze_qty: 1800,
      })
      .execute();
    const instrument = await db.selectFrom('instruments').selectAll().where('instrument_token', '=', '9007199254740993').executeTakeFirstOrThrow();
    expect(instrument.instrument_token).toBe('9007199254740993');
    expect(instrument.tick_size).toBe('0.1000');
    expect(instrument.lot_size).toBe(65);
    expect(instrument.updated_at).toBeInstanceOf(Date);

    await db.insertInto('market_sessions').values({ trading_date: '2026-11-08', session_type: 'MUHURAT', pre_open_start: '17:45', normal_open: '18:00', normal_close: '19:00' }).execute();
    const session = await db.selectFrom('market_sessions').selectAll().where('trading_date', '=', '2026-11-08').executeTakeFirstOrThrow();
    expect(session).toMatchObject({ normal_open: '18:00:00', pre_open_start: '17:45:00', description: '' });

    await db.insertInto('broker_accounts').values({ account_id: 'kite-AB1234', broker: 'kite', secrets_ciphertext: Buffer.from([1, 2, 3]), key_source: 'safeStorage' }).execute();
    const account = await db.selectFrom('broker_accounts').selectAll().executeTakeFirstOrThrow();
    expect(Buffer.isBuffer(account.secrets_ciphertext)).toBe(true);

    const strategy = await db.selectFrom('strategies').selectAll().where('strategy_id', '=', 'manual').executeTakeFirstOrThrow();
    expect(strategy.parameters).toEqual({});
  });

  test('date columns read back as YYYY-MM-DD text, not a Date at some local midnight (pool.ts must leave oid 1082 unparsed)', async () => {
    // pg's default turns '2026-11-24' into a Date at the process's local
    // midnight: in IST that is 2026-11-23T18:30Z, and toISOString() names the
    // wrong day. Expiries and trading days are calendar days, so text it is.
    await db.insertInto('market_sessions').values({ trading_date: '2026-12-31', session_type: 'HOLIDAY', description: 'date round trip' }).execute();
    const { trading_date } = await db.selectFrom('market_sessions').select('trading_date').where('description', '=', 'date round trip').executeTakeFirstOrThrow();
    expect(trading_date).toBe('2026-12-31');
  });

  test('tables of 0008-0012: defaults fill what schema.ts leaves optional, and the hash chain fills the hash columns', async () => {
    await db.insertInto('ingest_batches').values({ batch_id: '00000000-0000-4000-8000-000000000001', rows: 3 }).execute();
    expect(await db.selectFrom('ingest_batches').selectAll().executeTakeFirstOrThrow()).toMatchObject({ rows: 3, committed_at: expect.any(Date) });

    await db.insertInto('watchlist').values({ instrument_token: '256265', position: 0 }).execute();
    expect(await db.selectFrom('watchlist').selectAll().executeTakeFirstOrThrow()).toMatchObject({ instrument_token: '256265', position: 0, added_at: expect.any(Date) });

    const { broker_order_id } = await db
      .insertInto('paper_orders')
      .values({ client_order_id: 'schema-1', token: '256265', side: 'BUY', order_type: 'L', product: 'NRML', validity: 'DAY', quantity: 65, price: '26000.05', status: 'OPEN' })
      .returning('broker_order_id')
      .executeTakeFirstOrThrow();
    expect(broker_order_id).toMatch(/^PO\d{10}$/);
    await db.insertInto('paper_trades').values({ trade_id: `${broker_order_id}-1`, broker_order_id, quantity: 65, price: '26000.05' }).execute();
    const paper = await db.selectFrom('paper_orders').selectAll().where('broker_order_id', '=', broker_order_id).executeTakeFirstOrThrow();
    expect(paper).toMatchObject({ filled_quantity: 0, market_protection: 0, triggered: false, protection_price: null, price: '26000.05', placed_at: expect.any(Date) });
    expect(await db.selectFrom('paper_trades').selectAll().executeTakeFirstOrThrow()).toMatchObject({ quantity: 65, price: '26000.05', traded_at: expect.any(Date) });

    await db.insertInto('app_settings').values({ key: 'schema.test', value: { days: 7 } }).execute();
    await db.insertInto('app_settings').values({ key: 'schema.list', value: JSON.stringify([1, 2]) }).execute();
    const settings = await db.selectFrom('app_settings').select(['key', 'value']).where('key', 'like', 'schema.%').orderBy('key').execute();
    expect(settings).toEqual([
      { key: 'schema.list', value: [1, 2] },
      { key: 'schema.test', value: { days: 7 } },
    ]);
    await expect(db.insertInto('app_settings').values({ key: 'Not A Key', value: {} }).execute()).rejects.toMatchObject({ code: '23514' });

    const event = await db
      .insertInto('order_events')
      .values({ order_id: '00000000-0000-4000-8000-000000000002', client_order_id: 'schema-ev-1', seq: 1, event_type: 'VALIDATION_PASSED', payload: {}, broker: 'paper' })
      .returning(['prev_hash', 'hash'])
      .executeTakeFirstOrThrow();
    expect(Buffer.isBuffer(event.prev_hash) && event.prev_hash.length).toBe(32);
    expect(Buffer.isBuffer(event.hash) && event.hash.length).toBe(32);
  });

  test('NUMERIC money keeps every paisa (no float on the way)', async () => {
    await db
      .insertInto('candles')
      .values({ token: '256265', timeframe: '1m', bucket: new Date('2026-11-20T03:45:00Z'), open: '26000.05', high: '26010.10', low: '25990.15', close: '26005.20', vwap: '26001.1234' })
      .execute();
    const candle = await db.selectFrom('candles').selectAll().executeTakeFirstOrThrow();
    expect(candle).toMatchObject({ open: '26000.05', high: '26010.10', low: '25990.15', close: '26005.20', vwap: '26001.1234', volume: '0', trades: 0 });
  });
});

describe('market data tables', () => {
  test.each(['market_ticks', 'market_depth'])('%s is partitioned by RANGE (ts), with a DEFAULT partition and BRIN + (token, ts) indexes', async (table) => {
    const { rows: keys } = await sql<{ key: string }>`SELECT pg_catalog.pg_get_partkeydef(${table}::regclass) AS key`.execute(db);
    expect(keys[0]?.key).toBe('RANGE (ts)');
    const { rows: partitions } = await sql<{ name: string; bound: string }>`
      SELECT c.relname AS name, pg_catalog.pg_get_expr(c.relpartbound, c.oid) AS bound
      FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = ${table}::regclass`.execute(db);
    expect(partitions).toEqual([{ name: `${table}_default`, bound: 'DEFAULT' }]);
    const { rows: indexes } = await sql<{ indexdef: string }>`SELECT indexdef FROM pg_catalog.pg_indexes WHERE schemaname = 'public' AND tablename = ${table} ORDER BY indexname`.execute(db);
    const definitions = indexes.map((row) => row.indexdef);
    expect(definitions.some((def) => def.includes('USING brin (ts)'))).toBe(true);
    expect(definitions.some((def) => def.includes('USING btree (token, ts)'))).toBe(true);
  });

  test('half-open IST day bounds: 23:59:59.999 IST stays in its day, 00:00 IST opens the next, nothing is rejected', async () => {
    await sql`CREATE TABLE market_ticks_20261120 PARTITION OF market_ticks FOR VALUES FROM ('2026-11-20 00:00+05:30') TO ('2026-11-21 00:00+05:30')`.execute(db);
    const tick = (ts: string) => ({ token: '256265', ts, ltp: '26000.05', received_at: new Date() });
    await db
      .insertInto('market_ticks')
      .values([tick('2026-11-20 00:00:00+05:30'), tick('2026-11-20 23:59:59.999+05:30'), tick('2026-11-21 00:00:00+05:30'), tick('2026-11-19 23:59:59.999+05:30')])
      .execute();
    const { rows } = await sql<{ part: string; n: number }>`
      SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM market_ticks GROUP BY 1 ORDER BY 1`.execute(db);
    expect(rows).toEqual([
      { part: 'market_ticks_20261120', n: 2 },
      { part: 'market_ticks_default', n: 2 },
    ]);
    // A new partition inherits the parent's indexes and the default privileges.
    const { rows: inherited } = await sql<{ n: number; app: boolean }>`
      SELECT (SELECT count(*)::int FROM pg_catalog.pg_indexes WHERE tablename = 'market_ticks_20261120') AS n,
             has_table_privilege('tickdesk_app', 'market_ticks_20261120', 'INSERT') AS app`.execute(db);
    expect(inherited[0]).toEqual({ n: 2, app: true });
  });

  test('instrument search uses trigram indexes on symbol and name', async () => {
    const { rows } = await sql<{ indexdef: string }>`SELECT indexdef FROM pg_catalog.pg_indexes WHERE tablename = 'instruments' AND indexdef LIKE '%gin_trgm_ops%'`.execute(db);
    const definitions = rows.map((row) => row.indexdef);
    expect(definitions.some((def) => def.includes('(tradingsymbol gin_trgm_ops)'))).toBe(true);
    expect(definitions.some((def) => def.includes('(name gin_trgm_ops)'))).toBe(true);
    const { rows: found } = await sql<{ tradingsymbol: string }>`SELECT tradingsymbol FROM instruments WHERE tradingsymbol ILIKE ${'%26nov%'}`.execute(db);
    expect(found.map((row) => row.tradingsymbol)).toContain('NIFTY26NOVFUT');
  });
});

describe('settings and secrets', () => {
  test('risk_settings has exactly one row, seeded, and refuses a second', async () => {
    const rows = await db.selectFrom('risk_settings').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: true, max_orders_per_second: 10, kill_switch_engaged: false });
    await expect(sql`INSERT INTO risk_settings DEFAULT VALUES`.execute(db)).rejects.toMatchObject({ code: '23505' });
    await expect(sql`INSERT INTO risk_settings (id) VALUES (false)`.execute(db)).rejects.toMatchObject({ code: '23514' });
  });

  test('the manual strategy exists, so strategy_id defaults point somewhere', async () => {
    const strategy = await db.selectFrom('strategies').select(['strategy_id', 'mode']).where('strategy_id', '=', 'manual').executeTakeFirst();
    expect(strategy).toEqual({ strategy_id: 'manual', mode: 'PAPER' });
  });

  test('market_sessions refuses a holiday with hours and a session without them', async () => {
    await expect(db.insertInto('market_sessions').values({ trading_date: '2026-12-25', session_type: 'HOLIDAY', normal_open: '09:15' }).execute()).rejects.toMatchObject({ code: '23514' });
    await expect(db.insertInto('market_sessions').values({ trading_date: '2026-12-26', session_type: 'SPECIAL' }).execute()).rejects.toMatchObject({ code: '23514' });
  });

  test('broker_accounts has no column that could hold a plaintext secret, and the read-only role cannot read it', async () => {
    const names = Object.keys(schemaSpec.broker_accounts);
    const plaintextLooking = names.filter((name) => /secret|password|passphrase|token|api_key|pin|totp|key$/i.test(name) && !['secrets_ciphertext', 'secrets_nonce'].includes(name));
    expect(plaintextLooking).toEqual([]);
    const { rows } = await sql<{ ro: boolean; app: boolean }>`
      SELECT has_table_privilege('tickdesk_readonly', 'broker_accounts', 'SELECT') AS ro,
             has_table_privilege('tickdesk_app', 'broker_accounts', 'SELECT') AS app`.execute(db);
    expect(rows[0]).toEqual({ ro: false, app: true });
  });

  test('the read-only role reads the other tables and writes none', async () => {
    const { rows } = await sql<{ table_name: string; can_select: boolean; can_insert: boolean }>`
      SELECT t AS table_name, has_table_privilege('tickdesk_readonly', t, 'SELECT') AS can_select, has_table_privilege('tickdesk_readonly', t, 'INSERT') AS can_insert
      FROM unnest(${tableNames}::text[]) AS t`.execute(db);
    for (const row of rows) {
      expect({ table: row.table_name, select: row.can_select, insert: row.can_insert }).toEqual({ table: row.table_name, select: row.table_name !== 'broker_accounts', insert: false });
    }
  });
});
