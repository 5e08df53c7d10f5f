/**
 * The market service's state, in one object its parts share (start and stop, the
 * periodic pushes, the subscription planner), so no part is a long closure and each
 * reads what it needs by name. Built once per service by createMarketService.
 */
import type { Instrument } from '../../../src-shared/domain/instrument';
import type { FeedHealth } from '../../../src-shared/market/feed-health';
import { createNseCalendar, type NseCalendar } from '../../../src-shared/market/nse-session';
import type { Quote } from '../../../src-shared/market/quote';
import type { FeedWireProblems } from '../../../src-shared/market/wire-problems';
import type { DatabaseService } from '../../db/service';
import type { Logger } from '../../log';
import { DisposableStore } from '../../util/disposable-store';
import type { Feed, FeedSource } from '../feed-port';
import type { TickWriter, TickWriterOptions } from '../ingest/tick-writer';
import type { CandleStore } from './candle-store';
import type { IngestPipeline } from './ingest-pipeline';
import { idleHealth } from './market-health';
import { DEFAULT_MARKET_SETTINGS, type CandleKey, type CandleUpdate, type MarketSettings } from './market-service';
import type { SubscriptionSources } from './subscription-policy';

export interface MarketServiceOptions {
  db: DatabaseService;
  dataDir: string;
  settings?: Partial<MarketSettings>;
  log: Logger;
  /** Opens the feed at each start: the adapter the composition root chose (brokers/selection/feed-factory.ts). */
  feed: FeedSource;
  /**
   * Benchmarks: each delivered batch's credit goes back to the feed (acknowledge) once the
   * writer keeps up, so a feed that waits for credit runs as fast as the writer takes.
   */
  flowControl?: boolean;
  /** Writer tuning (tests, benchmarks). */
  writer?: Partial<Pick<TickWriterOptions, 'flushRows' | 'flushMs' | 'maxTransactionRows' | 'maxBacklogRows' | 'retryMs'>>;
  /** Push intervals; defaults 16 ms and 1 s. */
  frameMs?: number;
  healthMs?: number;
  /**
   * A broker's (non-simulated) feed: how often the subscriptions are re-read to pick up
   * positions and orders (default 5 s), and how many tokens it takes (default: the feed's
   * own `capacity` if it has one, else Kite's 9,000 per API key).
   */
  subscriptionRefreshMs?: number;
  subscriptionCapacity?: number;
}

/** What the subscription planner keeps between refreshes. */
export interface SubscriptionState {
  /** What the feed streams now (a broker's feed; a simulated one gets its whole universe once). */
  subscribed: Set<number>;
  /** The last sources read from the database: kept while it is away, so nothing is dropped then. */
  lastSources: Omit<SubscriptionSources, 'interest'>;
  /** The health line's standing note when more is followed than the feed streams. */
  note: string | null;
  /** Refreshes run one at a time; callers arriving while one waits to start share it. */
  chain: Promise<void>;
  queued: Promise<void> | null;
}

export interface MarketContext {
  readonly options: MarketServiceOptions;
  readonly settings: MarketSettings;
  readonly log: Logger;
  readonly quoteListeners: Set<(quotes: Quote[]) => void>;
  readonly candleListeners: Set<(candles: CandleUpdate[]) => void>;
  readonly healthListeners: Set<(health: FeedHealth) => void>;
  /** Listener registrations on the running parts (feed batches, writer commits), undone at stop. */
  readonly teardown: DisposableStore;
  /** The push and housekeeping intervals, cleared first at stop. */
  readonly timers: DisposableStore;
  started: boolean;
  calendar: NseCalendar;
  instruments: Map<number, Instrument>;
  feed: Feed | null;
  writer: TickWriter | null;
  store: CandleStore | null;
  pipeline: IngestPipeline | null;
  health: FeedHealth;
  /** performance.now() of the previous health line (ticks/s over the real interval). */
  healthAt: number;
  /** The wire totals of the previous health line: a rise is logged once per line, never per frame. */
  lastWire: FeedWireProblems | null;
  /** Flow control: batches delivered whose credit has not gone back to the feed yet. */
  heldAcks: number;
  /** Interest set before start (or kept across a restart of the service). */
  pendingInterest: CandleKey[];
  readonly subscriptions: SubscriptionState;
}

export function createMarketContext(options: MarketServiceOptions): MarketContext {
  const settings: MarketSettings = { ...DEFAULT_MARKET_SETTINGS, ...options.settings };
  const calendar = createNseCalendar();
  return {
    options,
    settings,
    log: options.log,
    quoteListeners: new Set(),
    candleListeners: new Set(),
    healthListeners: new Set(),
    teardown: new DisposableStore(),
    timers: new DisposableStore(),
    started: false,
    calendar,
    instruments: new Map(),
    feed: null,
    writer: null,
    store: null,
    pipeline: null,
    health: idleHealth(settings, calendar),
    healthAt: performance.now(),
    lastWire: null,
    heldAcks: 0,
    pendingInterest: [],
    subscriptions: { subscribed: new Set(), lastSources: { watchlist: [], positions: [], orders: [] }, note: null, chain: Promise.resolve(), queued: null },
  };
}

/** Tells every listener; one that throws is logged and the others still hear. */
export function emitTo<T>(ctx: MarketContext, listeners: Set<(value: T) => void>, value: T): void {
  for (const listener of listeners) {
    try {
      listener(value);
    } catch (error) {
      ctx.log.warn('a market data listener failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }
}

/** Adds a listener; the function returned removes it. */
export function listen<T>(listeners: Set<(value: T) => void>, listener: (value: T) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
