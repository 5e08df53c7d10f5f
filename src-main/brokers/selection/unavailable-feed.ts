/**
 * The feed shown when a real broker's feed was chosen but cannot run (no account,
 * store locked): no instruments, no ticks, and a health line that says why — never
 * the simulated market passed off as the real one.
 */
import type { Instrument } from '../../../src-shared/domain/instrument';
import type { Feed, FeedStatus, TickBatch } from '../../market/feed-port';

export class UnavailableFeed implements Feed {
  readonly simulated = false;
  readonly persist = false;
  readonly #status: FeedStatus;

  constructor(
    readonly name: string,
    reason: string,
  ) {
    this.#status = { connected: false, error: reason };
  }

  async connect(): Promise<void> {}
  async disconnect(): Promise<void> {}
  instruments(): readonly Instrument[] {
    return [];
  }
  subscribe(): void {}
  unsubscribe(): void {}
  onBatch(_listener: (batch: TickBatch) => void): () => void {
    return () => {};
  }
  status(): FeedStatus {
    return this.#status;
  }
  onStatus(_listener: (status: FeedStatus) => void): () => void {
    return () => {};
  }
  now(): number {
    return Date.now();
  }
}
