import { describe, expect, it } from 'vitest';
import { computeOrderCharges } from './compute-charges';
import { addCharges, fillsByLeg } from './iceberg-legs';

describe('iceberg legs for charges', () => {
  it('groups fills into legs in fill order, splitting a fill that straddles a boundary at its own price', () => {
    expect(fillsByLeg([{ quantity: 10, price: 100 }, { quantity: 10, price: 101 }], 10)).toEqual([
      [{ quantity: 10, price: 100 }], [{ quantity: 10, price: 101 }],
    ]);
    // A short book: the first leg in two trades, then one trade across the second and third legs.
    expect(fillsByLeg([{ quantity: 4, price: 100 }, { quantity: 6, price: 101 }, { quantity: 15, price: 102 }], 10)).toEqual([
      [{ quantity: 4, price: 100 }, { quantity: 6, price: 101 }],
      [{ quantity: 10, price: 102 }],
      [{ quantity: 5, price: 102 }],
    ]);
    expect(fillsByLeg([], 10)).toEqual([]);
  });

  it('charges each leg as its own executed order: brokerage capped per leg, not once', () => {
    const input = { segment: 'FUT' as const, side: 'BUY' as const, tradeDate: '2026-01-20' };
    // Two legs of 1,755 NIFTY units at ₹24,000: each leg's 0.03 % is far above the ₹20 cap.
    const legs = fillsByLeg([{ quantity: 1755, price: 2_400_000 }, { quantity: 1755, price: 2_400_000 }], 1755);
    const perLeg = legs.map((fills) => computeOrderCharges({ ...input, fills }));
    const total = perLeg.reduce(addCharges);
    expect(total.brokerage).toBe(2 * 2_000);
    expect(computeOrderCharges({ ...input, fills: legs.flat() }).brokerage).toBe(2_000);
    expect(total.turnover).toBe(2 * 1755 * 2_400_000);
  });
});
