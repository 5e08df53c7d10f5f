import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OrderEventPayload } from '../../../src-shared/orders/order-events';
import { FakeQuoteSource } from '../../testing/fakes/quote-source';
import { startTestDatabase, type TestDatabase } from '../../testing/kits/database';
import { OrderLedger } from '../ledger/ledger-writer';
import { readOrdersTable, rebuildOrders } from '../ledger/rebuild';
import { FUT, intent, openLimits, startOms, type OmsKit } from '../../testing/kits/oms';

/** AMO and iceberg orders through the whole order path, on the paper broker and a real PostgreSQL. */

let testDb: TestDatabase;
let pool: pg.Pool;
let kit: OmsKit;
const LOT = FUT.lotSize;
/** Deep enough that only the iceberg's own leg size limits a fill. */
const DEEP = { token: FUT.token, ltp: 2_400_000, bid: 2_399_990, ask: 2_400_010, bidQty: 100_000, askQty: 100_000 };

beforeAll(async () => {
  testDb = await startTestDatabase();
  pool = testDb.service.pool();
  kit = await startOms(pool);
  await openLimits(kit.oms);
  kit.quotes.push(DEEP);
});

afterAll(async () => {
  await kit?.stop();
  await testDb?.cleanup();
});

async function requestsSent(clientOrderId: string): Promise<Array<Record<string, unknown>>> {
  const { rows } = await pool.query<{ payload: { request: Record<string, unknown> } }>(
    `SELECT payload FROM order_events WHERE client_order_id = $1 AND event_type = 'REQUEST_SENT' ORDER BY event_id`, [clientOrderId]);
  return rows.map((r) => r.payload.request);
}

async function fillsOf(orderId: string): Promise<number[]> {
  const { rows } = await pool.query<{ quantity: number }>('SELECT quantity FROM fills WHERE order_id = $1 ORDER BY fill_id', [orderId]);
  return rows.map((r) => r.quantity);
}

