import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { methods, type MethodName, type MethodResult } from '../../src-shared/contract';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import { EQ, FUT, openLimits, startOms, type OmsKit } from '../testing/kits/oms';
import { dispatch, type Handlers } from './registry';
import { ordersHandlers } from './orders';

/**
 * The orders domain through the one validated entry point, on a real OMS: every answer
 * parses against the contract's result schema, bad arguments never reach the OMS.
 */

let testDb: TestDatabase;
let pool: pg.Pool;
let kit: OmsKit;
let handlers: Handlers;

beforeAll(async () => {
  testDb = await startTestDatabase();
  pool = testDb.service.pool();
  kit = await startOms(pool);
  await openLimits(kit.oms);
  kit.quotes.push({ token: FUT.token, ltp: 2_400_000, bid: 2_399_990, ask: 2_400_010, bidQty: 5000, askQty: 5000 });
  kit.quotes.push({ token: EQ.token, ltp: 250_000, bid: 249_990, ask: 250_010, bidQty: 5000, askQty: 5000 });
  // Only the orders domain is exercised here.
  handlers = ordersHandlers(() => kit.oms) as unknown as Handlers;
});

afterAll(async () => {
  await kit?.stop();
  await testDb?.cleanup();
});

async function call<M extends MethodName>(method: M, args: unknown): Promise<MethodResult<M>> {
  const outcome = await dispatch(handlers, method, args, { transport: 'test' });
  if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), outcome.error);
  return methods[method].result.parse(outcome.result) as MethodResult<M>;
}

describe('orders domain over dispatch', () => {
  test('preview, place, get, list, modify, cancel, trades, positions, risk: all answers fit the contract', async () => {
    const intent = { clientOrderId: 'api-1', token: FUT.token, side: 'BUY', orderType: 'L', product: 'NRML', validity: 'DAY', quantity: 130, price: 2_390_000, triggerPrice: null };
    const preview = await call('orders.preview', intent);
    expect(preview).toMatchObject({ ok: true, lots: 2, slices: 1, referencePrice: 2_390_000, value: 130 * 2_390_000 });
    expect(preview.charges?.total).toBeGreaterThan(0);
    const placed = await call('orders.place', intent);
    expect(placed).toMatchObject({ clientOrderId: 'api-1', status: 'OPEN', duplicate: false });
    const got = await call('orders.get', { orderId: placed.orderId });
    expect(got.events.map((e) => e.type)).toContain('REQUEST_SENT');
    expect((await call('orders.list', { scope: 'open' })).map((o) => o.orderId)).toContain(placed.orderId);
    expect(await call('orders.modify', { orderId: placed.orderId, price: 2_391_000 })).toMatchObject({ price: 2_391_000 });
    expect(await call('orders.cancel', { orderId: placed.orderId })).toMatchObject({ status: 'CANCELLED' });
    expect((await call('orders.list', { scope: 'done', limit: 5 })).map((o) => o.orderId)).toContain(placed.orderId);

    await call('orders.place', { ...intent, clientOrderId: 'api-2', token: EQ.token, product: 'CNC', quantity: 3, orderType: 'MKT', price: null, marketProtection: 100 });
    await kit.oms.idle();
    const trades = await call('trades.list', {});
    expect(trades[0]).toMatchObject({ clientOrderId: 'api-2', quantity: 3, price: 250_010 });
    const positions = await call('positions.list', {});
    expect(positions.find((p) => p.token === EQ.token)).toMatchObject({ netQuantity: 3, product: 'CNC', ltp: 250_000 });
    const risk = await call('risk.get', {});
    expect(risk.killSwitch.engaged).toBe(false);
    expect(await call('risk.update', { settings: { maxOpenOrders: 7 } })).toMatchObject({ limits: { maxOpenOrders: 7 } });
    expect(await call('risk.killSwitch', { engage: true, reason: 'lunch' })).toMatchObject({ killSwitch: { engaged: true, reason: 'lunch' } });
    expect(await call('risk.killSwitch', { engage: false })).toMatchObject({ killSwitch: { engaged: false } });
    const { rows } = await pool.query(`SELECT actor FROM audit_log WHERE action = 'killswitch.engage'`);
    expect(rows[0]).toEqual({ actor: 'trader:test' });
  });

  test('bad arguments are refused before the OMS sees them; refusals of the OMS come back as envelopes', async () => {
    const bad = await dispatch(handlers, 'orders.place', { clientOrderId: 'has space', token: FUT.token }, { transport: 'test' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await pool.query(`SELECT 1 FROM order_events WHERE client_order_id = 'has space'`)).rowCount).toBe(0);
    const missing = await dispatch(handlers, 'orders.cancel', { orderId: '00000000-0000-4000-8000-000000000000' }, { transport: 'test' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const money = await dispatch(handlers, 'risk.update', { settings: { maxOrderValue: 12.5 } }, { transport: 'test' });
    expect(money).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
