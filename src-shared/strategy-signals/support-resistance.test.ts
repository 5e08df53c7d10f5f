/** Support/resistance on a hand-made zig-zag; the swing points and levels are listed in the comments. */
import { describe, expect, it } from 'vitest';
import type { Bar } from '../indicators/bar';
import { createSupportResistance, findLevels, levelSignal, signalType } from './index';

const candle = (i: number, low: number, high: number, close = (low + high) / 2): Bar => ({ time: i, open: close, high, low, close, volume: 1 });

// Twenty bars (the default lookback) swinging between ~95 and ~105.
//  i   low    high     swing?
//  0   95     97       low (first bar: 95 ≤ next low 96)
//  3   101    105      high (105 > 102, ≥ 103)
//  6   95.05  98       low (95.05 < 97, ≤ 96)
//  9   102    105.05   high
// 12   95     98       low
// 15   102    104.95   high
// 19   96     98       low (last bar: 96 < 97) — alone, 96 > 95·1.001
// Supports: {95, 95, 95.05} are within 0.1 % of 95 (≤ 95.095) → one level at 95, 3 touches; 96 has 1.
// Resistances: from 104.95, ≤ 104.95·1.001 = 105.055 takes 105 and 105.05 → one level at 105.05, 3 touches.
const LOWS_HIGHS: [number, number][] = [
  [95, 97], [96, 99], [98, 102], [101, 105], [99, 103], [97, 100], [95.05, 98], [96, 100], [99, 103], [102, 105.05],
  [100, 103], [97, 101], [95, 98], [97, 100], [100, 103], [102, 104.95], [101, 103], [99, 101], [97, 99.5], [96, 98],
];
const history = LOWS_HIGHS.map(([low, high], i) => candle(i, low, high));

describe('levels of the last 20 bars', () => {
  it('one support at 95 and one resistance at 105.05, three touches each', () => {
    expect(findLevels(history)).toEqual({
      supports: [{ price: 95, touches: 3, lastTouch: 12 }],
      resistances: [{ price: 105.05, touches: 3, lastTouch: 15 }],
    });
  });

  it('a minimum of 4 touches finds none; a zero tolerance splits the groups', () => {
    expect(findLevels(history, { minTouches: 4 })).toEqual({ supports: [], resistances: [] });
    // Only the two lows of exactly 95 remain together.
    expect(findLevels(history, { tolerance: 0 })).toEqual({ supports: [{ price: 95, touches: 2, lastTouch: 12 }], resistances: [] });
  });

  it('a flat top over several bars is one touch, not several', () => {
    // Highs 100, 104, 104, 104, 101, 104, 100: swing highs at bar 1 (104 > 100, ≥ 104) and bar 5 → 2 touches.
    const bars = [100, 104, 104, 104, 101, 104, 100].map((h, i) => candle(i, h - 3, h));
    expect(findLevels(bars).resistances).toEqual([{ price: 104, touches: 2, lastTouch: 5 }]);
  });

  it('looks only at the last `lookback` bars', () => {
    // The last 8 bars (12–19) hold only one swing low at 95 and one swing high: no level.
    expect(findLevels(history, { lookback: 8 })).toEqual({ supports: [], resistances: [] });
  });
});

describe('signals against those levels', () => {
  const levels = findLevels(history);

  it('BUY when bar 20 dips into the 95 zone and closes above it', () => {
    // low 95.05 ≤ 95·1.001 = 95.095 and close 96.2 > 95 → BUY; 3 touches → confidence 0.75 (STRONG_BUY);
    // stop just below the zone: 95·0.999 = 94.905; target: the resistance above, 105.05.
    const signal = levelSignal(candle(20, 95.05, 97, 96.2), levels);
    expect(signal).toMatchObject({ action: 'BUY', confidence: 0.75, time: 20, price: 96.2, target: 105.05 });
    expect(signal?.stopLoss).toBeCloseTo(94.905, 10);
    expect(signalType(signal)).toBe('STRONG_BUY');
  });

  it('SELL when a bar reaches the 105.05 zone and closes below it', () => {
    // high 105.1 ≥ 105.05·0.999 = 104.945, close 104 < 105.05 → SELL; stop 105.05·1.001 = 105.155; target 95.
    const signal = levelSignal(candle(20, 103, 105.1, 104), levels);
    expect(signal).toMatchObject({ action: 'SELL', confidence: 0.75, target: 95 });
    expect(signal?.stopLoss).toBeCloseTo(105.15505, 10);
  });

  it('no signal on a breakout close, a bar that never reaches a zone, or one that spans both', () => {
    expect(levelSignal(candle(20, 104, 106, 105.8), levels)).toBeNull(); // closes above resistance
    expect(levelSignal(candle(20, 94, 96, 94.5), levels)).toBeNull(); // closes below support
    expect(levelSignal(candle(20, 96, 104, 100), levels)).toBeNull(); // 96 > 95.095, 104 < 104.945
    expect(levelSignal(candle(20, 94.9, 105.2, 100), levels)).toBeNull(); // touches both: ambiguous
  });

  it('the running form signals each bar against the bars before it, then slides its window', () => {
    const running = createSupportResistance();
    const signals = history.map((b) => running.push(b));
    // Bar 12 (low 95, close 96.5): the lows of bars 0–11 give 95 and 95.05 (bar 11's 97 stands
    // alone) → support 95, 2 touches → BUY at 0.5.
    // Bar 15 (high 104.95, close 103.475): the highs of bars 0–14 give 105 and 105.05 (bar 14's 103
    // alone) → resistance 105.05, 2 touches; 104.95 ≥ 104.945 → SELL at 0.5.
    expect(signals.map((s, i) => (s ? `${i} ${s.action} ${s.confidence}` : null)).filter(Boolean)).toEqual(['12 BUY 0.5', '15 SELL 0.5']);
    const next = candle(20, 95.05, 97, 96.2);
    expect(running.update(next)).toEqual(levelSignal(next, levels));
    expect(running.push(next)?.action).toBe('BUY');
    // Now the window is bars 1–20: bar 0's 95 has left, bar 20's own 95.05 has come in (bar 19's 96
    // is no longer a swing low: 95.05 follows it) → still 3 touches, the last at bar 20.
    expect(findLevels([...history.slice(1), next]).supports).toEqual([{ price: 95, touches: 3, lastTouch: 20 }]);
  });
});
