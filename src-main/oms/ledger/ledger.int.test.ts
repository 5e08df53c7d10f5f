import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OrderEventPayload } from '../../../src-shared/orders/order-events';
import { orderIntentSchema } from '../../../src-shared/orders/order-types';
import { startTestDatabase, type TestDatabase } from '../../testing/kits/database';
import { IllegalTransition } from '../../../src-shared/orders/order-state';
import { withAppTransaction } from '../../db/app-transaction';
import { OrderLedger } from './ledger-writer';
import { readOrdersTable, rebuildOrders } from './rebuild';

/** The ledger writer against a real PostgreSQL: same-transaction projection, refusals, the role. */

let testDb: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  testDb = await startTestDatabase();
  pool = testDb.service.pool();
});

afterAll(async () => {
  await testDb?.cleanup();
});

function intentPayload(clientOrderId: string): Extract<OrderEventPayload, { type: 'INTENT' }> {
  const intent = orderIntentSchema.parse({
    clientOrderId, token: 13_238_786, side: 'BUY', orderType: 'L', product: 'NRML', validity: 'DAY',
    quantity: 130, price: 2_400_000, triggerPrice: null,
  });
  return { type: 'INTENT', intent, parentClientOrderId: null };
}

function meta() {
  return { orderId: randomUUID(), parentOrderId: null, broker: 'paper', tradingsymbol: 'NIFTY26JANFUT', exchange: 'NFO' };
}

