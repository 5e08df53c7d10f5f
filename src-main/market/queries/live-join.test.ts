import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../src-shared/market/candle';
import { joinLiveBar } from './live-join';

const M = 60_000;
const bar = (bucket: number, close = 100, volume = 1): Candle => ({
  token: 1,
  timeframe: '1m',
  bucket,
  open: close,
  high: close,
  low: close,
  close,
  volume,
  trades: 1,
  vwap: close,
  oi: 0,
});
const buckets = (bars: Candle[]) => bars.map((b) => b.bucket);

describe('joinLiveBar', () => {
  it('appends a live bar newer than every stored bar', () => {
    expect(buckets(joinLiveBar([bar(0), bar(M)], bar(2 * M), undefined, 10))).toEqual([0, M, 2 * M]);
  });

  it('replaces a stored bar of the same bucket with the live one (no duplicate)', () => {
    const joined = joinLiveBar([bar(0), bar(M, 100, 5)], bar(M, 120, 9), undefined, 10);
    expect(buckets(joined)).toEqual([0, M]);
    expect(joined[1]).toMatchObject({ close: 120, volume: 9 });
  });

  it('keeps history and live bar strictly ascending even when stored rows come unsorted or doubled', () => {
    expect(buckets(joinLiveBar([bar(M), bar(0), bar(M)], bar(2 * M), undefined, 10))).toEqual([0, M, 2 * M]);
  });

  it('inserts a live bar that falls between stored bars in order', () => {
    expect(buckets(joinLiveBar([bar(0), bar(2 * M)], bar(M), undefined, 10))).toEqual([0, M, 2 * M]);
  });

  it('leaves the live bar out of an older page (before ≤ its bucket)', () => {
    expect(buckets(joinLiveBar([bar(0)], bar(M), M, 10))).toEqual([0]);
    expect(buckets(joinLiveBar([bar(0)], bar(2 * M), M, 10))).toEqual([0]);
  });

  it('keeps the newest `limit` bars when the live bar makes the page one too long', () => {
    expect(buckets(joinLiveBar([bar(0), bar(M)], bar(2 * M), undefined, 2))).toEqual([M, 2 * M]);
  });

  it('does not pull in a live bar older than a full page', () => {
    expect(buckets(joinLiveBar([bar(5 * M), bar(6 * M)], bar(M), undefined, 2))).toEqual([5 * M, 6 * M]);
  });

  it('answers the stored page alone when there is no live bar', () => {
    expect(buckets(joinLiveBar([bar(0), bar(M)], null, undefined, 10))).toEqual([0, M]);
    expect(joinLiveBar([], null, undefined, 10)).toEqual([]);
  });
});
