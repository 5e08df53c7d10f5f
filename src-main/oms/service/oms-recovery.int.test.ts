import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Quote } from '../../../src-shared/market/quote';
import { FakeQuoteSource } from '../../testing/fakes/quote-source';
import type { PaperBroker } from '../../brokers/paper/paper-broker';
import { startTestDatabase, type TestDatabase } from '../../testing/kits/database';
import { FUT, intent, openLimits, startOms, TEST_INSTRUMENTS, WrappedBroker, type OmsKit } from '../../testing/kits/oms';

/**
 * Crashes at the two dangerous moments of the order path, simulated by a broker call that
 * never returns (the process dies inside it), then a fresh OMS and paper broker on the
 * same database: start-up reconciliation settles every order, and none is sent twice.
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

const QUOTE = { token: FUT.token, ltp: 2_400_000, bid: 2_399_990, ask: 2_400_010, bidQty: 500, askQty: 500 } satisfies Partial<Quote> & { token: number; ltp: number };
const never = <T>() => new Promise<T>(() => {});

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not reached');
}

const hasEvent = (clientOrderId: string, type: string) => async () =>
  (await pool.query(`SELECT 1 FROM order_events WHERE client_order_id = $1 AND event_type = $2`, [clientOrderId, type])).rowCount === 1;

const countRows = async (sql: string, id: string) => (await pool.query<{ n: number }>(sql, [id])).rows[0]?.n;

/** An OMS whose broker dies inside a call; the first process, abandoned (never stopped). */
async function crashingOms(overrides: (paper: PaperBroker) => ConstructorParameters<typeof WrappedBroker>[1]) {
  const quotes = new FakeQuoteSource(TEST_INSTRUMENTS);
  quotes.set(QUOTE);
  let paper: PaperBroker | null = null;
  const kit = await startOms(pool, { quotes, wrapBroker: (p) => ((paper = p), new WrappedBroker(p, overrides(p))) });
  await openLimits(kit.oms);
  return { kit, paper: () => paper as unknown as PaperBroker };
}

async function restart(): Promise<OmsKit> {
  const quotes = new FakeQuoteSource(TEST_INSTRUMENTS);
  quotes.set(QUOTE);
  return startOms(pool, { quotes });
}

describe('start-up reconciliation', () => {
  test('crash between the ledger write and the broker call: rejected at restart, never sent', async () => {
    const first = await crashingOms(() => ({ place: () => never() }));
    void first.kit.oms.place(intent({ clientOrderId: 'crash-a', price: 2_390_000 }));
    await until(hasEvent('crash-a', 'REQUEST_SENT'));
    await first.paper().stop();

    const second = await restart();
    try {
      expect(second.oms.lastReconciliation).toContainEqual({ clientOrderId: 'crash-a', before: 'SENT', after: 'REJECTED', events: ['REJECTED'] });
      const { rows } = await pool.query(`SELECT status, status_message FROM orders WHERE client_order_id = 'crash-a'`);
      expect(rows[0]?.status_message).toMatch(/never received/);
      expect(await countRows(`SELECT count(*)::int AS n FROM paper_orders WHERE client_order_id = $1`, 'crash-a')).toBe(0);
      expect(await countRows(`SELECT count(*)::int AS n FROM order_events WHERE client_order_id = $1 AND event_type = 'REQUEST_SENT'`, 'crash-a')).toBe(1);
    } finally {
      await second.stop();
    }
  });

  test('crash between the broker accepting and the answer being recorded: the venue\'s view is recorded, fills booked, nothing re-sent', async () => {
    const first = await crashingOms((paper) => ({ place: async (request) => (await paper.place(request), never()) }));
    void first.kit.oms.place(intent({ clientOrderId: 'crash-b', orderType: 'MKT', price: null, marketProtection: 100 }));
    await until(async () => (await countRows(`SELECT count(*)::int AS n FROM paper_orders WHERE client_order_id = $1`, 'crash-b')) === 1);
    await first.paper().stop();
    expect((await pool.query(`SELECT status FROM orders WHERE client_order_id = 'crash-b'`)).rows[0]?.status).toBe('SENT');

    const second = await restart();
    try {
      expect(second.oms.lastReconciliation).toContainEqual({
        clientOrderId: 'crash-b', before: 'SENT', after: 'FILLED', events: ['RESPONSE_RECEIVED', 'STATUS_CHANGED', 'FILL'],
      });
      expect(await countRows(`SELECT count(*)::int AS n FROM paper_orders WHERE client_order_id = $1`, 'crash-b')).toBe(1);
      expect(await countRows(`SELECT count(*)::int AS n FROM fills f JOIN orders o USING (order_id) WHERE o.client_order_id = $1`, 'crash-b')).toBe(1);
      // Asking again (a second restart) changes nothing.
      await second.stop();
      const third = await restart();
      expect(third.oms.lastReconciliation.find((o) => o.clientOrderId === 'crash-b')).toBeUndefined();
      await third.stop();
    } finally {
      await second.stop();
    }
  });

  test('crash while a cancel was in flight (the venue cancelled): CANCEL_CONFIRMED at restart', async () => {
    const first = await crashingOms((paper) => ({ cancel: async (request) => (await paper.cancel(request), never()) }));
    const placed = await first.kit.oms.place(intent({ clientOrderId: 'crash-c', price: 2_390_000 }));
    expect(placed.status).toBe('OPEN');
    void first.kit.oms.cancel(placed.orderId);
    await until(async () => (await pool.query(`SELECT 1 FROM paper_orders WHERE client_order_id = 'crash-c' AND status = 'CANCELLED'`)).rowCount === 1);
    await first.paper().stop();

    const second = await restart();
    try {
      expect(second.oms.lastReconciliation).toContainEqual({ clientOrderId: 'crash-c', before: 'CANCEL_PENDING', after: 'CANCELLED', events: ['CANCEL_CONFIRMED'] });
    } finally {
      await second.stop();
    }
  });

  test('fills the venue made while the OMS was down are booked at restart', async () => {
    const kit = await restart();
    await openLimits(kit.oms);
    const placed = await kit.oms.place(intent({ clientOrderId: 'down-1', price: 2_380_000 }));
    await kit.stop();
    // The venue keeps matching while the OMS is down (its own process, in real life).
    const quotes = new FakeQuoteSource(TEST_INSTRUMENTS);
    quotes.set({ ...QUOTE, ltp: 2_379_000, bid: 2_378_990, ask: 2_379_000 });
    const again = await startOms(pool, { quotes });
    try {
      await again.oms.idle();
      expect((await again.oms.get(placed.orderId)).order).toMatchObject({ status: 'FILLED', averagePrice: 2_379_000 });
      expect(await countRows(`SELECT count(*)::int AS n FROM fills WHERE order_id = $1::uuid`, placed.orderId)).toBe(1);
    } finally {
      await again.stop();
    }
  });
});
