/**
 * A Feed for tests, never wired into the app: it records what it is asked (connects,
 * subscriptions, reloads), lets the test push batches and status through `listeners`,
 * and reports whatever wire totals the test sets. One fake instead of one per test file.
 */
import type { Instrument } from '../../../src-shared/domain/instrument';
import { noWireProblems, type FeedWireProblems } from '../../../src-shared/market/wire-problems';
import type { Feed } from '../../market/feed-port';
import { FeedListeners } from '../../market/feed-listeners';

export interface RecordingFeedOptions {
  name?: string;
  simulated?: boolean;
  instruments?: readonly Instrument[];
  /** Instruments a broker's feed can stream at once; absent = the market's default. */
  capacity?: number;
  now?: () => number;
}

export class RecordingFeed implements Feed {
  readonly name: string;
  readonly simulated: boolean;
  readonly persist = false;
  readonly capacity: number | undefined;
  readonly listeners = new FeedListeners();
  readonly onBatch = this.listeners.onBatch;
  readonly onStatus = this.listeners.onStatus;
  readonly status = this.listeners.status;
  /** Tokens subscribed now. */
  readonly tokens = new Set<number>();
  /** Every subscribe / unsubscribe, in order. */
  readonly calls: Array<{ op: 'subscribe' | 'unsubscribe'; tokens: number[] }> = [];
  /** What wireProblems() answers. */
  wire: FeedWireProblems = noWireProblems();
  connected = 0;
  disconnected = 0;
  reloads = 0;
  readonly #instruments: readonly Instrument[];
  readonly #now: () => number;

  constructor(options: RecordingFeedOptions = {}) {
    this.simulated = options.simulated ?? false;
    this.name = options.name ?? (this.simulated ? 'simulated' : 'kite');
    this.capacity = options.capacity;
    this.#instruments = options.instruments ?? [];
    this.#now = options.now ?? Date.now;
  }

  /** The tokens of each subscribe call, in order. */
  get subscribed(): number[][] {
    return this.calls.filter((c) => c.op === 'subscribe').map((c) => c.tokens);
  }

  async connect(): Promise<void> {
    this.connected += 1;
    this.listeners.setStatus({ connected: true, error: null });
  }

  async disconnect(): Promise<void> {
    this.disconnected += 1;
  }

  instruments(): readonly Instrument[] {
    return this.#instruments;
  }

  subscribe(tokens: readonly number[]): void {
    this.calls.push({ op: 'subscribe', tokens: [...tokens] });
    for (const token of tokens) this.tokens.add(token);
  }

  unsubscribe(tokens: readonly number[]): void {
    this.calls.push({ op: 'unsubscribe', tokens: [...tokens] });
    for (const token of tokens) this.tokens.delete(token);
  }

  now(): number {
    return this.#now();
  }

  wireProblems(): FeedWireProblems {
    return { ...this.wire };
  }

  async reloadInstruments(): Promise<void> {
    this.reloads += 1;
  }
}
