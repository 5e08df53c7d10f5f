import { describe, expect, test } from 'vitest';
import { RestartPolicy, backoffDelay } from './restart-policy';

describe('backoffDelay', () => {
  test('doubles from 250 ms and stops at 5 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffDelay(n))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });
});

describe('RestartPolicy', () => {
  const options = { baseDelayMs: 100, maxDelayMs: 1000, maxFailures: 3, windowMs: 10_000 };

  test('gives up after too many failures within the window', () => {
    const policy = new RestartPolicy(options);
    expect(policy.next(0)).toBe(100);
    expect(policy.next(1_000)).toBe(200);
    expect(policy.next(2_000)).toBe(400);
    expect(policy.next(3_000)).toBeNull();
    expect(policy.recentFailures).toBe(4);
  });

  test('forgets failures older than the window, so an occasional crash is always restarted', () => {
    const policy = new RestartPolicy(options);
    for (let day = 0; day < 10; day += 1) expect(policy.next(day * 86_400_000)).toBe(100);
  });
});
