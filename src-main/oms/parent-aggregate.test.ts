import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../src-shared/orders/order-types';
import { aggregateParent, type ChildSummary } from './parent-aggregate';

/** A 1,755-unit slice in `status`, with `filled` units filled at ₹100. */
const child = (status: OrderStatus, filled = status === 'FILLED' ? 1755 : 0): ChildSummary => ({
  status, quantity: 1755, filledQuantity: filled, fillValue: BigInt(filled) * 10_000n,
});

const agg = (...children: ChildSummary[]) => {
  const a = aggregateParent(children);
  return [a.status, a.done, a.message] as const;
};

describe('parent aggregate of sliced children', () => {
  it('finished parents', () => {
    expect(agg(child('FILLED'), child('FILLED'))).toEqual(['FILLED', true, null]);
    expect(agg(child('REJECTED'), child('REJECTED'))).toEqual(['REJECTED', true, null]);
    expect(agg(child('CANCELLED'), child('CANCELLED'))).toEqual(['CANCELLED', true, null]);
    expect(agg(child('FILLED'), child('REJECTED'), child('FILLED'))).toEqual(['PARTIALLY_FILLED', true, '1 of 3 slices rejected']);
    expect(agg(child('FILLED'), child('CANCELLED'))).toEqual(['PARTIALLY_FILLED', true, '1 of 2 slices cancelled']);
    expect(agg(child('REJECTED'), child('CANCELLED'))).toEqual(['REJECTED', true, '1 of 2 slices rejected; 1 of 2 slices cancelled']);
  });

  it('all slices cancelled is CANCELLED even if one had filled part, as for a single order; fills are kept', () => {
    const a = aggregateParent([child('CANCELLED', 65), child('CANCELLED', 0)]);
    expect([a.status, a.done, a.message, a.filledQuantity]).toEqual(['CANCELLED', true, null, 65]);
  });

  it('working parents', () => {
    expect(agg(child('FILLED'), child('OPEN'))).toEqual(['PARTIALLY_FILLED', false, null]);
    expect(agg(child('PARTIALLY_FILLED', 65), child('OPEN'))).toEqual(['PARTIALLY_FILLED', false, null]);
    expect(agg(child('OPEN'), child('OPEN'))).toEqual(['OPEN', false, null]);
    expect(agg(child('OPEN'), child('SENT'))).toEqual(['SENT', false, null]);
    expect(agg(child('PENDING_LOCAL'), child('PENDING_LOCAL'))).toEqual(['PENDING_LOCAL', false, null]);
    expect(agg(child('TRIGGER_PENDING'), child('TRIGGER_PENDING'))).toEqual(['TRIGGER_PENDING', false, null]);
    expect(agg(child('TRIGGER_PENDING'), child('OPEN'))).toEqual(['OPEN', false, null]);
    expect(agg(child('CANCEL_PENDING'), child('CANCEL_PENDING'), child('CANCELLED'))).toEqual(['CANCEL_PENDING', false, '1 of 3 slices cancelled']);
    expect(agg(child('CANCEL_PENDING'), child('OPEN'))).toEqual(['OPEN', false, null]);
    expect(agg(child('MODIFY_PENDING'), child('OPEN'))).toEqual(['MODIFY_PENDING', false, null]);
    expect(agg(child('REJECTED'), child('OPEN'))).toEqual(['OPEN', false, '1 of 2 slices rejected']);
  });

  it('sums quantities and exact fill value across children', () => {
    const a = aggregateParent([child('FILLED'), { status: 'PARTIALLY_FILLED', quantity: 455, filledQuantity: 65, fillValue: 650_325n }]);
    expect(a.quantity).toBe(2210);
    expect(a.filledQuantity).toBe(1820);
    expect(a.fillValue).toBe(17_550_000n + 650_325n);
  });

  it('refuses an empty family', () => {
    expect(() => aggregateParent([])).toThrow(RangeError);
  });
});
