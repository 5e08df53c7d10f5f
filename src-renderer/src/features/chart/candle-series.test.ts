import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../src-shared/market/candle';
import { applyLive, classifyLive, findBar, joinBuffered, prependOlder } from './candle-series';

const M = 60_000;
const bar = (minute: number, close = 100): Candle => ({
  token: 1,
  timeframe: '1m',
  bucket: minute * M,
  open: 100,
  high: Math.max(100, close),
  low: Math.min(100, close),
  close,
  volume: 10,
  trades: 1,
  vwap: null,
  oi: 0,
});
const minutes = (bars: Candle[]) => bars.map((b) => b.bucket / M);

describe('findBar', () => {
  it('finds buckets by binary search', () => {
    const bars = [0, 1, 2, 5, 9].map((m) => bar(m));
    expect(findBar(bars, 5 * M)).toBe(3);
    expect(findBar(bars, 0)).toBe(0);
    expect(findBar(bars, 9 * M)).toBe(4);
    expect(findBar(bars, 4 * M)).toBe(-1);
    expect(findBar([], 0)).toBe(-1);
  });
});

describe('live candles', () => {
  it('replaces the forming bar of the same bucket: no duplicate', () => {
    const bars = [bar(0), bar(1, 100)];
    expect(applyLive(bars, bar(1, 105))).toEqual({ kind: 'replace', index: 1, last: true });
    expect(minutes(bars)).toEqual([0, 1]);
    expect(bars[1]?.close).toBe(105);
  });

  it('appends the next bucket: no gap between history and live', () => {
    const bars = [bar(0), bar(1)];
    expect(applyLive(bars, bar(2))).toEqual({ kind: 'append' });
    expect(minutes(bars)).toEqual([0, 1, 2]);
  });

  it('updates a just-closed bar in place (a final update arriving after the next bar began)', () => {
    const bars = [bar(0), bar(1), bar(2)];
    expect(applyLive(bars, bar(1, 90))).toEqual({ kind: 'replace', index: 1, last: false });
    expect(bars[1]?.close).toBe(90);
  });

  it('leaves out a live candle for a bucket the list has no place for', () => {
    const bars = [bar(0), bar(5)];
    expect(classifyLive(bars, bar(3))).toEqual({ kind: 'ignore' });
    expect(applyLive(bars, bar(3))).toEqual({ kind: 'ignore' });
    expect(minutes(bars)).toEqual([0, 5]);
  });

  it('joins the first page to the candles buffered while it loaded, newest state last', () => {
    const history = [bar(0), bar(1, 100)];
    const joined = joinBuffered(history, [bar(1, 101), bar(2, 102), bar(2, 103)]);
    expect(minutes(joined)).toEqual([0, 1, 2]);
    expect(joined.map((b) => b.close)).toEqual([100, 101, 103]);
    expect(minutes(history)).toEqual([0, 1]);
  });
});

describe('prependOlder', () => {
  it('puts an older page in front, dropping any overlap with what is shown', () => {
    const shown = [bar(3, 200), bar(4)];
    const merged = prependOlder(shown, [bar(1), bar(2), bar(3, 100)]);
    expect(minutes(merged)).toEqual([1, 2, 3, 4]);
    expect(merged[2]?.close).toBe(200);
  });

  it('sorts and de-duplicates the page, and takes it whole when nothing is shown', () => {
    expect(minutes(prependOlder([], [bar(2), bar(1), bar(2)]))).toEqual([1, 2]);
    expect(minutes(prependOlder([bar(5)], []))).toEqual([5]);
  });
});
