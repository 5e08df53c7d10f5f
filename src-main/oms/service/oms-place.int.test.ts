import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Order } from '../../../src-shared/contract/domains/orders';
import type { BrokerPlaceRequest } from '../broker-port';
import { startTestDatabase, type TestDatabase } from '../../testing/kits/database';
import { readOrdersTable, rebuildOrders } from '../ledger/rebuild';
import { EQ, FUT, intent, openLimits, startOms, WrappedBroker, type OmsKit } from '../../testing/kits/oms';

/** The order path end to end on the paper broker and a real PostgreSQL. */

let testDb: TestDatabase;
let pool: pg.Pool;
let kit: OmsKit;

beforeAll(async () => {
  testDb = await startTestDatabase();
  pool = testDb.service.pool();
  kit = await startOms(pool);
  await openLimits(kit.oms);
  kit.quotes.push({ token: FUT.token, ltp: 2_400_000, bid: 2_399_990, ask: 2_400_010, bidQty: 10_000, askQty: 10_000 });
  kit.quotes.push({ token: EQ.token, ltp: 250_000, bid: 249_990, ask: 250_010, bidQty: 10_000, askQty: 10_000 });
});

afterAll(async () => {
  await kit?.stop();
  await testDb?.cleanup();
});

async function eventTypes(clientOrderId: string): Promise<string[]> {
  const { rows } = await pool.query<{ event_type: string }>(
    'SELECT event_type FROM order_events WHERE client_order_id = $1 ORDER BY event_id', [clientOrderId]);
  return rows.map((r) => r.event_type);
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(sql, params);
  return rows[0]?.n ?? -1;
}

describe('placing', () => {
  test('a resting limit order: INTENT → decisions → REQUEST_SENT → response → OPEN', async () => {
    const placed = await kit.oms.place(intent({ clientOrderId: 'rest-1', price: 2_390_000 }));
    expect(placed).toMatchObject({ clientOrderId: 'rest-1', status: 'OPEN', duplicate: false });
    expect(await eventTypes('rest-1')).toEqual(['INTENT', 'VALIDATION_PASSED', 'RISK_PASSED', 'REQUEST_SENT', 'RESPONSE_RECEIVED', 'STATUS_CHANGED']);
    const { rows } = await pool.query<{ payload: { request: { clientOrderId: string; price: number } } }>(
      `SELECT payload FROM order_events WHERE client_order_id = 'rest-1' AND event_type = 'REQUEST_SENT'`);
    expect(rows[0]?.payload.request).toMatchObject({ action: 'PLACE', clientOrderId: 'rest-1', price: 2_390_000 });
    const changed = kit.events.filter((e) => e.event === 'orders.changed').flatMap((e) => e.payload as Order[]);
    expect(changed.some((o) => o.clientOrderId === 'rest-1' && o.status === 'OPEN')).toBe(true);
  });

  test('idempotency: the same client order id twice answers the first order, never a second one', async () => {
    const first = await kit.oms.place(intent({ clientOrderId: 'idem-1', price: 2_390_000 }));
    const again = await kit.oms.place(intent({ clientOrderId: 'idem-1', price: 2_380_000, quantity: FUT.lotSize * 2 }));
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await count(`SELECT count(*)::int AS n FROM order_events WHERE client_order_id = 'idem-1' AND event_type = 'INTENT'`, [])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM paper_orders WHERE client_order_id = 'idem-1'`, [])).toBe(1);
  });

  test('idempotency holds across two OMS instances racing (the unique INTENT constraint decides)', async () => {
    const other = await startOms(pool, { quotes: kit.quotes });
    try {
      const [a, b] = await Promise.all([
        kit.oms.place(intent({ clientOrderId: 'race-1', price: 2_390_000 })),
        other.oms.place(intent({ clientOrderId: 'race-1', price: 2_390_000 })),
      ]);
      expect(a.orderId).toBe(b.orderId);
      expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
      expect(await count(`SELECT count(*)::int AS n FROM order_events WHERE client_order_id = 'race-1' AND event_type = 'INTENT'`, [])).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM paper_orders WHERE client_order_id = 'race-1'`, [])).toBe(1);
    } finally {
      await other.stop();
    }
  });

  test('the ledger event is committed before the broker is called', async () => {
    const seen: string[][] = [];
    const spy = await startOms(pool, {
      quotes: kit.quotes,
      wrapBroker: (paper) => new WrappedBroker(paper, {
        place: async (request: BrokerPlaceRequest) => {
          // Another connection: only committed rows are visible.
          seen.push(await eventTypes(request.clientOrderId));
          return paper.place(request);
        },
      }),
    });
    try {
      await spy.oms.place(intent({ clientOrderId: 'order-1', price: 2_390_000 }));
      expect(seen).toEqual([['INTENT', 'VALIDATION_PASSED', 'RISK_PASSED', 'REQUEST_SENT']]);
    } finally {
      await spy.stop();
    }
  });
});

