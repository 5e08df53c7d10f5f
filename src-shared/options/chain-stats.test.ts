import { describe, expect, it } from 'vitest';
import { randomInt, seededRandom } from '../testing/seeded-random';
import { maxPain, putCallRatio, type ChainStrike } from './index';

const row = (strike: number, callOi: number, putOi: number, callVolume = 0, putVolume = 0): ChainStrike => ({
  strike,
  call: { oi: callOi, volume: callVolume },
  put: { oi: putOi, volume: putVolume },
});

describe('put–call ratio', () => {
  it('by OI and by volume, summed over the chain', () => {
    // puts OI 300 + 500 = 800, calls OI 400 + 100 = 500 → 1.6; volume 90 / 60 = 1.5
    const pcr = putCallRatio([row(100, 400, 300, 50, 40), row(110, 100, 500, 10, 50)]);
    expect(pcr).toEqual({ byOi: 1.6, byVolume: 1.5 });
  });

  it('null where no call has OI or volume; one-sided rows count', () => {
    expect(putCallRatio([{ strike: 100, call: null, put: { oi: 10, volume: 5 } }])).toEqual({ byOi: null, byVolume: null });
    expect(putCallRatio([])).toEqual({ byOi: null, byVolume: null });
  });

  it('refuses OI that is not a whole number of units', () => {
    expect(() => putCallRatio([row(100, 1.5, 0)])).toThrow(RangeError);
    expect(() => putCallRatio([row(100, -1, 0)])).toThrow(RangeError);
  });
});

/** The definition, strike by strike: O(n²). */
function naivePayout(chain: readonly ChainStrike[], settle: number): bigint {
  let total = 0n;
  for (const r of chain) {
    if (r.call && settle > r.strike) total += BigInt(r.call.oi) * BigInt(settle - r.strike);
    if (r.put && r.strike > settle) total += BigInt(r.put.oi) * BigInt(r.strike - settle);
  }
  return total;
}

describe('max pain', () => {
  it('a three-strike chain by hand', () => {
    // strikes ₹100, ₹110, ₹120 (in paise); call OI 100/200/300, put OI 300/200/100
    const chain = [row(10_000, 100, 300), row(11_000, 200, 200), row(12_000, 300, 100)];
    // settle 100: puts 110 → 200·1000 + puts 120 → 100·2000 = 400,000
    // settle 110: calls 100 → 100·1000; puts 120 → 100·1000 = 200,000
    // settle 120: calls 100 → 100·2000 + calls 110 → 200·1000 = 400,000
    expect(maxPain(chain)).toEqual({ strike: 11_000, writersPayoutPaise: 200_000n });
  });

  it('ties go to the lower strike', () => {
    // Symmetric chain: settling at 100 or at 110 costs writers the same (100·1000 each).
    const chain = [row(10_000, 0, 100), row(11_000, 100, 0)];
    expect(maxPain(chain)).toEqual({ strike: 10_000, writersPayoutPaise: 0n });
    const flat = [row(10_000, 0, 0), row(11_000, 0, 0), row(12_000, 0, 0)];
    expect(maxPain(flat)?.strike).toBe(10_000);
  });

  it('adds up rows with the same strike, in any order; null for an empty chain', () => {
    const split = [row(12_000, 300, 100), row(11_000, 150, 120), row(10_000, 100, 300), row(11_000, 50, 80)];
    expect(maxPain(split)).toEqual({ strike: 11_000, writersPayoutPaise: 200_000n });
    expect(maxPain([])).toBeNull();
  });

  it('stays exact where Σ OI × strike passes 2^53 paise (a NIFTY-sized chain)', () => {
    // 200 strikes around ₹25,000 with 3 crore units of OI each: Σ OI·K ≈ 1.5e16 paise.
    const chain = Array.from({ length: 200 }, (_, i) => row(2_000_000 + i * 5_000, 30_000_000 + i, 30_000_000 - i));
    const sum = chain.reduce((a, r) => a + BigInt(r.call?.oi ?? 0) * BigInt(r.strike), 0n);
    expect(sum > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    const result = maxPain(chain);
    expect(result?.writersPayoutPaise).toBe(naivePayout(chain, result?.strike as number));
    const all = chain.map((r) => naivePayout(chain, r.strike));
    expect(result?.writersPayoutPaise).toBe(all.reduce((a, b) => (b < a ? b : a)));
  });

  it('equals the O(n²) definition on random chains', () => {
    const random = seededRandom(42);
    for (let n = 0; n < 300; n++) {
      const size = 1 + randomInt(random, 40);
      const chain = Array.from({ length: size }, () => ({
        strike: 2_400_000 + randomInt(random, 60) * 5_000,
        call: random() < 0.9 ? { oi: randomInt(random, 5_000_000), volume: 0 } : null,
        put: random() < 0.9 ? { oi: randomInt(random, 5_000_000), volume: 0 } : null,
      }));
      const strikes = [...new Set(chain.map((r) => r.strike))].sort((a, b) => a - b);
      const payouts = strikes.map((s) => naivePayout(chain, s));
      const least = payouts.reduce((a, b) => (b < a ? b : a));
      const expected = strikes[payouts.indexOf(least)];
      expect(maxPain(chain)).toEqual({ strike: expected, writersPayoutPaise: least });
    }
  });
});
