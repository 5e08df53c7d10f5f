import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { istDayOf } from '../../../src-shared/market/ist-calendar';
import { rupeesToPaise } from '../../../src-shared/money';
import { startTestDatabase, type TestDatabase } from '../../testing/kits/database';
import { computeOrderCharges } from '../../oms/charges/compute-charges';
import { EQ, FUT, intent, openLimits, startOms, type OmsKit } from '../../testing/kits/oms';
import { FakeQuoteSource } from '../../testing/fakes/quote-source';

/** Paper fills through the whole order path: depth, crossing, triggers, charges, positions, restarts. */

let testDb: TestDatabase;
let pool: pg.Pool;
let kit: OmsKit;

beforeAll(async () => {
  testDb = await startTestDatabase();
  pool = testDb.service.pool();
  kit = await startOms(pool);
  await openLimits(kit.oms);
});

afterAll(async () => {
  await kit?.stop();
  await testDb?.cleanup();
});

const LOT = FUT.lotSize;

async function order(orderId: string) {
  await kit.oms.idle();
  return (await kit.oms.get(orderId)).order;
}

describe('market orders', () => {
  test('a short book fills part now and the rest on the next quote, at the opposite side', async () => {
    kit.quotes.push({ token: FUT.token, ltp: 2_400_000, bid: 2_399_990, ask: 2_400_010, bidQty: 500, askQty: LOT });
    const placed = await kit.oms.place(intent({ orderType: 'MKT', price: null, marketProtection: 100, quantity: 3 * LOT }));
    expect(placed.status).toBe('PARTIALLY_FILLED');
    expect(await order(placed.orderId)).toMatchObject({ filledQuantity: LOT, averagePrice: 2_400_010 });
    kit.quotes.push({ token: FUT.token, ltp: 2_400_020, bid: 2_400_010, ask: 2_400_030, bidQty: 500, askQty: 1000 });
    const done = await order(placed.orderId);
    expect(done).toMatchObject({ status: 'FILLED', filledQuantity: 3 * LOT });
    // (65 × 24000.10 + 130 × 24000.30) / 195 = 24000.2333… → 2_400_023 paise
    expect(done.averagePrice).toBe(2_400_023);
    const { rows } = await pool.query<{ quantity: number; price: string }>(
      'SELECT quantity, price FROM fills WHERE order_id = $1 ORDER BY fill_id', [placed.orderId]);
    expect(rows).toEqual([{ quantity: 65, price: '24000.10' }, { quantity: 130, price: '24000.30' }]);
  });

  test('IOC takes what the book has and cancels the remainder', async () => {
    kit.quotes.push({ token: FUT.token, ltp: 2_400_000, bid: 2_399_990, ask: 2_400_010, bidQty: LOT, askQty: 500 });
    const placed = await kit.oms.place(intent({ side: 'SELL', orderType: 'MKT', validity: 'IOC', price: null, marketProtection: 100, quantity: 2 * LOT }));
    expect(await order(placed.orderId)).toMatchObject({ status: 'CANCELLED', filledQuantity: LOT, averagePrice: 2_399_990 });
  });

  test('market protection: beyond LTP ± protection the order waits instead of filling', async () => {
    kit.quotes.push({ token: FUT.token, ltp: 2_400_000, bid: 2_399_990, ask: 2_500_000, bidQty: 500, askQty: 500 });
    const placed = await kit.oms.place(intent({ orderType: 'MKT', price: null, marketProtection: 100, quantity: LOT }));
    expect(placed.status).toBe('OPEN');
    kit.quotes.push({ token: FUT.token, ltp: 2_400_000, bid: 2_399_990, ask: 2_410_000, bidQty: 500, askQty: 500 });
    expect(await order(placed.orderId)).toMatchObject({ status: 'FILLED', averagePrice: 2_410_000 });
  });
});

