import { describe, expect, it } from 'vitest';
import type { Tick } from '../../src-shared/domain/tick';
import { createCandleBuilder } from './candle-builder';
import { addTurnover, emptyTurnover, turnoverTotal, vwapPaise, vwapRupees } from './turnover';

const T0 = Date.parse('2026-11-23T03:45:00Z'); // Monday 09:15:00 IST
const tick = (ts: number, ltp: number, volume: number, lastQty: number, oi = 0): Tick => ({
  token: 7, ts, ltp, lastQty, volume, oi, bid: null, bidQty: 0, ask: null, askQty: 0,
});

describe('candle builder', () => {
  it('builds OHLCV with exact VWAP', () => {
    const b = createCandleBuilder(['1m']);
    b.update(tick(T0 + 1_000, 10_005, 3, 3)); // first tick of the day: 3 units
    b.update(tick(T0 + 2_000, 10_010, 10, 7));
    const c = b.current(7, '1m');
    expect(c).toMatchObject({ open: 10_005, high: 10_010, low: 10_005, close: 10_010, volume: 10, trades: 2 });
    // (10005×3 + 10010×7) / 10 = 10008.5 paise → 10009 half-up; 100.0850 rupees exactly.
    expect(c?.vwap).toBe(10_009);
    b.closeUpTo(T0 + 60_000);
    const [closed] = b.closed();
    expect(closed?.turnover).toBe(100_085n);
    expect(vwapRupees(closed?.turnover ?? 0n, closed?.vwapVolume ?? 0)).toBe('100.0850');
  });

  it('keeps VWAP exact past 2^53 (no float rounding)', () => {
    const sum = emptyTurnover();
    for (let i = 0; i < 1_000; i += 1) addTurnover(sum, 9_999_999, 999_999_999);
    addTurnover(sum, 1, 1);
    expect(turnoverTotal(sum)).toBe(9_999_999n * 999_999_999n * 1_000n + 1n);
    expect(vwapPaise(sum, 1_000 * 999_999_999 + 1)).toBe(9_999_999);
    expect(vwapPaise(emptyTurnover(), 0)).toBeNull();
  });

  it('handles an out-of-order tick inside the bucket without moving close or adding volume', () => {
    const b = createCandleBuilder(['1m']);
    b.update(tick(T0 + 10_000, 10_000, 100, 5));
    b.update(tick(T0 + 20_000, 10_500, 120, 20));
    b.update(tick(T0 + 15_000, 9_000, 110, 10)); // late, older than the newest
    b.update(tick(T0 + 5_000, 9_500, 90, 10)); // older than the open
    const c = b.current(7, '1m');
    expect(c).toMatchObject({ open: 9_500, high: 10_500, low: 9_000, close: 10_500, trades: 4 });
    // first tick: its lastQty (5); then +20; the late ones add nothing.
    expect(c?.volume).toBe(25);
  });

  it('aligns buckets to IST: the 1h bucket at 09:15 IST starts 09:00 IST; 1d at IST midnight', () => {
    const b = createCandleBuilder();
    const touched = b.update(tick(T0, 10_000, 1, 1));
    const byFrame = Object.fromEntries(touched.map((c) => [c.timeframe, c.bucket]));
    expect(byFrame['1h']).toBe(Date.parse('2026-11-23T03:30:00Z'));
    expect(byFrame['1d']).toBe(Date.parse('2026-11-22T18:30:00Z'));
    expect(byFrame['15m']).toBe(T0);
    expect(touched).toHaveLength(6);
  });

  it('closes a bucket when the next one starts, once, and at the IST day boundary', () => {
    const b = createCandleBuilder(['1m', '1d']);
    const lastMs = Date.parse('2026-11-23T18:29:59.999Z'); // 23:59:59.999 IST Monday
    b.update(tick(lastMs, 10_000, 500, 5));
    expect(b.closed()).toEqual([]);
    b.update(tick(lastMs + 1, 10_100, 4, 4)); // 00:00 IST Tuesday: new day, volume restarted
    const closed = b.closed();
    expect(closed.map((c) => [c.timeframe, c.bucket])).toEqual([
      ['1m', Date.parse('2026-11-23T18:29:00Z')],
      ['1d', Date.parse('2026-11-22T18:30:00Z')],
    ]);
    expect(b.closed()).toEqual([]);
    expect(b.current(7, '1d')).toMatchObject({ bucket: lastMs + 1, volume: 4, open: 10_100 });
    expect(b.current(7, '1m')?.volume).toBe(4);
  });

  it('uses the cumulative figure for 1d but only fresh volume intraday when joining mid-day', () => {
    const b = createCandleBuilder(['1m', '1d']);
    b.update(tick(T0 + 3_600_000, 10_000, 1_000_000, 50));
    b.update(tick(T0 + 3_601_000, 10_000, 1_000_070, 70));
    expect(b.current(7, '1m')?.volume).toBe(120);
    expect(b.current(7, '1d')?.volume).toBe(1_000_070);
  });

  it('treats a drop in cumulative volume as a feed reset', () => {
    const b = createCandleBuilder(['1m']);
    b.update(tick(T0 + 1_000, 10_000, 100, 10));
    b.update(tick(T0 + 2_000, 10_000, 8, 8)); // reset: counts its own lastQty
    b.update(tick(T0 + 3_000, 10_000, 15, 7));
    expect(b.current(7, '1m')?.volume).toBe(10 + 8 + 7);
  });

  it('counts ticks for already-closed buckets as late and ignores them', () => {
    const b = createCandleBuilder(['1m']);
    b.update(tick(T0 + 59_000, 10_000, 10, 10));
    b.update(tick(T0 + 61_000, 10_000, 20, 10));
    b.update(tick(T0 + 58_000, 99_999, 15, 5));
    expect(b.stats().late).toBe(1);
    expect(b.closed()[0]?.high).toBe(10_000);
    b.closeUpTo(T0 + 120_000);
    b.update(tick(T0 + 119_000, 10_000, 25, 5));
    expect(b.stats().late).toBe(2);
  });

  it('drains changed candles once each, as snapshots', () => {
    const b = createCandleBuilder(['1s', '1m']);
    b.update(tick(T0 + 100, 10_000, 1, 1, 650));
    b.update(tick(T0 + 200, 10_005, 2, 1, 715));
    const changed = b.takeChanged();
    expect(changed).toHaveLength(2);
    expect(changed.every((c) => c.close === 10_005 && c.oi === 715)).toBe(true);
    b.update(tick(T0 + 300, 10_010, 3, 1));
    expect(changed[0]?.close).toBe(10_005); // a snapshot, not the live record
    expect(b.takeChanged()).toHaveLength(2);
    expect(b.takeChanged()).toHaveLength(0);
  });
});
