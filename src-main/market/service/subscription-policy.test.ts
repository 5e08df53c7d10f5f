import { describe, expect, test } from 'vitest';
import { capacityMessage, diffSubscriptions, planSubscriptions, type SubscriptionSources } from './subscription-policy';

const universe = Array.from({ length: 100 }, (_, i) => i + 1);
const none: SubscriptionSources = { positions: [], orders: [], interest: [], watchlist: [] };

describe('planSubscriptions', () => {
  test('a simulated feed streams its whole universe whatever is followed', () => {
    const plan = planSubscriptions({ simulated: true, universe, sources: { ...none, watchlist: [5] }, capacity: 3 });
    expect(plan.tokens).toEqual(universe);
    expect(plan.overCapacity).toEqual([]);
  });

  test('a broker feed streams only what is followed, once each, by priority', () => {
    const plan = planSubscriptions({
      simulated: false,
      universe,
      sources: { positions: [40, 41], orders: [41, 42], interest: [7, 7, 40], watchlist: [3, 7, 9] },
      capacity: 9_000,
    });
    expect(plan.tokens).toEqual([40, 41, 42, 7, 3, 9]);
    expect(plan.overCapacity).toEqual([]);
    expect(plan.unknown).toEqual([]);
  });

  test('nothing followed: nothing streamed', () => {
    expect(planSubscriptions({ simulated: false, universe, sources: none, capacity: 9_000 }).tokens).toEqual([]);
  });

  test('tokens the feed does not carry are left out and do not use capacity', () => {
    const plan = planSubscriptions({ simulated: false, universe, sources: { ...none, positions: [500], watchlist: [1, 2] }, capacity: 2 });
    expect(plan).toEqual({ tokens: [1, 2], overCapacity: [], unknown: [500] });
  });

  test('over capacity: positions and orders first, then charts, then the watchlist in its order', () => {
    const plan = planSubscriptions({
      simulated: false,
      universe,
      sources: { positions: [10], orders: [11], interest: [12], watchlist: [13, 14, 15] },
      capacity: 4,
    });
    expect(plan.tokens).toEqual([10, 11, 12, 13]);
    expect(plan.overCapacity).toEqual([14, 15]);
    const message = capacityMessage(plan, 4, 'kite');
    expect(message).toContain('Streaming 4 of 6 instruments');
    expect(message).toContain('kite feed takes at most 4');
    expect(capacityMessage({ tokens: [1], overCapacity: [], unknown: [] }, 4, 'kite')).toBeNull();
  });
});

describe('diffSubscriptions', () => {
  test('only the changes', () => {
    expect(diffSubscriptions(new Set([1, 2, 3]), [2, 3, 4, 4])).toEqual({ subscribe: [4], unsubscribe: [1] });
  });

  test('no change, from nothing, to nothing', () => {
    expect(diffSubscriptions(new Set([1, 2]), [2, 1])).toEqual({ subscribe: [], unsubscribe: [] });
    expect(diffSubscriptions(new Set(), [5, 6])).toEqual({ subscribe: [5, 6], unsubscribe: [] });
    expect(diffSubscriptions(new Set([5, 6]), [])).toEqual({ subscribe: [], unsubscribe: [5, 6] });
  });
});
