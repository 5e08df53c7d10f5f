/**
 * The windowed indicators keep running sums instead of re-scanning their
 * window. After 200,000 bars (half a year of 1-minute NIFTY bars, in paise)
 * the sums must still agree with a fresh computation of the last windows.
 */
import { describe, expect, it } from 'vitest';
import { randomBars } from '../testing/random-bars';
import { seededRandom } from '../testing/seeded-random';
import { naivePopulationStdev, naiveSma } from '../testing/naive-indicators';
import { bollinger, sma } from './index';

describe('no drift over a long series', () => {
  const bars = randomBars(seededRandom(2026), 200_000);
  const tail = bars.slice(-80).map((b) => b.close);
  const level = Math.max(...tail);

  it('SMA(20) equals a fresh sum of its window', () => {
    const expected = naiveSma(tail, 20).slice(-50);
    const actual = sma(bars, 20).slice(-50);
    actual.forEach((v, i) => expect(Math.abs((v as number) - (expected[i] as number))).toBeLessThanOrEqual(level * 1e-12));
  });

  it('Bollinger(20) deviation equals a two-pass deviation of its window', () => {
    const sd = naivePopulationStdev(tail, 20).slice(-50);
    const mean = naiveSma(tail, 20).slice(-50);
    bollinger(bars).slice(-50).forEach((v, i) => {
      const width = ((v?.upper as number) - (v?.lower as number)) / 4;
      expect(Math.abs(width - (sd[i] as number))).toBeLessThanOrEqual(level * 1e-10);
      expect(Math.abs((v?.middle as number) - (mean[i] as number))).toBeLessThanOrEqual(level * 1e-12);
    });
  });
});
