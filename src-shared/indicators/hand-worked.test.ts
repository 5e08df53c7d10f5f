/** Small series worked out by hand (arithmetic in the comments), and edge rules. */
import { describe, expect, it } from 'vitest';
import { istInstant } from '../market/ist-calendar';
import { barsFromCloses, barsFromHlc } from '../testing/bars-from';
import type { Bar } from './bar';
import {
  createEma,
  createMacd,
  createSma,
  ema,
  heikinAshi,
  istDayNumber,
  macd,
  priceOf,
  rsi,
  sma,
  supertrend,
  vwap,
} from './index';

const bar = (time: number, open: number, high: number, low: number, close: number, volume: number): Bar => ({
  time,
  open,
  high,
  low,
  close,
  volume,
});

describe('VWAP (hlc3, reset at 00:00 IST)', () => {
  it('accumulates within an IST day and restarts on the next', () => {
    const day1 = (m: number) => istInstant('2026-03-02', m);
    const day2 = (m: number) => istInstant('2026-03-03', m);
    const out = vwap([
      bar(day1(555), 99, 102, 98, 100, 10), // tp (102+98+100)/3 = 100; 1000/10 = 100
      bar(day1(556), 100, 105, 99, 102, 30), // tp 102; (1000 + 3060)/40 = 101.5
      bar(day1(557), 102, 103, 101, 102, 0), // no volume: still 101.5
      bar(day2(555), 108, 112, 108, 110, 5), // new day: tp 110 alone
    ]);
    expect(out).toEqual([100, 101.5, 101.5, 110]);
  });

  it('resets at IST midnight (18:30 UTC), not UTC midnight', () => {
    const beforeMidnightIst = Date.parse('2026-03-02T18:29:00Z'); // 23:59 IST on 2 Mar
    const atMidnightIst = Date.parse('2026-03-02T18:30:00Z'); // 00:00 IST on 3 Mar
    const afterMidnightUtc = Date.parse('2026-03-03T00:10:00Z'); // 05:40 IST, still 3 Mar
    expect(istDayNumber(atMidnightIst) - istDayNumber(beforeMidnightIst)).toBe(1);
    expect(istDayNumber(afterMidnightUtc)).toBe(istDayNumber(atMidnightIst));
    const out = vwap([
      bar(beforeMidnightIst, 10, 10, 10, 10, 1),
      bar(atMidnightIst, 20, 20, 20, 20, 1),
      bar(afterMidnightUtc, 30, 30, 30, 30, 1), // (20 + 30)/2
    ]);
    expect(out).toEqual([10, 20, 25]);
  });

  it('is null for a session without volume (an index)', () => {
    expect(vwap(barsFromCloses([100, 101, 102]))).toEqual([null, null, null]);
  });
});

describe('Heikin-Ashi', () => {
  it('three bars by hand', () => {
    const [a, b, c] = heikinAshi([bar(1, 10, 12, 9, 11, 5), bar(2, 11, 13, 10, 12, 6), bar(3, 12, 12.5, 8, 8.5, 7)]);
    // close (10+12+9+11)/4 = 10.5; open (10+11)/2 = 10.5; high max(12, 10.5) = 12; low 9
    expect(a).toEqual(bar(1, 10.5, 12, 9, 10.5, 5));
    // close 46/4 = 11.5; open (10.5+10.5)/2 = 10.5; high 13; low min(10, 10.5) = 10
    expect(b).toEqual(bar(2, 10.5, 13, 10, 11.5, 6));
    // close 41/4 = 10.25; open (10.5+11.5)/2 = 11; high 12.5; low 8
    expect(c).toEqual(bar(3, 11, 12.5, 8, 10.25, 7));
  });
});

