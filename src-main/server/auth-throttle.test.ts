import { describe, expect, it } from 'vitest';
import { createAuthThrottle } from './auth-throttle';

describe('createAuthThrottle', () => {
  it('answers the first failures at once, then doubles the delay up to the cap', () => {
    let now = 0;
    const throttle = createAuthThrottle({ freeFailures: 5, baseDelayMs: 250, maxDelayMs: 4000, now: () => now });
    const delays = Array.from({ length: 11 }, () => {
      now += 10;
      return throttle.fail('127.0.0.1').delayMs;
    });
    expect(delays).toEqual([0, 0, 0, 0, 0, 250, 500, 1000, 2000, 4000, 4000]);
    expect(throttle.failuresOf('127.0.0.1')).toBe(11);
  });

  it('forgets failures older than the window', () => {
    let now = 0;
    const throttle = createAuthThrottle({ freeFailures: 1, windowMs: 60_000, now: () => now });
    throttle.fail('a');
    expect(throttle.fail('a').delayMs).toBeGreaterThan(0);
    now += 60_001;
    expect(throttle.failuresOf('a')).toBe(0);
    expect(throttle.fail('a')).toEqual({ failures: 1, delayMs: 0 });
  });

  it('counts addresses separately and bounds how many it tracks', () => {
    const throttle = createAuthThrottle({ freeFailures: 1, maxAddresses: 3 });
    throttle.fail('a');
    expect(throttle.fail('b').delayMs).toBe(0);
    for (const address of ['c', 'd', 'e']) throttle.fail(address);
    expect(throttle.failuresOf('a')).toBe(0);
    expect(throttle.failuresOf('e')).toBe(1);
  });
});
