import { describe, expect, it } from 'vitest';
import type { Tick } from '../../src-shared/domain/tick';
import { createTickGuard } from './tick-guard';

const base: Tick = { token: 101, ts: 1_000_000, ltp: 250_000, lastQty: 10, volume: 100, oi: 0, bid: 249_995, bidQty: 5, ask: 250_005, askQty: 7 };
const tick = (over: Partial<Tick> | Record<string, unknown>) => ({ ...base, ...over });

describe('tick guard', () => {
  it('accepts good ticks and counts each kind of bad one', () => {
    const guard = createTickGuard({ knownTokens: [101, 102] });
    expect(guard.check(base)).toBe('accepted');
    expect(guard.check(tick({ token: 999 }))).toBe('unknownToken');
    expect(guard.check(tick({ ts: 1_000_100, ltp: 0 }))).toBe('badPrice');
    expect(guard.check(tick({ ts: 1_000_100, ltp: -5 }))).toBe('badPrice');
    expect(guard.check(tick({ ts: 1_000_100, bid: -5 }))).toBe('badPrice');
    expect(guard.check(tick({ ltp: Number.NaN }))).toBe('malformed');
    expect(guard.check(tick({ ltp: 2500.5 }))).toBe('malformed');
    expect(guard.check(tick({ volume: -1 }))).toBe('malformed');
    expect(guard.check(tick({ ts: '2026-11-21' }))).toBe('malformed');
    expect(guard.check(tick({ bid: undefined }))).toBe('malformed');
    expect(guard.check(null)).toBe('malformed');
    expect(guard.check('tick')).toBe('malformed');
    expect(guard.counters()).toEqual({ accepted: 1, unknownToken: 1, badPrice: 3, malformed: 7, duplicate: 0, outOfOrder: 0 });
  });

  it('drops a duplicate (same token, ts and volume as the last one)', () => {
    const guard = createTickGuard({ knownTokens: [101, 102] });
    expect(guard.check(base)).toBe('accepted');
    expect(guard.check({ ...base })).toBe('duplicate');
    // Same ts, more volume: a second trade in the same millisecond.
    expect(guard.check(tick({ volume: 110 }))).toBe('accepted');
    // Another token at the same instant is not a duplicate.
    expect(guard.check(tick({ token: 102 }))).toBe('accepted');
  });

  it('drops ticks older than the newest by more than the tolerance, keeps those within', () => {
    const guard = createTickGuard({ knownTokens: [101], outOfOrderToleranceMs: 500 });
    expect(guard.check(tick({ ts: 10_000 }))).toBe('accepted');
    expect(guard.check(tick({ ts: 9_600, volume: 90 }))).toBe('accepted');
    expect(guard.check(tick({ ts: 9_499, volume: 80 }))).toBe('outOfOrder');
    // The late tick did not lower the high-water mark.
    expect(guard.check(tick({ ts: 9_550, volume: 85 }))).toBe('accepted');
    expect(guard.check(tick({ ts: 9_400, volume: 85 }))).toBe('outOfOrder');
    expect(guard.counters().outOfOrder).toBe(2);
  });

  it('optionally refuses ticks stamped in the future, so one bad clock cannot block a token', () => {
    const guard = createTickGuard({ knownTokens: [101], maxAheadMs: 60_000, now: () => 1_000_000 });
    expect(guard.check(tick({ ts: 1_060_001 }))).toBe('malformed');
    expect(guard.check(tick({ ts: 1_000_000 }))).toBe('accepted');
    expect(createTickGuard({ knownTokens: [101] }).check(tick({ ts: 9e12 }))).toBe('accepted');
  });

  it('never throws, even on hostile input', () => {
    const guard = createTickGuard({ knownTokens: [101] });
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); } });
    expect(guard.check(hostile)).toBe('malformed');
    expect(guard.check(Object.create(null))).toBe('malformed');
  });

  it('filters a batch and reports counters per window', () => {
    const guard = createTickGuard({ knownTokens: [101] });
    const kept = guard.filter([base, { ...base }, tick({ ts: 2_000_000, volume: 200 }), tick({ token: 5 })]);
    expect(kept.map((t) => t.ts)).toEqual([1_000_000, 2_000_000]);
    expect(guard.takeCounters()).toMatchObject({ accepted: 2, duplicate: 1, unknownToken: 1 });
    expect(guard.takeCounters().accepted).toBe(0);
    expect(guard.counters().accepted).toBe(2);
    guard.setKnownTokens([5]);
    expect(guard.check(tick({ token: 5 }))).toBe('accepted');
  });
});
