/**
 * The listener plumbing every Feed repeats: batch and status listeners, the
 * current status, and the order they are told in. A feed keeps one
 * FeedListeners and hands out its bound onBatch / status / onStatus as its own.
 */
import type { FeedStatus, TickBatch } from './feed-port';

/** A set of listeners for one kind of value; `add` is bound, so it can be handed out as is. */
export class Listeners<T> {
  readonly #set = new Set<(value: T) => void>();

  /** Adds a listener; the function returned removes it. */
  readonly add = (listener: (value: T) => void): (() => void) => {
    this.#set.add(listener);
    return () => this.#set.delete(listener);
  };

  emit(value: T): void {
    for (const listener of this.#set) listener(value);
  }
}

export class FeedListeners {
  readonly #batches = new Listeners<TickBatch>();
  readonly #statuses = new Listeners<FeedStatus>();
  #status: FeedStatus = { connected: false, error: null };

  /** Feed.onBatch, bound. */
  readonly onBatch = this.#batches.add;
  /** Feed.onStatus, bound. */
  readonly onStatus = this.#statuses.add;
  /** Feed.status, bound. */
  readonly status = (): FeedStatus => this.#status;

  emitBatch(batch: TickBatch): void {
    this.#batches.emit(batch);
  }

  /** Makes `status` the current one and tells every status listener. */
  setStatus(status: FeedStatus): void {
    this.#status = status;
    this.#statuses.emit(status);
  }
}
