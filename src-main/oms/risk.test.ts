import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RISK_SETTINGS,
  checkRisk,
  ordersInLastSecond,
  sendDelayMs,
  shouldTripKillSwitch,
  type RiskOrder,
  type RiskSettings,
  type RiskSnapshot,
} from './risk';

const NOW = 1_767_225_600_000;
const settings = (over: Partial<RiskSettings> = {}): RiskSettings => ({ ...DEFAULT_RISK_SETTINGS, ...over });
const snapshot = (over: Partial<RiskSnapshot> = {}): RiskSnapshot => ({
  now: NOW, openOrderCount: 0, recentOrderTimestamps: [], instrumentNetQuantity: 0, dayPnl: 0, ...over,
});
const order = (over: Partial<RiskOrder> = {}): RiskOrder => ({ side: 'BUY', quantity: 65, price: 2_400_000, ...over });
const codeOf = (o: RiskOrder, s: RiskSettings, snap: RiskSnapshot) => {
  const r = checkRisk(o, s, snap);
  return r.ok ? 'OK' : r.code;
};

describe('risk checks', () => {
  it('passes with default settings', () => {
    expect(checkRisk(order(), settings(), snapshot())).toEqual({ ok: true });
    expect(DEFAULT_RISK_SETTINGS.maxOrdersPerSecond).toBe(10);
  });

  it('blocks everything while the kill switch is on, exits included', () => {
    const r = checkRisk(order({ side: 'SELL' }), settings({ killSwitchEngaged: true }), snapshot({ instrumentNetQuantity: 65 }));
    expect(r).toMatchObject({ ok: false, code: 'KILL_SWITCH' });
    expect(r.ok || r.tripKillSwitch).toBeFalsy();
  });

  it('trips the kill switch at the daily loss limit on realised + unrealised P&L', () => {
    const s = settings({ dailyLossLimit: 500_000 }); // ₹5,000
    expect(codeOf(order(), s, snapshot({ dayPnl: -499_999 }))).toBe('OK');
    const r = checkRisk(order(), s, snapshot({ dayPnl: -500_000 }));
    expect(r).toEqual({
      ok: false, code: 'DAILY_LOSS_LIMIT', tripKillSwitch: true,
      reason: "Today's P&L -₹5,000.00 has reached the daily loss limit of ₹5,000.00; the kill switch is now on.",
    });
    expect(shouldTripKillSwitch(s, -500_001)).toBe(true);
    expect(shouldTripKillSwitch(s, 1_000_000)).toBe(false);
    expect(shouldTripKillSwitch(settings(), -1_000_000_000_000)).toBe(false);
  });

  it('caps the value of one order', () => {
    const s = settings({ maxOrderValue: 156_000_000 }); // ₹15,60,000 = 65 × ₹24,000 exactly
    expect(codeOf(order(), s, snapshot())).toBe('OK');
    const r = checkRisk(order({ price: 2_400_010 }), s, snapshot());
    expect(r).toMatchObject({ ok: false, code: 'MAX_ORDER_VALUE', reason: expect.stringContaining('₹15,60,006.50') });
  });

  it('caps the position value per instrument but always lets a position shrink', () => {
    const s = settings({ maxPositionValuePerInstrument: 312_000_000 }); // 130 units at ₹24,000
    expect(codeOf(order(), s, snapshot({ instrumentNetQuantity: 65 }))).toBe('OK'); // → 130
    expect(codeOf(order(), s, snapshot({ instrumentNetQuantity: 130 }))).toBe('MAX_POSITION_VALUE'); // → 195
    expect(codeOf(order({ side: 'SELL' }), s, snapshot({ instrumentNetQuantity: 400 }))).toBe('OK'); // shrinking
    expect(codeOf(order({ side: 'SELL', quantity: 195 }), s, snapshot({ instrumentNetQuantity: 130 }))).toBe('OK'); // flip to −65
    expect(codeOf(order({ side: 'SELL', quantity: 325 }), s, snapshot({ instrumentNetQuantity: 130 }))).toBe('MAX_POSITION_VALUE'); // −195
    expect(codeOf(order({ side: 'SELL', quantity: 195 }), s, snapshot({ instrumentNetQuantity: -65 }))).toBe('MAX_POSITION_VALUE');
  });

  it('counts slices against the open-order cap', () => {
    const s = settings({ maxOpenOrders: 5 });
    expect(codeOf(order({ exchangeOrders: 3 }), s, snapshot({ openOrderCount: 2 }))).toBe('OK');
    expect(codeOf(order({ exchangeOrders: 3 }), s, snapshot({ openOrderCount: 3 }))).toBe('MAX_OPEN_ORDERS');
    expect(codeOf(order(), s, snapshot({ openOrderCount: 5 }))).toBe('MAX_OPEN_ORDERS');
  });

  it('limits orders per second over a sliding window', () => {
    const nine = Array.from({ length: 9 }, (_, i) => NOW - 900 + i * 100);
    expect(codeOf(order(), settings(), snapshot({ recentOrderTimestamps: nine }))).toBe('OK');
    const ten = [...nine, NOW];
    expect(codeOf(order(), settings(), snapshot({ recentOrderTimestamps: ten }))).toBe('ORDER_RATE');
    // the oldest (NOW − 900) leaves the window at NOW + 100
    expect(codeOf(order(), settings(), snapshot({ now: NOW + 100, recentOrderTimestamps: ten }))).toBe('OK');
    expect(ordersInLastSecond([NOW - 1000, NOW - 999, NOW], NOW)).toBe(2);
  });

  it('tells the sender how long to wait to stay within the rate', () => {
    const ten = Array.from({ length: 10 }, (_, i) => NOW - 900 + i * 100); // NOW−900 … NOW
    expect(sendDelayMs(ten, NOW, 10)).toBe(100);
    expect(sendDelayMs(ten.slice(1), NOW, 10)).toBe(0);
    expect(sendDelayMs(ten, NOW, 5)).toBe(600); // fifth newest is NOW − 400
  });

  it('reports the most serious failure first', () => {
    const s = settings({ killSwitchEngaged: true, dailyLossLimit: 1, maxOrderValue: 1, maxOpenOrders: 0 });
    expect(codeOf(order(), s, snapshot({ dayPnl: -10 }))).toBe('KILL_SWITCH');
    expect(codeOf(order(), { ...s, killSwitchEngaged: false }, snapshot({ dayPnl: -10 }))).toBe('DAILY_LOSS_LIMIT');
    expect(codeOf(order(), { ...s, killSwitchEngaged: false }, snapshot())).toBe('MAX_ORDER_VALUE');
  });
});
