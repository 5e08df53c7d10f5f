import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../testing/kits/database';
import { FUT, intent, openLimits, startOms, type OmsKit } from '../../testing/kits/oms';

/** The kill switch: manual, by the daily loss limit on live prices; the order-rate limit. */

let testDb: TestDatabase;
let pool: pg.Pool;
let kit: OmsKit;

beforeAll(async () => {
  testDb = await startTestDatabase();
  pool = testDb.service.pool();
  kit = await startOms(pool);
  await openLimits(kit.oms);
  kit.quotes.push({ token: FUT.token, ltp: 2_400_000, bid: 2_399_990, ask: 2_400_010, bidQty: 5000, askQty: 5000 });
});

afterAll(async () => {
  await kit?.stop();
  await testDb?.cleanup();
});

async function auditActions(): Promise<string[]> {
  return (await pool.query<{ action: string }>('SELECT action FROM audit_log ORDER BY id')).rows.map((r) => r.action);
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('kill switch', () => {
  test('engaging cancels every open order and blocks new ones until the trader resets it', async () => {
    const a = await kit.oms.place(intent({ price: 2_380_000 }));
    const b = await kit.oms.place(intent({ side: 'SELL', price: 2_420_000 }));
    const state = await kit.oms.engageKillSwitch('Stepping away', 'trader:test');
    expect(state.killSwitch).toMatchObject({ engaged: true, reason: 'Stepping away' });
    expect(state.killSwitch.at).toBeGreaterThan(0);
    await kit.oms.idle();
    expect((await kit.oms.get(a.orderId)).order.status).toBe('CANCELLED');
    expect((await kit.oms.get(b.orderId)).order.status).toBe('CANCELLED');
    expect((await kit.oms.list('open', 100))).toEqual([]);

    const blocked = await kit.oms.place(intent({ price: 2_380_000 }));
    expect(blocked.status).toBe('REJECTED');
    const { rows } = await pool.query(`SELECT payload FROM order_events WHERE client_order_id = $1 AND event_type = 'RISK_REJECTED'`, [blocked.clientOrderId]);
    expect(rows[0]?.payload).toMatchObject({ code: 'KILL_SWITCH' });
    expect((await pool.query('SELECT kill_switch_engaged FROM risk_settings')).rows[0]).toEqual({ kill_switch_engaged: true });

    await kit.oms.resetKillSwitch('trader:test');
    expect((await kit.oms.place(intent({ price: 2_380_000 }))).status).toBe('OPEN');
    expect(await auditActions()).toEqual(expect.arrayContaining(['killswitch.engage', 'killswitch.reset']));
    expect(kit.events.some((e) => e.event === 'risk.changed')).toBe(true);
    await kit.oms.engageKillSwitch('clean up', 'trader:test');
    await kit.oms.resetKillSwitch('trader:test');
  });

  test('the daily loss limit on realised + unrealised P&L trips it on a price move', async () => {
    await kit.oms.updateRisk({ dailyLossLimit: 1_000_00 });
    const bought = await kit.oms.place(intent({ orderType: 'MKT', price: null, marketProtection: 100 }));
    await kit.oms.idle();
    expect((await kit.oms.get(bought.orderId)).order.status).toBe('FILLED');
    const resting = await kit.oms.place(intent({ price: 2_300_000 }));
    // 65 units bought at 24,000.10; at 23,980.00 the position is down ₹1,306.50.
    kit.quotes.push({ token: FUT.token, ltp: 2_398_000, bid: 2_397_990, ask: 2_398_010, bidQty: 5000, askQty: 5000 });
    await until(() => kit.oms.riskState().killSwitch.engaged);
    await kit.oms.idle();
    const state = kit.oms.riskState();
    expect(state.killSwitch.engaged).toBe(true);
    expect(state.killSwitch.reason).toMatch(/Daily loss limit/);
    expect(state.dayPnl).toBe(-130_650);
    expect((await kit.oms.get(resting.orderId)).order.status).toBe('CANCELLED');
    const { rows } = await pool.query(`SELECT actor, details FROM audit_log WHERE action = 'killswitch.engage' ORDER BY id DESC LIMIT 1`);
    expect(rows[0]).toMatchObject({ actor: 'system', details: { dayPnl: -130_650 } });
    await kit.oms.resetKillSwitch('trader:test');
    await kit.oms.updateRisk({ dailyLossLimit: null });
  });
});

describe('order rate', () => {
  test('above maxOrdersPerSecond within one second, the order is refused (ORDER_RATE)', async () => {
    const frozen = await startOms(pool, { quotes: kit.quotes, clock: () => 1_800_000_000_000 });
    try {
      await frozen.oms.updateRisk({ maxOrdersPerSecond: 3 });
      const results = [];
      for (let i = 0; i < 4; i += 1) results.push(await frozen.oms.place(intent({ price: 2_380_000 })));
      expect(results.map((r) => r.status)).toEqual(['OPEN', 'OPEN', 'OPEN', 'REJECTED']);
      expect(results[3]?.message).toMatch(/orders were already sent in the last second/);
    } finally {
      await frozen.oms.updateRisk({ maxOrdersPerSecond: 1000 });
      await frozen.stop();
    }
  });
});
