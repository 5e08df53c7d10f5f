/** Position sizing by risk, worked by hand in paise. */
import { describe, expect, it } from 'vitest';
import { EMA_CROSSOVER_RISK_BPS, sizeByRisk, SUPPORT_RESISTANCE_RISK_BPS } from './index';

const NIFTY_LOT = 65;

describe('size by risk, rounded down to whole lots', () => {
  it('1 % of ₹5,00,000 on a NIFTY option bought at ₹120 with a stop at ₹100: 3 lots', () => {
    // Budget 50,000,000 × 1 % = 500,000 paise (₹5,000); risk per unit 12,000 − 10,000 = 2,000 paise;
    // 500,000 / 2,000 = 250 units; 250 / 65 = 3.85 → 3 lots = 195 units; at the stop 195 × 2,000 = 390,000.
    expect(sizeByRisk({ capitalPaise: 50_000_000, riskBps: EMA_CROSSOVER_RISK_BPS, entryPaise: 12_000, stopPaise: 10_000, lotSize: NIFTY_LOT })).toEqual({
      lots: 3,
      quantity: 195,
      riskBudgetPaise: 500_000,
      riskPerUnitPaise: 2_000,
      riskAtStopPaise: 390_000,
      shortfall: null,
    });
  });

  it('0.5 % of the same capital: 125 units → 1 lot', () => {
    // 250,000 / 2,000 = 125 units → 1 lot of 65; at the stop 130,000 paise.
    const s = sizeByRisk({ capitalPaise: 50_000_000, riskBps: SUPPORT_RESISTANCE_RISK_BPS, entryPaise: 12_000, stopPaise: 10_000, lotSize: NIFTY_LOT });
    expect([s.lots, s.quantity, s.riskBudgetPaise, s.riskAtStopPaise]).toEqual([1, 65, 250_000, 130_000]);
  });

  it('a short (stop above entry) sizes on the distance the same way', () => {
    const s = sizeByRisk({ capitalPaise: 50_000_000, riskBps: 100, entryPaise: 10_000, stopPaise: 12_000, lotSize: NIFTY_LOT });
    expect(s.lots).toBe(3);
  });

  it('rounds down even one paisa short: 64 shares, not 65', () => {
    // ₹5,000 budget, ₹76.93 risk per share: 500,000 / 7,693 = 64.99 → 64; 65 × 7,693 = 500,045 would exceed it.
    const s = sizeByRisk({ capitalPaise: 50_000_000, riskBps: 100, entryPaise: 50_000, stopPaise: 42_307, lotSize: 1 });
    expect([s.quantity, s.riskAtStopPaise]).toEqual([64, 492_352]);
  });

  it('floors the budget to the paisa', () => {
    // 12,345,679 × 1 % = 123,456.79 → 123,456.
    expect(sizeByRisk({ capitalPaise: 12_345_679, riskBps: 100, entryPaise: 200, stopPaise: 100, lotSize: 1 }).riskBudgetPaise).toBe(123_456);
  });

  it('zero lots, with the reason, when the budget is below one lot or the stop is the entry', () => {
    // ₹1,00,000 × 0.5 % = 50,000 paise / 2,000 = 25 units < 65.
    const small = sizeByRisk({ capitalPaise: 10_000_000, riskBps: 50, entryPaise: 12_000, stopPaise: 10_000, lotSize: NIFTY_LOT });
    expect([small.lots, small.quantity, small.riskAtStopPaise, small.shortfall]).toEqual([0, 0, 0, 'budget-below-one-lot']);
    expect(sizeByRisk({ capitalPaise: 10_000_000, riskBps: 50, entryPaise: 12_000, stopPaise: 12_000, lotSize: 1 }).shortfall).toBe('stop-at-entry');
  });

  it('refuses money that is not whole paise and settings out of range', () => {
    const ok = { capitalPaise: 50_000_000, riskBps: 100, entryPaise: 12_000, stopPaise: 10_000, lotSize: 65 };
    for (const bad of [{ capitalPaise: 1.5 }, { capitalPaise: -1 }, { entryPaise: 0 }, { stopPaise: Number.NaN }, { riskBps: 0 }, { riskBps: 0.5 }, { riskBps: 10_001 }, { lotSize: 0 }, { lotSize: 2.5 }]) {
      expect(() => sizeByRisk({ ...ok, ...bad }), JSON.stringify(bad)).toThrow(RangeError);
    }
    expect(sizeByRisk({ ...ok, riskBps: 10_000 }).riskBudgetPaise).toBe(50_000_000);
  });
});