describe('iceberg orders', () => {
  test('above the freeze quantity in 2 legs: ONE order (not sliced), filled leg by leg, each leg its own trade', async () => {
    // 54 NIFTY lots = 3,510 units, twice the 1,755 one order may carry: sliced without legs, one iceberg with them.
    const placed = await kit.oms.place(intent({ clientOrderId: 'ice-1', quantity: 54 * LOT, icebergLegs: 2, price: 2_400_100 }));
    expect(placed.status).toBe('PARTIALLY_FILLED');
    const { rows: paper } = await pool.query(`SELECT client_order_id, quantity, iceberg_legs, filled_quantity FROM paper_orders WHERE client_order_id LIKE 'ice-1%'`);
    expect(paper).toEqual([{ client_order_id: 'ice-1', quantity: 3510, iceberg_legs: 2, filled_quantity: 1755 }]);
    expect(await requestsSent('ice-1')).toEqual([expect.objectContaining({ action: 'PLACE', quantity: 3510, icebergLegs: 2, amo: false })]);

    // The broker sends the next leg once the first filled: the next quote fills it.
    kit.quotes.push({ ...DEEP, ltp: 2_400_010 });
    await kit.oms.idle();
    const { order } = await kit.oms.get(placed.orderId);
    expect(order).toMatchObject({ status: 'FILLED', filledQuantity: 3510, icebergLegs: 2, amo: false, children: [] });
    expect(await fillsOf(placed.orderId)).toEqual([1755, 1755]);
    // Each leg is an executed order of its own: ₹20 brokerage on each, not once for the whole.
    const { rows: charges } = await pool.query<{ brokerage: string }>('SELECT brokerage FROM fills WHERE order_id = $1 ORDER BY fill_id', [placed.orderId]);
    expect(charges.map((c) => c.brokerage)).toEqual(['20.00', '20.00']);
  });

  test('the preview prices an iceberg as its legs: one order, charged per leg', async () => {
    const one = kit.oms.preview(intent({ quantity: 2 * LOT, price: 2_380_000 }));
    const legs = kit.oms.preview(intent({ quantity: 2 * LOT, price: 2_380_000, icebergLegs: 2 }));
    expect(legs).toMatchObject({ ok: true, slices: 1 });
    expect(legs.charges?.turnover).toBe(one.charges?.turnover);
    expect(legs.charges?.brokerage).toBe(2 * 2_000);
    expect(one.charges?.brokerage).toBe(2_000);
  });

  test('the same quantity without legs is still sliced at the freeze quantity', async () => {
    const placed = await kit.oms.place(intent({ clientOrderId: 'plain-1', quantity: 54 * LOT }));
    await kit.oms.idle();
    const { order } = await kit.oms.get(placed.orderId);
    expect(order.children.map((c) => [c.clientOrderId, c.quantity])).toEqual([['plain-1.1', 1755], ['plain-1.2', 1755]]);
  });

  test('a resting iceberg: its price can be modified, its quantity cannot; modify and cancel carry its variety', async () => {
    const placed = await kit.oms.place(intent({ clientOrderId: 'ice-2', quantity: 6 * LOT, icebergLegs: 3, price: 2_380_000 }));
    expect(placed.status).toBe('OPEN');
    const refused = await kit.oms.modify(placed.orderId, { quantity: 9 * LOT });
    expect(refused).toMatchObject({ quantity: 6 * LOT, statusMessage: 'The quantity of an iceberg order cannot be modified; cancel it and place a new one.' });
    const repriced = await kit.oms.modify(placed.orderId, { price: 2_385_000 });
    expect(repriced).toMatchObject({ status: 'OPEN', price: 2_385_000 });
    expect(await kit.oms.cancel(placed.orderId)).toMatchObject({ status: 'CANCELLED' });
    const sent = await requestsSent('ice-2');
    expect(sent.map((r) => [r.action, r.icebergLegs, r.amo])).toEqual([['PLACE', 3, false], ['MODIFY', 3, false], ['CANCEL', 3, false]]);
  });

  test('validation refuses a market iceberg and an AMO iceberg, with the sentence, and sends nothing', async () => {
    const market = await kit.oms.place(intent({ clientOrderId: 'ice-mkt', orderType: 'MKT', price: null, marketProtection: 200, quantity: 2 * LOT, icebergLegs: 2 }));
    expect(market).toMatchObject({ status: 'REJECTED', message: 'An iceberg order must be a limit (L) or stop-loss limit (SL) order.' });
    const both = await kit.oms.place(intent({ clientOrderId: 'ice-amo', quantity: 2 * LOT, icebergLegs: 2, amo: true }));
    expect(both.status).toBe('REJECTED');
    expect(both.message).toContain('either after-market (AMO) or an iceberg');
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM paper_orders WHERE client_order_id IN ('ice-mkt', 'ice-amo')`);
    expect(rows[0]).toEqual({ n: 0 });
  });

  test('a resting iceberg keeps its legs across a restart of the paper venue', async () => {
    const placed = await kit.oms.place(intent({ clientOrderId: 'ice-3', quantity: 4 * LOT, icebergLegs: 2, price: 2_380_000 }));
    expect(placed.status).toBe('OPEN');
    await kit.stop();
    const quotes = new FakeQuoteSource([...kit.quotes.instruments().values()]);
    quotes.set(DEEP);
    kit = await startOms(pool, { quotes });
    quotes.push({ ...DEEP, ltp: 2_379_000, bid: 2_378_990, ask: 2_379_010 });
    await kit.oms.idle();
    expect(await fillsOf(placed.orderId)).toEqual([2 * LOT]);
    quotes.push({ ...DEEP, ltp: 2_379_010, bid: 2_378_990, ask: 2_379_010 });
    await kit.oms.idle();
    expect(await fillsOf(placed.orderId)).toEqual([2 * LOT, 2 * LOT]);
    expect((await kit.oms.get(placed.orderId)).order).toMatchObject({ status: 'FILLED', icebergLegs: 2 });
  });
});

describe('after-market orders', () => {
  test('an AMO is placed with its flag, shown as AMO, and works on the always-open paper market', async () => {
    const placed = await kit.oms.place(intent({ clientOrderId: 'amo-1', amo: true, price: 2_300_000 }));
    expect(placed.status).toBe('OPEN');
    expect(await requestsSent('amo-1')).toEqual([expect.objectContaining({ action: 'PLACE', amo: true, icebergLegs: null })]);
    expect((await kit.oms.get(placed.orderId)).order).toMatchObject({ amo: true, icebergLegs: null });
    const listed = await kit.oms.list('open', 50);
    expect(listed.find((o) => o.orderId === placed.orderId)).toMatchObject({ amo: true });
    await kit.oms.cancel(placed.orderId);
    expect((await requestsSent('amo-1')).at(-1)).toMatchObject({ action: 'CANCEL', amo: true });
  });
});

describe('the ledger before varieties existed', () => {
  test('an INTENT stored without amo / icebergLegs folds to a regular order, and a rebuild equals the live table', async () => {
    const ledger = new OrderLedger(pool);
    const orderId = randomUUID();
    // The payload exactly as an older version wrote it: no variety fields at all.
    const oldIntent = {
      type: 'INTENT', parentClientOrderId: null,
      intent: { clientOrderId: 'old-1', token: FUT.token, side: 'BUY', orderType: 'L', product: 'NRML', validity: 'DAY', quantity: LOT,
        price: 2_380_000, triggerPrice: null, marketProtection: 0, strategyId: 'manual', algoId: null },
    } as unknown as Extract<OrderEventPayload, { type: 'INTENT' }>;
    await ledger.write([{ kind: 'open', meta: { orderId, parentOrderId: null, broker: 'paper', tradingsymbol: FUT.tradingsymbol, exchange: 'NFO' }, intent: oldIntent, more: [{ type: 'VALIDATION_PASSED' }] }]);
    const { rows } = await pool.query<{ payload: { intent: Record<string, unknown> } }>(
      `SELECT payload FROM order_events WHERE client_order_id = 'old-1' AND event_type = 'INTENT'`);
    expect(rows[0]?.payload.intent).not.toHaveProperty('amo');
    expect(rows[0]?.payload.intent).not.toHaveProperty('icebergLegs');

    await kit.oms.idle();
    const live = await readOrdersTable(pool);
    await rebuildOrders(pool);
    expect(await readOrdersTable(pool)).toEqual(live);
    expect((await kit.oms.get(orderId)).order).toMatchObject({ clientOrderId: 'old-1', amo: false, icebergLegs: null, status: 'PENDING_LOCAL' });
  });
});
