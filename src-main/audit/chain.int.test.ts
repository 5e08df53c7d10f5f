import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import { GENESIS_HASH } from './chain-canonical';
import { verifyLedgerChain } from './verify-chain';

/**
 * The ledger hash chain of migrations/0012: every insert, by anyone, is
 * chained; concurrent writers on separate connections cannot fork it; and
 * verify (recomputing in Node) names the first event whose link is broken.
 */

let testDb: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  testDb = await startTestDatabase();
  pool = testDb.service.pool();
});

afterAll(async () => {
  await testDb?.cleanup();
});

const INSERT = `INSERT INTO order_events (order_id, client_order_id, seq, event_type, status_after, payload, broker, parent_order_id, algo_id)
  VALUES ($1, $2, $3, $4, $5, $6, 'paper', $7, $8) RETURNING event_id, hash, prev_hash`;

async function appendOrder(client: pg.ClientBase, events: number, payloadExtra: Record<string, unknown> = {}): Promise<string> {
  const orderId = randomUUID();
  const clientId = `c-${randomUUID()}`;
  for (let seq = 1; seq <= events; seq += 1) {
    await client.query(INSERT, [
      orderId, clientId, seq, seq === 1 ? 'INTENT' : 'STATUS_CHANGED', seq === 1 ? 'PENDING_LOCAL' : null,
      JSON.stringify({ n: seq, note: 'naïve ₹ "quoted", tab\there', ...payloadExtra }), seq % 2 ? null : randomUUID(), null,
    ]);
  }
  return orderId;
}

/** Runs `sql` with the append-only guard lifted (as the tests' superuser), then puts it back as it was. */
async function tamper(sql: string, params: unknown[] = []): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE order_events DISABLE TRIGGER order_events_append_only_row, DISABLE TRIGGER order_events_append_only_stmt');
    await client.query(sql, params);
    await client.query('ALTER TABLE order_events ENABLE ALWAYS TRIGGER order_events_append_only_row, ENABLE ALWAYS TRIGGER order_events_append_only_stmt');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

describe('the ledger hash chain', () => {
  test('the first event links to the genesis hash and each event to the one before it', async () => {
    await appendOrder(pool as unknown as pg.ClientBase, 3);
    const { rows } = await pool.query<{ event_id: string; prev_hash: Buffer; hash: Buffer }>(
      'SELECT event_id, prev_hash, hash FROM order_events ORDER BY event_id');
    expect(rows).toHaveLength(3);
    expect(rows[0]?.prev_hash.equals(GENESIS_HASH)).toBe(true);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]?.prev_hash.equals(rows[i - 1]?.hash as Buffer)).toBe(true);
    const verdict = await verifyLedgerChain(pool);
    expect(verdict).toMatchObject({ ok: true, complete: true, checked: 3, firstBroken: null });
    expect(verdict.headHash).toBe(rows[2]?.hash.toString('hex'));
  });

  test('an insert as tickdesk_app inside a transaction is chained too (the ledger writer path)', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN; SET LOCAL ROLE tickdesk_app');
      await appendOrder(client, 2);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await verifyLedgerChain(pool)).toMatchObject({ ok: true, checked: 5 });
  });

  test('appends at REPEATABLE READ are refused as a retryable serialization failure', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await expect(appendOrder(client, 1)).rejects.toMatchObject({ code: '40001' });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  test('eight connections appending at once, with interleaved commits, leave one unbroken chain in event_id order', async () => {
    const before = Number((await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM order_events')).rows[0]?.n);
    const writers = Array.from({ length: 8 }, async (_, w) => {
      const client = await pool.connect();
      try {
        for (let t = 0; t < 15; t += 1) {
          await client.query('BEGIN');
          await appendOrder(client, 1 + ((w + t) % 3));
          // Let other writers' default ids be drawn while this one holds the chain.
          if (t % 4 === w % 4) await client.query('SELECT pg_sleep(0.005)');
          await client.query(t % 5 === 0 ? 'ROLLBACK' : 'COMMIT');
        }
      } finally {
        client.release();
      }
    });
    await Promise.all(writers);
    const { rows } = await pool.query<{ event_id: string; prev_hash: Buffer; hash: Buffer }>(
      'SELECT event_id, prev_hash, hash FROM order_events ORDER BY event_id');
    expect(rows.length).toBeGreaterThan(before + 100);
    let forks = 0;
    for (let i = 1; i < rows.length; i += 1) if (!rows[i]?.prev_hash.equals(rows[i - 1]?.hash as Buffer)) forks += 1;
    expect(forks).toBe(0);
    expect(await verifyLedgerChain(pool, { batchSize: 37 })).toMatchObject({ ok: true, checked: rows.length, firstBroken: null });
  });

  test('an edited payload is named as the first broken link (its hash no longer matches)', async () => {
    const { rows } = await pool.query<{ event_id: string }>('SELECT event_id FROM order_events ORDER BY event_id OFFSET 20 LIMIT 1');
    const target = rows[0]?.event_id as string;
    await tamper(`UPDATE order_events SET payload = payload || '{"quantity": 999}' WHERE event_id = $1`, [target]);
    const verdict = await verifyLedgerChain(pool, { batchSize: 7 });
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBroken).toMatchObject({ eventId: Number(target), link: 'hash' });
    expect(verdict.firstBroken?.expected).not.toBe(verdict.firstBroken?.found);
    expect(verdict.checked).toBe(20);
  });

  test('a deleted event breaks the link of the event after it', async () => {
    const { rows } = await pool.query<{ event_id: string }>('SELECT event_id FROM order_events ORDER BY event_id OFFSET 5 LIMIT 2');
    const [deleted, next] = rows.map((r) => r.event_id) as [string, string];
    await tamper('DELETE FROM order_events WHERE event_id = $1', [deleted]);
    const verdict = await verifyLedgerChain(pool);
    expect(verdict.firstBroken).toMatchObject({ eventId: Number(next), link: 'prev_hash' });
  });

  test('a changed created_at (a microsecond) is caught', async () => {
    const { rows } = await pool.query<{ event_id: string }>('SELECT event_id FROM order_events ORDER BY event_id OFFSET 2 LIMIT 1');
    const target = rows[0]?.event_id as string;
    await tamper(`UPDATE order_events SET created_at = created_at + interval '1 microsecond' WHERE event_id = $1`, [target]);
    const verdict = await verifyLedgerChain(pool);
    expect(verdict.firstBroken).toMatchObject({ eventId: Number(target), link: 'hash' });
  });
});
