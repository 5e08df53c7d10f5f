/**
 * The market data service as the rest of the core sees it (the contract's
 * market handlers, the event bus wiring in core.ts, the OMS and the paper broker
 * through oms/quote-source.ts). The contract's market calls and the renderer's
 * charts are built on it, so a change here is a change there. Built by
 * createMarketService() (market-service-impl.ts).
 *
 * History is NOT served here: closed candles are persisted promptly to the
 * `candles` table and ticks to `market_ticks`; read those with kysely. The
 * bar still forming lives only in memory and is given by liveCandle(), so a
 * chart = candles from the table (bucket < live bar's bucket) + liveCandle().
 */
import type { Instrument } from '../../../src-shared/domain/instrument';
import type { Candle } from '../../../src-shared/market/candle';
import type { FeedHealth } from '../../../src-shared/market/feed-health';
import type { Quote } from '../../../src-shared/market/quote';
import type { Timeframe } from '../../../src-shared/market/timeframe';

export type { FeedHealth, Quote };

/** A candle pushed to chart subscriptions (Candle already carries token and timeframe). */
export type CandleUpdate = Candle & { token: number; timeframe: Timeframe };

export interface CandleKey {
  token: number;
  timeframe: Timeframe;
}

export interface MarketService {
  /** Started after the database in core.ts (needs it for holidays and writing), stopped before it. */
  start(): Promise<void>;
  /** Stops the feed, flushes what is buffered (to the database, or to the journal if it is away). */
  stop(): Promise<void>;
  /** The universe of the active feed, by token. Empty before start(). */
  instruments(): ReadonlyMap<number, Instrument>;
  latestQuote(token: number): Quote | null;
  /** Coalesced: at most one call per ~16 ms, with the quotes that changed since the previous call. */
  onQuotes(listener: (quotes: Quote[]) => void): () => void;
  /** The bar still forming for a token and timeframe (not yet in `candles`), or null. */
  liveCandle(token: number, timeframe: Timeframe): Candle | null;
  /**
   * Coalesced like onQuotes: the live (and just-closed) candles that changed,
   * restricted to the keys given to setCandleInterest (all candles would be
   * 6 timeframes × every instrument).
   */
  onCandles(listener: (candles: CandleUpdate[]) => void): () => void;
  /** Replaces the set of (token, timeframe) pairs that onCandles reports (a broker's feed then streams those tokens too). */
  setCandleInterest(keys: CandleKey[]): void;
  /**
   * Re-reads what a broker's feed should stream (watchlist, open positions, working
   * orders, the charts) and subscribes/unsubscribes only the changes; resolves once
   * applied. Never rejects. A simulated feed streams its whole universe, so this does
   * nothing there. Also runs every few seconds. Optional: fakes may leave it out.
   */
  refreshSubscriptions?(): Promise<void>;
  /**
   * Re-reads the running broker feed's universe after the morning drill changed the
   * master (a new expiry's contracts), then its subscriptions. Never rejects; nothing to
   * do for a feed whose universe cannot change. Optional: fakes may leave it out.
   */
  reloadInstruments?(): Promise<void>;
  health(): FeedHealth;
  /** About once a second. */
  onHealth(listener: (health: FeedHealth) => void): () => void;
}

/** Which feed runs and how; every field optional in CoreConfig, defaults below. */
export interface MarketSettings {
  /** 'kite' / 'kotak': the broker's live feed (core.ts hands it in: it needs the broker account). */
  feed: 'simulated' | 'replay' | 'kite' | 'kotak';
  /** Seed of the simulated feed: the same seed makes the same market. */
  seed: number;
  /** Simulated ticks per second across all instruments. */
  ratePerSec: number;
  /** Keep the simulated feed running while NSE is closed (labelled SIMULATED either way). */
  simulateOutsideHours: boolean;
  /** replay: the IST day ('YYYY-MM-DD') whose stored ticks are replayed, and the speed (1–100). */
  replayDay: string | null;
  replaySpeed: number;
  /** Partitions prepared ahead of today, and kept behind it. */
  partitionDaysAhead: number;
  tickRetentionDays: number;
  depthRetentionDays: number;
  /** Copy expiring partitions to CSV under ${dataDir}/archive/ before dropping them. */
  archiveBeforeDrop: boolean;
  /** Upper bound of the on-disk journal used while PostgreSQL is away. */
  journalMaxBytes: number;
}

export const DEFAULT_MARKET_SETTINGS: MarketSettings = {
  feed: 'simulated',
  seed: 1,
  ratePerSec: 500,
  simulateOutsideHours: true,
  replayDay: null,
  replaySpeed: 1,
  partitionDaysAhead: 4,
  tickRetentionDays: 30,
  depthRetentionDays: 7,
  archiveBeforeDrop: false,
  journalMaxBytes: 512 * 1024 * 1024,
};
