/**
 * Order calls per rolling second, waited for rather than refused: the OMS already
 * paces slices, but a modify storm or a square-off can still burst, and Kotak answers
 * a burst with 429s (orders refused, the trader surprised). Calls are released in
 * arrival order. A small margin over the second absorbs network jitter between our
 * clock and the venue's.
 */
export class RateLimiter {
  readonly #sent: number[] = [];
  #chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly clock: () => number = Date.now,
    private readonly windowMs = 1_050,
  ) {
    if (!Number.isInteger(perSecond) || perSecond <= 0) throw new RangeError('orders per second must be a positive integer');
  }

  /** Resolves when one more call may go out (and counts it). */
  take(): Promise<void> {
    const turn = this.#chain.then(() => this.#wait());
    this.#chain = turn.catch(() => undefined);
    return turn;
  }

  async #wait(): Promise<void> {
    for (;;) {
      const now = this.clock();
      while (this.#sent.length > 0 && (this.#sent[0] as number) <= now - this.windowMs) this.#sent.shift();
      if (this.#sent.length < this.perSecond) {
        this.#sent.push(now);
        return;
      }
      const wait = (this.#sent[0] as number) + this.windowMs - now;
      await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 1)));
    }
  }
}
