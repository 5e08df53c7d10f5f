import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bundledMigrations, runMigrations } from '../db/migrator';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import { verifyLedgerChain } from './verify-chain';

/**
 * Switching the chain on: a ledger that already holds events (written before
 * migration 0012, hashes NULL) is chained whole by the migration, and the
 * append-only guard is back, enabled ALWAYS, afterwards.
 */

const CHAIN_MIGRATION = '0012_ledger_hash_chain';
let testDb: TestDatabase;

beforeAll(async () => {
  const before = Object.fromEntries(Object.entries(bundledMigrations).filter(([name]) => name < CHAIN_MIGRATION));
  testDb = await startTestDatabase({ migrations: before });
});

afterAll(async () => {
  await testDb?.cleanup();
});

test('events written before 0012 are chained by it, and the guard is restored', async () => {
  const pool = testDb.service.pool();
  for (let i = 0; i < 5; i += 1) {
    const orderId = randomUUID();
    await pool.query(
      `INSERT INTO order_events (order_id, client_order_id, seq, event_type, payload, broker) VALUES ($1, $2, 1, 'INTENT', $3, 'paper')`,
      [orderId, `c-${orderId}`, JSON.stringify({ i })],
    );
  }
  const unchained = await pool.query(`SELECT count(*)::int AS n FROM order_events WHERE hash IS NULL`);
  expect(unchained.rows[0]).toEqual({ n: 5 });

  await runMigrations(testDb.service.kysely(), bundledMigrations);

  expect(await verifyLedgerChain(pool)).toMatchObject({ ok: true, checked: 5 });
  const triggers = await pool.query<{ tgname: string; tgenabled: string }>(
    `SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'order_events'::regclass AND NOT tgisinternal ORDER BY tgname`);
  expect(triggers.rows).toEqual([
    { tgname: 'order_events_append_only_row', tgenabled: 'A' },
    { tgname: 'order_events_append_only_stmt', tgenabled: 'A' },
    { tgname: 'zz_order_events_hash_chain', tgenabled: 'A' },
  ]);
  await expect(pool.query(`UPDATE order_events SET broker = 'x'`)).rejects.toMatchObject({ code: '23001' });
  // New events continue the backfilled chain.
  const orderId = randomUUID();
  await pool.query(
    `INSERT INTO order_events (order_id, client_order_id, seq, event_type, payload, broker) VALUES ($1, $2, 1, 'INTENT', '{}', 'paper')`,
    [orderId, `c-${orderId}`],
  );
  expect(await verifyLedgerChain(pool)).toMatchObject({ ok: true, checked: 6 });
});