describe('refusals are recorded', () => {
  test('validation: a price off the tick grid is REJECTED with its reason in the ledger', async () => {
    const result = await kit.oms.place(intent({ clientOrderId: 'bad-tick', price: 2_400_003 }));
    expect(result.status).toBe('REJECTED');
    expect(result.message).toMatch(/tick size/);
    expect(await eventTypes('bad-tick')).toEqual(['INTENT', 'VALIDATION_FAILED']);
    const { rows } = await pool.query(`SELECT payload FROM order_events WHERE client_order_id = 'bad-tick' AND event_type = 'VALIDATION_FAILED'`);
    expect(rows[0]?.payload).toMatchObject({ code: 'PRICE_OFF_TICK' });
    expect(await count(`SELECT count(*)::int AS n FROM paper_orders WHERE client_order_id = 'bad-tick'`, [])).toBe(0);
  });

  test('validation: an unknown instrument, and a bad quantity, are recorded too', async () => {
    expect((await kit.oms.place(intent({ clientOrderId: 'bad-token', token: 999 }))).status).toBe('REJECTED');
    expect((await kit.oms.place(intent({ clientOrderId: 'bad-qty', quantity: -5 }))).status).toBe('REJECTED');
    expect(await eventTypes('bad-token')).toEqual(['INTENT', 'VALIDATION_FAILED']);
    const { rows } = await pool.query(`SELECT status, quantity, status_message FROM orders WHERE client_order_id = 'bad-qty'`);
    expect(rows[0]).toMatchObject({ status: 'REJECTED', quantity: -5 });
  });

  test('risk: an order above the order-value limit is REJECTED with RISK_REJECTED', async () => {
    await kit.oms.updateRisk({ maxOrderValue: 100_000_00 });
    try {
      const result = await kit.oms.place(intent({ clientOrderId: 'too-big', quantity: FUT.lotSize * 10 }));
      expect(result).toMatchObject({ status: 'REJECTED' });
      expect(result.message).toMatch(/above the limit/);
      expect(await eventTypes('too-big')).toEqual(['INTENT', 'VALIDATION_PASSED', 'RISK_REJECTED']);
      const { rows } = await pool.query(`SELECT action, details FROM audit_log WHERE action = 'risk.update' ORDER BY id`);
      expect(rows.at(-1)?.details).toMatchObject({ maxOrderValue: { from: null, to: 100_000_00 } });
    } finally {
      await kit.oms.updateRisk({ maxOrderValue: null });
    }
  });
});

