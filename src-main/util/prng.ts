/**
 * mulberry32: a 32-bit seeded PRNG, tiny and fast, good enough for simulated
 * prices (period 2^32; not for anything secret). Same seed ⇒ same sequence on
 * every machine, which is what makes the simulated feed reproducible.
 */
export type Random = () => number;

/** Uniform in [0, 1). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Approximately standard normal (Irwin–Hall with 4 uniforms, rescaled to unit
 * variance): no log/trig, bounded at ±3.46, which also keeps a simulated price
 * from taking a wild jump.
 */
export function normalish(random: Random): number {
  return (random() + random() + random() + random() - 2) * 1.7320508075688772;
}
