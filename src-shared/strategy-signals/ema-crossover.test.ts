/** EMA crossover on hand-made candles; every EMA and ATR value is worked out in the comments. */
import { describe, expect, it } from 'vitest';
import type { Bar } from '../indicators/bar';
import { formingVersions, randomBars } from '../testing/random-bars';
import { difference } from '../testing/same-value';
import { seededRandom } from '../testing/seeded-random';
import { createEmaCrossover, crossing, emaCrossoverSignals, signalType } from './index';

const candle = (i: number, low: number, high: number, close: number): Bar => ({ time: i * 60_000, open: close, high, low, close, volume: 100 });

describe('crossing rule', () => {
  it('fires when the side flips past the last non-zero side; the first side is no signal', () => {
    expect(crossing(0, 101, 100)).toEqual({ side: 1, crossed: false });
    expect(crossing(1, 99, 100)).toEqual({ side: -1, crossed: true });
    expect(crossing(-1, 101, 100)).toEqual({ side: 1, crossed: true });
    expect(crossing(1, 102, 100)).toEqual({ side: 1, crossed: false });
  });

  it('a touch (fast = slow) keeps the last side: touch-and-back is no cross, touch-and-through is one', () => {
    expect(crossing(1, 100, 100)).toEqual({ side: 1, crossed: false });
    expect(crossing(1, 100.5, 100)).toEqual({ side: 1, crossed: false });
    expect(crossing(1, 99.5, 100)).toEqual({ side: -1, crossed: true });
  });
});

describe('EMA crossover 9/21 on hand-made candles', () => {
  // Bars 0–20: close 100, high 101, low 99. True range 2 on every bar → ATR(14) = 2;
  // EMA(9) (seeded at bar 8) and EMA(21) (seeded at bar 20) are both exactly 100: side 0.
  const flat = Array.from({ length: 21 }, (_, i) => candle(i, 99, 101, 100));
  const bars = [
    ...flat,
    // Bar 21: close 99 (TR max(2, |100−100|, |98−100|) = 2, ATR 2).
    //   fast = 100 + 0.2·(99 − 100) = 99.8; slow = 100 + (99 − 100)/11 = 99.90909 → side −1, the first side: no signal.
    candle(21, 98, 100, 99),
    // Bar 22: close 100.5 (TR 2, ATR 2). fast = 99.8 + 0.2·0.7 = 99.94;
    //   slow = (10·99.90909 + 100.5)/11 = 99.96281 → fast still below: no signal.
    candle(22, 99, 101, 100.5),
    // Bar 23: close 101, range 100–101.5: TR max(1.5, |101.5 − 100.5|, |100 − 100.5|) = 1.5,
    //   ATR = (2·13 + 1.5)/14 = 1.964286. fast = 99.94 + 0.2·(101 − 99.94) = 100.152;
    //   slow = (10·99.96281 + 101)/11 = 100.05710 → fast above: BUY.
    //   confidence = (101 − 100.05710)/1.964286 = 0.48002.
    candle(23, 100, 101.5, 101),
    // Bar 24: close 97, range 96.5–101: TR max(4.5, 0, 4.5) = 4.5, ATR = (1.964286·13 + 4.5)/14 = 2.145408.
    //   fast = 100.152 + 0.2·(97 − 100.152) = 99.5216; slow = (10·100.05710 + 97)/11 = 99.77918 → SELL.
    //   confidence = min(1, (99.77918 − 97)/2.145408 = 1.2954) = 1.
    candle(24, 96.5, 101, 97),
    // Bar 25: close 96: fast 99.5216 − 0.2·3.5216 = 98.81728 < slow 99.43562: same side, no signal.
    candle(25, 95.5, 97.5, 96),
  ];
  const out = emaCrossoverSignals(bars);

  it('no signal while the EMAs warm up, while level, or on the first side', () => {
    expect(out.slice(0, 23).every((s) => s === null)).toBe(true);
  });

  it('BUY on bar 23 with confidence 0.48 (a BUY, not a STRONG_BUY)', () => {
    const buy = out[23];
    expect(buy?.action).toBe('BUY');
    expect(buy?.fast).toBeCloseTo(100.152, 10);
    expect(buy?.slow).toBeCloseTo(133176 / 1331, 10);
    expect(buy?.confidence).toBeCloseTo((101 - 133176 / 1331) / (27.5 / 14), 10);
    expect(buy?.confidence).toBeCloseTo(0.48, 3);
    expect([buy?.time, buy?.price, buy?.stopLoss, buy?.target]).toEqual([23 * 60_000, 101, null, null]);
    expect(signalType(buy ?? null)).toBe('BUY');
  });

  it('SELL on bar 24 with confidence 1 (STRONG_SELL), then nothing on bar 25', () => {
    expect(out[24]?.action).toBe('SELL');
    expect(out[24]?.confidence).toBe(1);
    expect(signalType(out[24] ?? null)).toBe('STRONG_SELL');
    expect(out[25]).toBeNull();
    expect(signalType(null)).toBe('HOLD');
  });

  it('previewing the forming bar gives the same signal, and commits nothing', () => {
    const random = seededRandom(3);
    const many = randomBars(random, 600);
    const batch = emaCrossoverSignals(many);
    expect(batch.filter((s) => s !== null).length).toBeGreaterThan(5);
    const live = createEmaCrossover();
    const problems: string[] = [];
    many.forEach((bar, i) => {
      for (const forming of formingVersions(random, bar, 2)) live.update(forming);
      const d = difference(live.update(bar), batch[i]) ?? difference(live.push(bar), batch[i]);
      if (d) problems.push(`bar ${i}: ${d}`);
    });
    expect(problems).toEqual([]);
  });

  it('refuses a fast period that is not shorter than the slow one', () => {
    expect(() => createEmaCrossover({ fast: 21, slow: 9 })).toThrow(RangeError);
  });
});
