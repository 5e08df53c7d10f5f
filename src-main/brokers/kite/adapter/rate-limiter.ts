/**
 * Client-side order rate limit (Kite: 10 orders/s and 200/min; beyond that HTTP 429).
 * A sliding log of send times: `acquire` resolves when one more request fits both
 * windows. Waiting here is cheaper than a 429, and a 429 still handled (kite-rest.ts).
 */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

export const KITE_ORDER_WINDOWS: readonly RateWindow[] = [
  { limit: 10, windowMs: 1_000 },
  { limit: 200, windowMs: 60_000 },
];

export class RateLimiter {
  readonly #sent: number[] = [];
  #queue: Promise<void> = Promise.resolve();
  readonly #longest: number;

  constructor(
    private readonly windows: readonly RateWindow[] = KITE_ORDER_WINDOWS,
    private readonly now: () => number = Date.now,
  ) {
    this.#longest = Math.max(0, ...windows.map((w) => w.windowMs));
  }

  /** Resolves when a request may go; callers are served in order. */
  acquire(): Promise<void> {
    const turn = this.#queue.then(() => this.#wait());
    this.#queue = turn;
    return turn;
  }

  /** How long until one more request fits (0: now). */
  delayMs(): number {
    const now = this.now();
    while (this.#sent.length > 0 && now - (this.#sent[0] ?? now) >= this.#longest) this.#sent.shift();
    let delay = 0;
    for (const w of this.windows) {
      const inWindow = this.#sent.filter((t) => now - t < w.windowMs);
      if (inWindow.length >= w.limit) {
        const oldest = inWindow[inWindow.length - w.limit] ?? now;
        delay = Math.max(delay, oldest + w.windowMs - now);
      }
    }
    return delay;
  }

  async #wait(): Promise<void> {
    for (let d = this.delayMs(); d > 0; d = this.delayMs()) await new Promise((r) => setTimeout(r, d));
    this.#sent.push(this.now());
  }
}