describe('slicing above the freeze quantity', () => {
  test('NIFTY 61 lots (3,965) goes out as 1,755 + 1,755 + 455, children keep the parent id, the parent aggregates', async () => {
    const result = await kit.oms.place(intent({ clientOrderId: 'big-1', orderType: 'MKT', price: null, marketProtection: 200, quantity: 61 * 65 }));
    await kit.oms.idle();
    const { rows } = await pool.query<{ client_order_id: string; quantity: number; parent_order_id: string; status: string }>(
      `SELECT client_order_id, quantity, parent_order_id, status FROM orders WHERE client_order_id LIKE 'big-1.%' ORDER BY client_order_id`);
    expect(rows.map((r) => [r.client_order_id, r.quantity])).toEqual([['big-1.1', 1755], ['big-1.2', 1755], ['big-1.3', 455]]);
    expect(new Set(rows.map((r) => r.parent_order_id))).toEqual(new Set([result.orderId]));
    expect(rows.every((r) => r.status === 'FILLED')).toBe(true);
    const { order, events } = await kit.oms.get(result.orderId);
    expect(order).toMatchObject({ clientOrderId: 'big-1', quantity: 3965, filledQuantity: 3965, status: 'FILLED', done: true });
    expect(order.children.map((c) => c.clientOrderId)).toEqual(['big-1.1', 'big-1.2', 'big-1.3']);
    expect(events.filter((e) => e.type === 'REQUEST_SENT')).toHaveLength(3);
    const paper = await pool.query<{ quantity: number }>(`SELECT quantity FROM paper_orders WHERE client_order_id LIKE 'big-1.%' ORDER BY client_order_id`);
    expect(paper.rows.map((r) => r.quantity)).toEqual([1755, 1755, 455]);
    const again = await kit.oms.place(intent({ clientOrderId: 'big-1', orderType: 'MKT', price: null, marketProtection: 200, quantity: 61 * 65 }));
    expect(again).toMatchObject({ orderId: result.orderId, duplicate: true, status: 'FILLED' });
  });
});

describe('modify and cancel', () => {
  test('a resting order is modified, then cancelled; each request and answer is in the ledger', async () => {
    const placed = await kit.oms.place(intent({ clientOrderId: 'mod-1', price: 2_380_000 }));
    const modified = await kit.oms.modify(placed.orderId, { price: 2_385_000, quantity: FUT.lotSize * 2 });
    expect(modified).toMatchObject({ status: 'OPEN', price: 2_385_000, quantity: 130 });
    const cancelled = await kit.oms.cancel(placed.orderId);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', done: true });
    expect((await eventTypes('mod-1')).slice(6)).toEqual([
      'MODIFY_REQUESTED', 'REQUEST_SENT', 'RESPONSE_RECEIVED', 'MODIFY_CONFIRMED',
      'CANCEL_REQUESTED', 'REQUEST_SENT', 'RESPONSE_RECEIVED', 'CANCEL_CONFIRMED',
    ]);
    const { rows } = await pool.query(`SELECT status, quantity, price FROM paper_orders WHERE client_order_id = 'mod-1'`);
    expect(rows[0]).toMatchObject({ status: 'CANCELLED', quantity: 130, price: '23850.00' });
    await expect(kit.oms.cancel(placed.orderId)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  test('a modify the rules refuse is recorded as MODIFY_REJECTED and the order keeps working', async () => {
    const placed = await kit.oms.place(intent({ clientOrderId: 'mod-2', price: 2_380_000 }));
    const after = await kit.oms.modify(placed.orderId, { price: 2_380_001 });
    expect(after).toMatchObject({ status: 'OPEN', price: 2_380_000 });
    expect(after.statusMessage).toMatch(/tick size/);
    expect((await eventTypes('mod-2')).slice(6)).toEqual(['MODIFY_REQUESTED', 'MODIFY_REJECTED']);
    await kit.oms.cancel(placed.orderId);
  });
});

describe('the projection', () => {
  test('a rebuild from the ledger equals the live orders table', async () => {
    await kit.oms.idle();
    const live = await readOrdersTable(pool);
    await rebuildOrders(pool);
    expect(await readOrdersTable(pool)).toEqual(live);
  });
});
