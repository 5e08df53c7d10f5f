/**
 * A broker feed that could not open at start-up (secret store locked, account not
 * saved yet) and tries again when credentials may have become readable: the store
 * unlocked, an account saved, a login completed (LoginHooks.onAccessChanged). Until
 * then it is what UnavailableFeed is — no ticks and a health line that says why —
 * and afterwards it hands the real feed's batches and status through, so the trader
 * does not have to restart after unlocking in Settings.
 *
 * The universe offered while waiting is the broker's master as the database holds it
 * (the last drill; read again after each drill through reloadInstruments); the real
 * feed then streams what the market asked for.
 */
import type { Instrument } from '../../../src-shared/domain/instrument';
import type { FeedWireProblems } from '../../../src-shared/market/wire-problems';
import type { Logger } from '../../log';
import type { Feed, FeedStatus, TickBatch } from '../../market/feed-port';
import { FeedListeners } from '../../market/feed-listeners';
import { UnavailableFeed } from './unavailable-feed';
import { DisposableStore } from '../../util/disposable-store';

export interface RetryingFeedOptions {
  name: string;
  /** Why the real feed could not open (shown on the health line until it does). */
  reason: string;
  /** Opens the real feed; answering an UnavailableFeed or RetryingFeed means "not yet" (its status says why). */
  open: () => Promise<Feed>;
  /** The signal to try again on; returns its unsubscribe. */
  retryOn: (listener: () => void) => () => void;
  /** The universe while waiting (the stored master); none when absent or it fails. */
  loadInstruments?: () => Promise<readonly Instrument[]>;
  log?: Logger;
}

export class RetryingFeed implements Feed {
  readonly simulated = false;
  // The real feed's ticks are stored; the market decides that once, at connect.
  readonly persist = true;
  readonly #listeners = new FeedListeners();
  readonly onBatch: (listener: (batch: TickBatch) => void) => () => void = this.#listeners.onBatch;
  readonly onStatus: (listener: (status: FeedStatus) => void) => () => void = this.#listeners.onStatus;
  readonly status: () => FeedStatus = this.#listeners.status;
  readonly #o: RetryingFeedOptions;
  readonly #subscribed = new Set<number>();
  readonly #off = new DisposableStore();
  #instruments: readonly Instrument[] = [];
  #inner: Feed | null = null;
  #active = false;
  #attempt: Promise<void> | null = null;
  #again = false;

  constructor(options: RetryingFeedOptions) {
    this.#o = options;
    this.#listeners.setStatus({ connected: false, error: options.reason });
  }

  get name(): string {
    return this.#o.name;
  }

  /** The real feed's, once it runs (the market sizes its subscriptions by it). */
  get capacity(): number | undefined {
    return this.#inner?.capacity;
  }

  /** Whether the real feed runs behind this one. */
  get opened(): boolean {
    return this.#inner !== null;
  }

  async connect(): Promise<void> {
    this.#active = true;
    if (this.#o.loadInstruments) {
      try {
        this.#instruments = await this.#o.loadInstruments();
      } catch (error) {
        this.#o.log?.warn('the stored instrument master could not be read; the feed waits with none', { feed: this.name, error: messageOf(error) });
      }
    }
    this.#off.add(this.#o.retryOn(() => void this.retry()));
  }

  async disconnect(): Promise<void> {
    this.#active = false;
    this.#off.dispose();
    await this.#attempt;
    const inner = this.#inner;
    this.#inner = null;
    await inner?.disconnect();
  }

  /** The real feed's, once it runs; before that the stored master read again. */
  async reloadInstruments(): Promise<void> {
    if (this.#inner) return this.#inner.reloadInstruments?.();
    if (this.#o.loadInstruments) this.#instruments = await this.#o.loadInstruments();
  }

  /** The real feed's counts, once it runs. */
  wireProblems(): FeedWireProblems | null {
    return this.#inner?.wireProblems?.() ?? null;
  }

  instruments(): readonly Instrument[] {
    return this.#inner?.instruments() ?? this.#instruments;
  }

  subscribe(tokens: readonly number[]): void {
    for (const token of tokens) this.#subscribed.add(token);
    this.#inner?.subscribe(tokens);
  }

  unsubscribe(tokens: readonly number[]): void {
    for (const token of tokens) this.#subscribed.delete(token);
    this.#inner?.unsubscribe(tokens);
  }

  now(): number {
    return this.#inner?.now() ?? Date.now();
  }

  /** Tries to open the real feed now; a signal during an attempt queues one more. Never throws. */
  retry(): Promise<void> {
    if (!this.#active || this.#inner) return Promise.resolve();
    if (this.#attempt) {
      this.#again = true;
      return this.#attempt;
    }
    this.#attempt = this.#tryOpen().finally(() => {
      this.#attempt = null;
      if (this.#again) {
        this.#again = false;
        void this.retry();
      }
    });
    return this.#attempt;
  }

  async #tryOpen(): Promise<void> {
    let feed: Feed;
    try {
      feed = await this.#o.open();
    } catch (error) {
      this.#listeners.setStatus({ connected: false, error: messageOf(error) });
      return;
    }
    if (feed instanceof RetryingFeed || feed instanceof UnavailableFeed) {
      // Still not readable: never connected, so it holds nothing to release.
      this.#listeners.setStatus({ connected: false, error: feed.status().error });
      return;
    }
    try {
      await feed.connect();
    } catch (error) {
      await feed.disconnect().catch(() => undefined);
      this.#listeners.setStatus({ connected: false, error: messageOf(error) });
      return;
    }
    if (!this.#active) {
      await feed.disconnect();
      return;
    }
    this.#inner = feed;
    this.#off.add(feed.onBatch((batch) => this.#listeners.emitBatch(batch)));
    this.#off.add(feed.onStatus((status) => this.#listeners.setStatus(status)));
    if (this.#subscribed.size > 0) feed.subscribe([...this.#subscribed]);
    this.#listeners.setStatus(feed.status());
    this.#o.log?.info('the broker feed opened after its credentials became readable', { feed: this.name, following: this.#subscribed.size });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
