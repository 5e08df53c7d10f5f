/**
 * Seeded randomness for the property tests in src-shared (which cannot import
 * the core's test kit). mulberry32: tiny, fast and reproducible, so a failing
 * case is named by its seed and replays exactly.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const randomInt = (random: Random, n: number): number => Math.floor(random() * n);
export const randomBetween = (random: Random, lo: number, hi: number): number => lo + (hi - lo) * random();
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[randomInt(random, items.length)] as T;
}
