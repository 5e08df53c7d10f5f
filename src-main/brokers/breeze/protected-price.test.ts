import { describe, expect, it } from 'vitest';
import { BREEZE_DEFAULT_PROTECTION, protectedLimitPrice } from './protected-price';

const cash = { ...BREEZE_DEFAULT_PROTECTION.cash, tickSize: 5 };
const options = { ...BREEZE_DEFAULT_PROTECTION.options, tickSize: 5 };

describe('protected limit price', () => {
  it('offsets the LTP by the percentage and rounds toward it on the tick grid', () => {
    // ₹1,209.05 × 1.03 = ₹1,245.3215 → ₹1,245.30; × 0.97 = ₹1,172.7785 → ₹1,172.80.
    expect(protectedLimitPrice({ side: 'BUY', reference: 120_905, bps: cash.bps, minMove: cash.minMove, tickSize: 5 })).toEqual({ ok: true, price: 124_530 });
    expect(protectedLimitPrice({ side: 'SELL', reference: 120_905, bps: cash.bps, minMove: cash.minMove, tickSize: 5 })).toEqual({ ok: true, price: 117_280 });
  });

  it('moves at least the minimum (₹5 for options) and at least one tick', () => {
    // 10 % of ₹8.50 is ₹0.85, below the ₹5 minimum.
    expect(protectedLimitPrice({ side: 'BUY', reference: 850, ...options })).toEqual({ ok: true, price: 1_350 });
    expect(protectedLimitPrice({ side: 'SELL', reference: 850, ...options })).toEqual({ ok: true, price: 350 });
    // 0.01 % of ₹100 is a hundredth of a paisa: the limit still goes one tick beyond.
    expect(protectedLimitPrice({ side: 'BUY', reference: 10_000, bps: 1, minMove: 0, tickSize: 5 })).toEqual({ ok: true, price: 10_005 });
    expect(protectedLimitPrice({ side: 'SELL', reference: 10_003, bps: 1, minMove: 0, tickSize: 5 })).toEqual({ ok: true, price: 10_000 });
  });

  it('stays inside the circuit band and never sells below one tick', () => {
    // The README's NIFTY option: circuits ₹0.05 – ₹39.15.
    expect(protectedLimitPrice({ side: 'BUY', reference: 3_800, ...options, upperCircuit: 3_915, lowerCircuit: 5 })).toEqual({ ok: true, price: 3_915 });
    expect(protectedLimitPrice({ side: 'SELL', reference: 400, ...options, upperCircuit: 3_915, lowerCircuit: 5 })).toEqual({ ok: true, price: 5 });
    expect(protectedLimitPrice({ side: 'SELL', reference: 400, ...options })).toEqual({ ok: true, price: 5 });
  });

  it('refuses what it cannot protect', () => {
    expect(protectedLimitPrice({ side: 'BUY', reference: 0, ...cash }).ok).toBe(false);
    expect(protectedLimitPrice({ side: 'BUY', reference: 100, ...cash, tickSize: 0 }).ok).toBe(false);
    expect(protectedLimitPrice({ side: 'BUY', reference: 100, ...cash, bps: 0 }).ok).toBe(false);
  });
});