describe('Supertrend', () => {
  it('period 2, multiplier 1, by hand: starts down, flips up, holds, flips down', () => {
    const out = supertrend(
      barsFromHlc([10, 11, 14, 13, 10], [8, 9, 11, 10, 8], [9, 10.5, 13.5, 10.2, 8.5]),
      { period: 2, multiplier: 1 },
    );
    // TR: 2 (h−l), 2, max(3, |14−10.5|, |11−10.5|) = 3.5, max(3, 0.5, 3.5) = 3.5, max(2, 0.2, 2.2) = 2.2
    // ATR: –, (2+2)/2 = 2, (2+3.5)/2 = 2.75, (2.75+3.5)/2 = 3.125, (3.125+2.2)/2 = 2.6625
    expect(out[0]).toBeNull();
    // bar 1: hl2 10, bands 12 / 8; first bar with an ATR → down, line = upper 12
    expect(out[1]).toEqual({ value: 12, trend: 'down' });
    // bar 2: hl2 12.5 → 15.25 / 9.75; upper stays 12 (15.25 is not lower, prev close 10.5 ≤ 12);
    // lower rises to 9.75; close 13.5 > 12 → up, line = lower 9.75
    expect(out[2]).toEqual({ value: 9.75, trend: 'up' });
    // bar 3: hl2 11.5 → 14.625 / 8.375; lower stays 9.75; upper resets to 14.625 (prev close 13.5 > 12);
    // close 10.2 ≥ 9.75 → still up
    expect(out[3]).toEqual({ value: 9.75, trend: 'up' });
    // bar 4: hl2 9 → 11.6625 / 6.3375; upper falls to 11.6625; close 8.5 < 9.75 → down, line = 11.6625
    expect(out[4]?.trend).toBe('down');
    expect(out[4]?.value).toBeCloseTo(11.6625, 12);
  });
});

describe('RSI rules', () => {
  it('period 2 by hand', () => {
    // changes +1, −0.5, +1.5. Bar 2: gain (1+0)/2 = 0.5, loss (0+0.5)/2 = 0.25, RS 2 → 66.67.
    // Bar 3: gain (0.5·1 + 1.5)/2 = 1, loss (0.25·1 + 0)/2 = 0.125, RS 8 → 88.89.
    const out = rsi(barsFromCloses([10, 11, 10.5, 12]), 2);
    expect(out[0]).toBeNull();
    expect(out[1]).toBeNull();
    expect(out[2]).toBeCloseTo(200 / 3, 12);
    expect(out[3]).toBeCloseTo(800 / 9, 12);
  });

  it('100 with only gains, 0 with only losses, 50 when nothing moved', () => {
    expect(rsi(barsFromCloses([1, 2, 3, 4]), 3)[3]).toBe(100);
    expect(rsi(barsFromCloses([4, 3, 2, 1]), 3)[3]).toBe(0);
    expect(rsi(barsFromCloses([5, 5, 5, 5]), 3)[3]).toBe(50);
  });
});

describe('warm-up and validation', () => {
  const closes = Array.from({ length: 40 }, (_, i) => 100 + Math.sin(i) * 5);
  const bars = barsFromCloses(closes);

  it('MACD(12,26,9) line from bar 25, signal from bar 33', () => {
    const out = macd(bars);
    expect(out.findIndex((v) => v !== null)).toBe(25);
    expect(out[32]?.signal).toBeNull();
    expect(out[33]?.signal).not.toBeNull();
    expect(out[33]?.histogram).toBeCloseTo((out[33]?.macd as number) - (out[33]?.signal as number), 14);
  });

  it('SMA(1) and EMA(1) are the price itself', () => {
    expect(sma(bars, 1)).toEqual(closes);
    expect(ema(bars, 1)).toEqual(closes);
  });

  it('refuses periods that are not whole numbers ≥ 1, and a fast MACD that is not faster', () => {
    for (const p of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createSma(p)).toThrow(RangeError);
      expect(() => createEma(p)).toThrow(RangeError);
    }
    expect(() => createMacd({ fast: 26, slow: 12 })).toThrow(RangeError);
  });

  it('price sources', () => {
    const b = bar(0, 1, 4, 2, 3, 0);
    expect([priceOf(b, 'open'), priceOf(b, 'high'), priceOf(b, 'low'), priceOf(b, 'close')]).toEqual([1, 4, 2, 3]);
    expect([priceOf(b, 'hl2'), priceOf(b, 'hlc3'), priceOf(b, 'ohlc4')]).toEqual([3, 3, 2.5]);
  });
});