describe('limit and stop orders', () => {
  test('a limit buy rests until the ask crosses it, then fills at the ask', async () => {
    kit.quotes.push({ token: FUT.token, ltp: 2_400_000, bid: 2_399_990, ask: 2_400_010, bidQty: 500, askQty: 500 });
    const placed = await kit.oms.place(intent({ price: 2_395_000, quantity: LOT }));
    expect(placed.status).toBe('OPEN');
    kit.quotes.push({ token: FUT.token, ltp: 2_395_500, bid: 2_395_000, ask: 2_395_010, bidQty: 500, askQty: 500 });
    expect((await order(placed.orderId)).status).toBe('OPEN');
    kit.quotes.push({ token: FUT.token, ltp: 2_394_500, bid: 2_394_000, ask: 2_394_990, bidQty: 500, askQty: 500 });
    expect(await order(placed.orderId)).toMatchObject({ status: 'FILLED', averagePrice: 2_394_990 });
  });

  test('SL sell waits in TRIGGER_PENDING, triggers when the LTP touches the trigger, then fills as a limit', async () => {
    kit.quotes.push({ token: FUT.token, ltp: 2_400_000, bid: 2_399_990, ask: 2_400_010, bidQty: 500, askQty: 500 });
    const placed = await kit.oms.place(intent({ side: 'SELL', orderType: 'SL', price: 2_389_000, triggerPrice: 2_390_000, quantity: LOT }));
    expect(placed.status).toBe('TRIGGER_PENDING');
    kit.quotes.push({ token: FUT.token, ltp: 2_390_500, bid: 2_390_490, ask: 2_390_510, bidQty: 500, askQty: 500 });
    expect((await order(placed.orderId)).status).toBe('TRIGGER_PENDING');
    kit.quotes.push({ token: FUT.token, ltp: 2_390_000, bid: 2_389_500, ask: 2_390_010, bidQty: 500, askQty: 500 });
    const filled = await order(placed.orderId);
    expect(filled).toMatchObject({ status: 'FILLED', averagePrice: 2_389_500 });
    const { events } = await kit.oms.get(placed.orderId);
    expect(events.map((e) => e.statusAfter).filter((s) => s !== null)).toEqual(['PENDING_LOCAL', 'SENT', 'TRIGGER_PENDING', 'OPEN', 'FILLED']);
  });

  test('SL-M buy triggers on the way up and fills at market', async () => {
    kit.quotes.push({ token: FUT.token, ltp: 2_400_000, bid: 2_399_990, ask: 2_400_010, bidQty: 500, askQty: 500 });
    const placed = await kit.oms.place(intent({ orderType: 'SL-M', price: null, triggerPrice: 2_410_000, marketProtection: 100, quantity: LOT }));
    expect(placed.status).toBe('TRIGGER_PENDING');
    kit.quotes.push({ token: FUT.token, ltp: 2_410_000, bid: 2_409_990, ask: 2_410_020, bidQty: 500, askQty: 500 });
    expect(await order(placed.orderId)).toMatchObject({ status: 'FILLED', averagePrice: 2_410_020 });
  });
});

describe('trade book and positions', () => {
  test('each fill is booked with its share of the order charges; the rows add up to the order exactly; positions are exact', async () => {
    const day = istDayOf(Date.now());
    kit.quotes.push({ token: EQ.token, ltp: 250_000, bid: 249_990, ask: 250_010, bidQty: 500, askQty: 7 });
    const buy = await kit.oms.place(intent({ token: EQ.token, product: 'MIS', orderType: 'MKT', price: null, marketProtection: 100, quantity: 10 }));
    kit.quotes.push({ token: EQ.token, ltp: 250_100, bid: 250_090, ask: 250_115, bidQty: 500, askQty: 500 });
    await kit.oms.idle();
    const sell = await kit.oms.place(intent({ token: EQ.token, product: 'MIS', side: 'SELL', orderType: 'L', price: 251_000, quantity: 4 }));
    kit.quotes.push({ token: EQ.token, ltp: 251_000, bid: 251_005, ask: 251_020, bidQty: 500, askQty: 500 });
    await kit.oms.idle();

    type Row = { quantity: number; price: string; brokerage: string; stt: string; exchange_txn: string; sebi_fee: string; gst: string; stamp_duty: string; total_charges: string };
    const rows = async (orderId: string) => (await pool.query<Row>('SELECT * FROM fills WHERE order_id = $1 ORDER BY fill_id', [orderId])).rows;
    const buyRows = await rows(buy.orderId);
    expect(buyRows.map((r) => [r.quantity, r.price])).toEqual([[7, '2500.10'], [3, '2501.15']]);
    const sum = (list: Row[], key: keyof Row) => list.reduce((s, r) => s + rupeesToPaise(r[key] as string), 0);
    const expected = computeOrderCharges({ segment: 'EQ_INTRADAY', side: 'BUY', tradeDate: day, fills: [{ quantity: 7, price: 250_010 }, { quantity: 3, price: 250_115 }] });
    expect({
      brokerage: sum(buyRows, 'brokerage'), stt: sum(buyRows, 'stt'), exchangeTxn: sum(buyRows, 'exchange_txn'),
      sebiFee: sum(buyRows, 'sebi_fee'), gst: sum(buyRows, 'gst'), stampDuty: sum(buyRows, 'stamp_duty'), total: sum(buyRows, 'total_charges'),
    }).toEqual({
      brokerage: expected.brokerage, stt: expected.stt, exchangeTxn: expected.exchangeTxn, sebiFee: expected.sebiFee,
      gst: expected.gst, stampDuty: expected.stampDuty, total: expected.total,
    });
    const first = computeOrderCharges({ segment: 'EQ_INTRADAY', side: 'BUY', tradeDate: day, fills: [{ quantity: 7, price: 250_010 }] });
    expect(rupeesToPaise(buyRows[0]?.total_charges ?? '')).toBe(first.total);
    const sellRows = await rows(sell.orderId);
    const sellCharges = computeOrderCharges({ segment: 'EQ_INTRADAY', side: 'SELL', tradeDate: day, fills: [{ quantity: 4, price: 251_005 }] });
    expect(rupeesToPaise(sellRows[0]?.stt ?? '')).toBe(sellCharges.stt);

    // Cost 7 × 2500.10 + 3 × 2501.15 = 25004.15; selling 4 of 10 removes 4/10 of it (10001.66), proceeds 4 × 2510.05 = 10040.20.
    const position = kit.oms.positions().find((p) => p.token === EQ.token && p.product === 'MIS');
    expect(position).toMatchObject({ netQuantity: 6, realisedPnl: 1_004_020 - 1_000_166, dayBuyQuantity: 10, daySellQuantity: 4, charges: expected.total + sellCharges.total });
    const { rows: [stored] } = await pool.query('SELECT net_qty, avg_price, realised_pnl, day_buy_value, day_sell_value, charges FROM positions WHERE token = $1 AND product = $2', [EQ.token, 'MIS']);
    expect(stored).toEqual({
      net_qty: 6, avg_price: '2500.4150', realised_pnl: '38.5400', day_buy_value: '25004.15', day_sell_value: '10040.20',
      charges: ((expected.total + sellCharges.total) / 100).toFixed(2),
    });
  });
});

