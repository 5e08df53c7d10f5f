import { describe, expect, it } from 'vitest';
import { orderIntentSchema } from '../../src-shared/orders/order-types';
import { orderEventPayloadSchema } from '../../src-shared/orders/order-events';
import { BANKNIFTY_FUT, NIFTY_FUT, RELIANCE } from '../testing/fixtures/instruments';
import {
  SlicingError,
  childClientOrderId,
  maxChildQuantity,
  parseChildClientOrderId,
  planSlices,
  sliceIntent,
} from './slicing';

describe('slicing above the freeze quantity', () => {
  it('uses the safe rule floor((freeze − 1) / lot) × lot', () => {
    expect(maxChildQuantity(65, 1800)).toBe(1755); // NIFTY: 27 lots
    expect(maxChildQuantity(30, 600)).toBe(570); // BANKNIFTY: 19 lots, 600 itself is not trusted
    expect(maxChildQuantity(120, 2800)).toBe(2760); // MIDCPNIFTY: 23 lots
    expect(maxChildQuantity(1, null)).toBeNull();
    expect(() => maxChildQuantity(65, 65)).toThrow(SlicingError);
  });

  it('splits NIFTY 4,000… into 1,755 + 1,755 + remainder', () => {
    // 4,000 is not whole lots of 65; the nearest is 61 lots = 3,965 → 1,755 + 1,755 + 455.
    const plan = planSlices('abc', 3965, NIFTY_FUT);
    expect(plan).toEqual({
      sliced: true, parentClientOrderId: 'abc', maxChildQuantity: 1755,
      children: [
        { clientOrderId: 'abc.1', sequence: 1, quantity: 1755 },
        { clientOrderId: 'abc.2', sequence: 2, quantity: 1755 },
        { clientOrderId: 'abc.3', sequence: 3, quantity: 455 },
      ],
    });
    // 62 lots = 4,030 → 1,755 + 1,755 + 520
    const again = planSlices('abc', 4030, NIFTY_FUT);
    expect(again.sliced && again.children.map((c) => c.quantity)).toEqual([1755, 1755, 520]);
  });

  it('the brief example: 4,000 units at a lot of 10 (freeze 1800) → 1,790 + 1,790 + 420', () => {
    const plan = planSlices('p', 4000, { lotSize: 10, freezeQty: 1800 });
    expect(plan.sliced && plan.children.map((c) => c.quantity)).toEqual([1790, 1790, 420]);
  });

  it('does not slice at or below the largest child, nor without a freeze limit', () => {
    expect(planSlices('p', 1755, NIFTY_FUT)).toEqual({ sliced: false, quantity: 1755 });
    expect(planSlices('p', 1_000_000, RELIANCE)).toEqual({ sliced: false, quantity: 1_000_000 });
    const edge = planSlices('p', 600, BANKNIFTY_FUT);
    expect(edge.sliced && edge.children.map((c) => c.quantity)).toEqual([570, 30]);
  });

  it('every child is whole lots, within the limit, and they sum to the parent', () => {
    for (let lots = 1; lots <= 200; lots++) {
      const qty = lots * 65;
      const plan = planSlices('p', qty, NIFTY_FUT);
      const sizes = plan.sliced ? plan.children.map((c) => c.quantity) : [plan.quantity];
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(qty);
      for (const s of sizes) {
        expect(s % 65).toBe(0);
        expect(s).toBeLessThan(1800);
      }
    }
  });

  it('is deterministic, so a retry produces the same child ids', () => {
    expect(planSlices('retry-1', 5265, NIFTY_FUT)).toEqual(planSlices('retry-1', 5265, NIFTY_FUT));
  });

  it('refuses quantities that are not whole lots or not positive', () => {
    expect(() => planSlices('p', 4000, NIFTY_FUT)).toThrow(/not whole lots/);
    expect(() => planSlices('p', 0, NIFTY_FUT)).toThrow(SlicingError);
  });

  it('child ids round-trip and never look like a parent id', () => {
    expect(childClientOrderId('a-b_c', 12)).toBe('a-b_c.12');
    expect(parseChildClientOrderId('a-b_c.12')).toEqual({ parentClientOrderId: 'a-b_c', sequence: 12 });
    expect(parseChildClientOrderId('a-b_c')).toBeNull();
    expect(parseChildClientOrderId('a.0')).toBeNull();
    expect(() => childClientOrderId('a', 0)).toThrow(RangeError);
    expect(orderIntentSchema.shape.clientOrderId.safeParse('a.1').success).toBe(false);
  });

  it('slices an intent into child intents that the ledger schema accepts', () => {
    const intent = orderIntentSchema.parse({
      clientOrderId: 'big', token: NIFTY_FUT.token, side: 'SELL', orderType: 'L', product: 'NRML', validity: 'DAY',
      quantity: 3965, price: 2_400_000, triggerPrice: null,
    });
    const children = sliceIntent(intent, NIFTY_FUT);
    expect(children.map((c) => [c.intent.clientOrderId, c.intent.quantity, c.parentClientOrderId])).toEqual([
      ['big.1', 1755, 'big'], ['big.2', 1755, 'big'], ['big.3', 455, 'big'],
    ]);
    for (const c of children) {
      const parsed = orderEventPayloadSchema.safeParse({ type: 'INTENT', ...c });
      expect(parsed.success).toBe(true);
    }
    expect(sliceIntent({ ...intent, quantity: 65 }, NIFTY_FUT)).toEqual([{ intent: { ...intent, quantity: 65 }, parentClientOrderId: null }]);
  });

  it('never slices an iceberg (its legs are the broker\'s way past the freeze), but still slices the same order without legs', () => {
    const iceberg = orderIntentSchema.parse({
      clientOrderId: 'ice', token: NIFTY_FUT.token, side: 'BUY', orderType: 'L', product: 'NRML', validity: 'DAY',
      quantity: 3510, price: 2_400_000, triggerPrice: null, icebergLegs: 2,
    });
    expect(sliceIntent(iceberg, NIFTY_FUT)).toEqual([{ intent: iceberg, parentClientOrderId: null }]);
    const plain = sliceIntent({ ...iceberg, icebergLegs: null }, NIFTY_FUT);
    expect(plain.map((c) => c.intent.quantity)).toEqual([1755, 1755]);
    // An AMO above the freeze is sliced like any order: each child is its own after-market order.
    const amo = sliceIntent({ ...iceberg, icebergLegs: null, amo: true }, NIFTY_FUT);
    expect(amo.map((c) => [c.intent.clientOrderId, c.intent.amo])).toEqual([['ice.1', true], ['ice.2', true]]);
  });
});