describe('ledger writer', () => {
  test('appends events and stores the projection in the same transaction', async () => {
    const ledger = new OrderLedger(pool);
    const m = meta();
    await ledger.write([{ kind: 'open', meta: m, intent: intentPayload('L-1'), more: [{ type: 'VALIDATION_PASSED' }, { type: 'RISK_PASSED' }, { type: 'REQUEST_SENT', action: 'PLACE', request: { a: "it's \\ quoted" } }] }]);
    await ledger.write([{
      kind: 'append', clientOrderId: 'L-1', payloads: [
        { type: 'RESPONSE_RECEIVED', action: 'PLACE', response: { ok: true }, brokerOrderId: 'PO1' },
        { type: 'STATUS_CHANGED', status: 'OPEN', brokerStatus: 'OPEN', message: null },
        { type: 'FILL', fillId: 'PO1-1', quantity: 65, price: 2_399_950 },
      ],
    }]);
    const { rows: events } = await pool.query<{ seq: number; event_type: string; status_after: string | null; broker_order_id: string | null }>(
      'SELECT seq, event_type, status_after, broker_order_id FROM order_events WHERE order_id = $1 ORDER BY seq', [m.orderId]);
    expect(events.map((e) => [e.seq, e.event_type, e.status_after])).toEqual([
      [1, 'INTENT', 'PENDING_LOCAL'], [2, 'VALIDATION_PASSED', null], [3, 'RISK_PASSED', null], [4, 'REQUEST_SENT', 'SENT'],
      [5, 'RESPONSE_RECEIVED', null], [6, 'STATUS_CHANGED', 'OPEN'], [7, 'FILL', 'PARTIALLY_FILLED'],
    ]);
    expect(events.at(-1)?.broker_order_id).toBe('PO1');
    const { rows: [order] } = await pool.query('SELECT * FROM orders WHERE order_id = $1', [m.orderId]);
    expect(order).toMatchObject({
      client_order_id: 'L-1', status: 'PARTIALLY_FILLED', filled_quantity: 65, price: '24000.00', average_price: '23999.5000',
      broker_order_id: 'PO1', tradingsymbol: 'NIFTY26JANFUT', last_seq: 7, market_protection: '0.00',
    });
    expect(ledger.cached('L-1')?.fillIds.has('PO1-1')).toBe(true);
    const { rows: [sent] } = await pool.query(`SELECT payload FROM order_events WHERE order_id = $1 AND event_type = 'REQUEST_SENT'`, [m.orderId]);
    expect(sent?.payload).toEqual({ type: 'REQUEST_SENT', action: 'PLACE', request: { a: "it's \\ quoted" } });
  });

  test('an event the fold refuses is not written, and the rest of its transaction neither', async () => {
    const ledger = new OrderLedger(pool);
    const m = meta();
    await ledger.write([{ kind: 'open', meta: m, intent: intentPayload('L-2') }]);
    const attempt = ledger.write([
      { kind: 'append', clientOrderId: 'L-2', payloads: [{ type: 'VALIDATION_PASSED' }] },
      // CANCEL_CONFIRMED on a PENDING_LOCAL order is not an edge of the state machine.
      { kind: 'append', clientOrderId: 'L-2', payloads: [{ type: 'CANCEL_CONFIRMED' }] },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(IllegalTransition);
    const { rows } = await pool.query('SELECT event_type FROM order_events WHERE order_id = $1', [m.orderId]);
    expect(rows.map((r: { event_type: string }) => r.event_type)).toEqual(['INTENT']);
    expect(ledger.cached('L-2')?.seq).toBe(1);
  });

  test('the same client order id cannot open a second order (unique INTENT)', async () => {
    const ledger = new OrderLedger(pool);
    await ledger.write([{ kind: 'open', meta: meta(), intent: intentPayload('L-3') }]);
    await expect(new OrderLedger(pool).write([{ kind: 'open', meta: meta(), intent: intentPayload('L-3') }]))
      .rejects.toMatchObject({ code: '23505', constraint: 'order_events_intent_client_id' });
    // A failed write leaves the connection usable and nothing behind.
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM order_events WHERE client_order_id = 'L-3'`);
    expect(rows[0]).toEqual({ n: 1 });
  });

  test('a second operation on the same order in one write builds on the first', async () => {
    const ledger = new OrderLedger(pool);
    const m = meta();
    const { touched } = await ledger.write([
      { kind: 'open', meta: m, intent: intentPayload('L-4') },
      { kind: 'append', clientOrderId: 'L-4', payloads: [{ type: 'VALIDATION_FAILED', code: 'X', reason: 'no' }] },
    ]);
    expect(touched.map((r) => [r.projection.clientOrderId, r.projection.status, r.seq])).toEqual([['L-4', 'REJECTED', 2]]);
    const { rows } = await pool.query('SELECT status, last_seq FROM orders WHERE order_id = $1', [m.orderId]);
    expect(rows[0]).toEqual({ status: 'REJECTED', last_seq: 2 });
  });

  test('the ledger path runs as tickdesk_app: an UPDATE or DELETE of order_events through it is refused for lack of privilege', async () => {
    const ledger = new OrderLedger(pool);
    const m = meta();
    await ledger.write([{ kind: 'open', meta: m, intent: intentPayload('L-5') }]);
    const { results } = await ledger.write([{
      kind: 'append', clientOrderId: 'L-5', payloads: [{ type: 'VALIDATION_PASSED' }],
      attach: () => [{ name: 'who', sql: 'SELECT current_user AS role', returning: true }],
    }]);
    expect(results[0]?.attached.who).toEqual([{ role: 'tickdesk_app' }]);
    for (const sql of [`UPDATE order_events SET broker = 'x' WHERE order_id = '${m.orderId}' RETURNING 1`, `DELETE FROM order_events WHERE order_id = '${m.orderId}' RETURNING 1`]) {
      const attempt = ledger.write([{
        kind: 'append', clientOrderId: 'L-5', payloads: [{ type: 'RISK_PASSED' }],
        attach: () => [{ name: 'tamper', sql }],
      }]);
      await expect(attempt).rejects.toMatchObject({ code: '42501' });
    }
    // The helper other writers of the ledger's neighbours use (paper book, rebuild) runs as the same role.
    await expect(withAppTransaction(pool, (c) => c.query('TRUNCATE fills'))).rejects.toMatchObject({ code: '42501' });
    const { rows } = await pool.query('SELECT count(*)::int AS n, min(broker) AS broker FROM order_events WHERE order_id = $1', [m.orderId]);
    expect(rows[0]).toEqual({ n: 2, broker: 'paper' });
  });

  test('rebuild recomputes the same rows', async () => {
    const before = await readOrdersTable(pool);
    expect(before.length).toBeGreaterThan(0);
    await pool.query(`UPDATE orders SET status_message = 'tampered' WHERE client_order_id = 'L-1'`);
    expect(await readOrdersTable(pool)).not.toEqual(before);
    await rebuildOrders(pool);
    expect(await readOrdersTable(pool)).toEqual(before);
  });
});
