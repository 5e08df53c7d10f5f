import { describe, expect, test } from 'vitest';
import { LagSamples, weightedPercentiles } from './lag-stats';
import { classifyWriteError } from './write-errors';

describe('lag percentiles', () => {
  test('weighted by rows: a big fast chunk outweighs a small slow one', () => {
    expect(weightedPercentiles([5, 500], [990, 10], [0.5, 0.99])).toEqual([5, 5]);
    expect(weightedPercentiles([5, 500], [980, 20], [0.5, 0.99])).toEqual([5, 500]);
    expect(weightedPercentiles([], [], [0.5])).toBeNull();
  });

  test('take() reports the interval and starts a new one', () => {
    const lag = new LagSamples();
    lag.add(10, 1);
    lag.add(-3, 1); // clock noise is clamped
    lag.add(Number.NaN, 5);
    expect(lag.take()).toEqual({ p50: 0, p99: 10 });
    expect(lag.take()).toBeNull();
  });
});

describe('write errors', () => {
  test('only data errors are refused for good; everything else is retried', () => {
    expect(classifyWriteError(Object.assign(new Error('numeric field overflow'), { code: '22003' }))).toBe('rejected');
    expect(classifyWriteError(Object.assign(new Error('violates check constraint'), { code: '23514' }))).toBe('rejected');
    expect(classifyWriteError(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe('transient');
    expect(classifyWriteError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe('transient');
    expect(classifyWriteError(new Error('Connection terminated unexpectedly'))).toBe('transient');
    expect(classifyWriteError('weird')).toBe('transient');
  });
});
