import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';

/**
 * Why the chain trigger draws event_id itself, under its lock: with the
 * identity default alone (drawn before any lock), concurrent transactions
 * commit ids out of order and the chain, read back in event_id order, forks.
 * This runs the same concurrent workload against both versions of the trigger.
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

async function concurrentWorkload(): Promise<void> {
  await Promise.all(
    Array.from({ length: 8 }, async (_, w) => {
      const client = await pool.connect();
      try {
        for (let t = 0; t < 12; t += 1) {
          await client.query('BEGIN');
          const orderId = randomUUID();
          for (let seq = 1; seq <= 1 + ((w + t) % 3); seq += 1) {
            await client.query(
              `INSERT INTO order_events (order_id, client_order_id, seq, event_type, payload, broker) VALUES ($1, $2, $3, $4, '{}', 'paper')`,
              [orderId, `c-${orderId}`, seq, seq === 1 ? 'INTENT' : 'FILL'],
            );
          }
          if (t % 4 === w % 4) await client.query('SELECT pg_sleep(0.005)');
          await client.query('COMMIT');
        }
      } finally {
        client.release();
      }
    }),
  );
}

async function forksInEventIdOrder(): Promise<number> {
  const { rows } = await pool.query<{ prev_hash: Buffer; hash: Buffer }>('SELECT prev_hash, hash FROM order_events ORDER BY event_id');
  let forks = 0;
  for (let i = 1; i < rows.length; i += 1) if (!rows[i]?.prev_hash.equals(rows[i - 1]?.hash as Buffer)) forks += 1;
  return forks;
}

test('the shipped trigger keeps one chain under concurrency; without the id redraw the same workload forks it', async () => {
  await concurrentWorkload();
  expect(await forksInEventIdOrder()).toBe(0);

  const { rows } = await pool.query<{ def: string }>(`SELECT pg_get_functiondef('tickdesk_chain_order_event'::regproc) AS def`);
  const shipped = rows[0]?.def as string;
  const redraw = "NEW.event_id := nextval('public.order_events_event_id_seq');";
  expect(shipped).toContain(redraw);
  await pool.query(shipped.replace(redraw, ''));
  try {
    await concurrentWorkload();
    expect(await forksInEventIdOrder()).toBeGreaterThan(0);
  } finally {
    await pool.query(shipped);
  }
});