describe('MIS square-off', () => {
  test('closes every MIS position with market orders through the normal path, and only once', async () => {
    const day = istDayOf(Date.now());
    const futBefore = kit.oms.positions().find((p) => p.token === FUT.token && p.product === 'NRML')?.netQuantity;
    expect(kit.oms.positions().find((p) => p.token === EQ.token && p.product === 'MIS')?.netQuantity).toBe(6);
    const results = await kit.oms.squareOffMis(day);
    await kit.oms.idle();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'FILLED', duplicate: false });
    expect(kit.oms.positions().find((p) => p.token === EQ.token && p.product === 'MIS')?.netQuantity).toBe(0);
    expect(kit.oms.positions().find((p) => p.token === FUT.token && p.product === 'NRML')?.netQuantity).toBe(futBefore);
    const { rows } = await pool.query<{ event_type: string }>(
      'SELECT event_type FROM order_events WHERE client_order_id = $1 ORDER BY event_id', [results[0]?.clientOrderId]);
    expect(rows.map((r) => r.event_type).slice(0, 4)).toEqual(['INTENT', 'VALIDATION_PASSED', 'RISK_PASSED', 'REQUEST_SENT']);
    expect(await kit.oms.squareOffMis(day)).toEqual([]);
  });
});

describe('restart', () => {
  test('the paper book survives a restart: a resting order fills on a quote after it', async () => {
    kit.quotes.push({ token: FUT.token, ltp: 2_400_000, bid: 2_399_990, ask: 2_400_010, bidQty: 500, askQty: 500 });
    const placed = await kit.oms.place(intent({ clientOrderId: 'survivor', price: 2_380_000, quantity: LOT }));
    expect(placed.status).toBe('OPEN');
    await kit.stop();

    const quotes = new FakeQuoteSource([...kit.quotes.instruments().values()]);
    quotes.set({ token: FUT.token, ltp: 2_400_000, bid: 2_399_990, ask: 2_400_010, bidQty: 500, askQty: 500 });
    kit = await startOms(pool, { quotes });
    expect(kit.paper?.workingCount()).toBeGreaterThanOrEqual(1);
    expect((await order(placed.orderId)).status).toBe('OPEN');
    quotes.push({ token: FUT.token, ltp: 2_379_000, bid: 2_378_990, ask: 2_379_010, bidQty: 500, askQty: 500 });
    expect(await order(placed.orderId)).toMatchObject({ status: 'FILLED', averagePrice: 2_379_010 });
    const { rows } = await pool.query(`SELECT status, filled_quantity FROM paper_orders WHERE client_order_id = 'survivor'`);
    expect(rows[0]).toEqual({ status: 'COMPLETE', filled_quantity: LOT });
  });
});
