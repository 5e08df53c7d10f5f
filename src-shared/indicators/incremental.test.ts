/**
 * The live-chart contract: `update` previews the forming bar and commits
 * nothing, `push` commits. Over seeded random series with 0–3 forming ticks
 * per bar, every preview and every push must equal — exactly, not nearly —
 * the batch value of the same bars, so history loaded in batch and bars seen
 * live never disagree on screen.
 */
import { describe, expect, it } from 'vitest';
import { formingVersions, randomBars } from '../testing/random-bars';
import { difference } from '../testing/same-value';
import { randomInt, seededRandom } from '../testing/seeded-random';
import type { Bar } from './bar';
import type { Indicator } from './indicator';
import {
  createAtr,
  createBollinger,
  createEma,
  createHeikinAshi,
  createMacd,
  createRsi,
  createSma,
  createSupertrend,
  createVwap,
  runBatch,
} from './index';

const FACTORIES: [string, () => Indicator<unknown>][] = [
  ['SMA(20)', () => createSma(20)],
  ['SMA(1) of hl2', () => createSma(1, 'hl2')],
  ['EMA(9)', () => createEma(9)],
  ['EMA(21) of ohlc4', () => createEma(21, 'ohlc4')],
  ['Bollinger(20, 2)', () => createBollinger()],
  ['RSI(14)', () => createRsi()],
  ['MACD(12, 26, 9)', () => createMacd()],
  ['ATR(14)', () => createAtr()],
  ['Supertrend(10, 3)', () => createSupertrend()],
  ['Supertrend(3, 1)', () => createSupertrend({ period: 3, multiplier: 1 })],
  ['VWAP', () => createVwap()],
  ['Heikin-Ashi', () => createHeikinAshi()],
];

const SEEDS = Array.from({ length: 25 }, (_, i) => 101 + i);

describe.each(FACTORIES)('%s: incremental = batch', (_name, make) => {
  it('over update-then-close sequences', () => {
    const problems: string[] = [];
    const check = (what: string, actual: unknown, expected: unknown) => {
      const d = difference(actual, expected);
      if (d && problems.length < 5) problems.push(`${what}: ${d}`);
    };
    let previews = 0;
    for (const seed of SEEDS) {
      const random = seededRandom(seed);
      const bars = randomBars(random, 200);
      const batch = runBatch(make(), bars);
      const live = make();
      for (let i = 0; i < bars.length; i++) {
        const final = bars[i] as Bar;
        for (const forming of formingVersions(random, final, randomInt(random, 4))) {
          const preview = live.update(forming);
          previews++;
          // Re-running the prefix is O(n) per check; sample to keep the suite fast.
          if (random() < 0.06) check(`seed ${seed} forming bar ${i}`, preview, runBatch(make(), [...bars.slice(0, i), forming])[i]);
        }
        if (live.length !== i) problems.push(`seed ${seed}: length ${live.length} before bar ${i}`);
        check(`seed ${seed} preview of bar ${i}`, live.update(final), batch[i]);
        check(`seed ${seed} push of bar ${i}`, live.push(final), batch[i]);
      }
      if (live.length !== bars.length) problems.push(`seed ${seed}: length ${live.length} at the end`);
    }
    expect(problems).toEqual([]);
    expect(previews).toBeGreaterThan(SEEDS.length * 200);
  });

  it('previews before any bar is committed, and a preview leaves no trace', () => {
    const random = seededRandom(7);
    const bars = randomBars(random, 60);
    const withNoise = make();
    const clean = make();
    for (const bar of bars) {
      // A burst of unrelated previews (even a wild bar) must not move the state.
      withNoise.update({ ...bar, close: bar.close * 3, high: bar.high * 3, volume: 1e9 });
      withNoise.update(bar);
      expect(withNoise.push(bar)).toEqual(clean.push(bar));
    }
  });
});
