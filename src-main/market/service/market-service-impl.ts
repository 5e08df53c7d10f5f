/**
 * createMarketService: the feed, the ingest pipeline, the COPY writer with
 * its journal, the candle store and the timers that push coalesced quotes,
 * candles (~16 ms, one animation frame) and the health line (~1 s).
 * Started after the database, stopped before it (core.ts).
 */
import { join } from 'node:path';
import type { Instrument } from '../../../src-shared/domain/instrument';
import type { FeedHealth } from '../../../src-shared/market/feed-health';
import { wireProblemsRise, type FeedWireProblems } from '../../../src-shared/market/wire-problems';
import { istDayOf } from '../../../src-shared/market/ist-calendar';
import { createNseCalendar, type NseCalendar } from '../../../src-shared/market/nse-session';
import type { Quote } from '../../../src-shared/market/quote';
import type { Feed, FeedSource } from '../feed-port';
import type { DatabaseService } from '../../db/service';
import type { Logger } from '../../log';
import { Journal } from '../ingest/journal';
import { TickWriter, type TickWriterOptions } from '../ingest/tick-writer';
import { writerClientFactory } from '../ingest/writer-client';
import { CandleStore } from './candle-store';
import { IngestPipeline } from './ingest-pipeline';
import { loadPreviousCloses, loadSessionCalendar, loadSubscriptionSources, saveInstruments } from './market-queries';
import { DEFAULT_MARKET_SETTINGS, type CandleKey, type CandleUpdate, type MarketService, type MarketSettings } from './market-service';
import { buildHealth, idleHealth } from './market-health';
import { capacityMessage, DEFAULT_BROKER_FEED_CAPACITY, diffSubscriptions, planSubscriptions, type SubscriptionSources } from './subscription-policy';

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

/** The tokens a feed says it takes, when it says so with a usable number. */
function feedCapacity(feed: Feed): number | null {
  const capacity = feed.capacity;
  return typeof capacity === 'number' && Number.isFinite(capacity) ? capacity : null;
}

/** Candles of a quiet instrument close this long after their bucket ended (ticks in flight may still belong to it). */
const CLOSE_GRACE_MS = 1_500;

export interface MarketServiceInternals {
  readonly writer: TickWriter | null;
  readonly feed: Feed | null;
  readonly pipeline: IngestPipeline | null;
  readonly candleStore: CandleStore | null;
  /** The tokens the feed was told to stream. */
  readonly subscribed: ReadonlySet<number>;
}

export function createMarketService(options: MarketServiceOptions): MarketService & { internals(): MarketServiceInternals } {
  const settings: MarketSettings = { ...DEFAULT_MARKET_SETTINGS, ...options.settings };
  const log = options.log;
  const quoteListeners = new Set<(quotes: Quote[]) => void>();
  const candleListeners = new Set<(candles: CandleUpdate[]) => void>();
  const healthListeners = new Set<(health: FeedHealth) => void>();
  let feed: Feed | null = null;
  let writer: TickWriter | null = null;
  let store: CandleStore | null = null;
  let pipeline: IngestPipeline | null = null;
  let calendar: NseCalendar = createNseCalendar();
  let instruments = new Map<number, Instrument>();
  let timers: NodeJS.Timeout[] = [];
  const unsubscribers: Array<() => void> = [];
  let health: FeedHealth = idleHealth(settings, calendar);
  let healthAt = performance.now();
  /** The wire totals of the previous health line: a rise is logged once per line, never per frame. */
  let lastWire: FeedWireProblems | null = null;
  let heldAcks = 0;
  let started = false;
  /** Interest set before start (or kept across a restart of the service). */
  let pendingInterest: CandleKey[] = [];
  /** What the feed streams now (a broker's feed; a simulated one gets its whole universe once). */
  let subscribed = new Set<number>();
  /** The last sources read from the database: kept while it is away, so nothing is dropped then. */
  let lastSources: Omit<SubscriptionSources, 'interest'> = { watchlist: [], positions: [], orders: [] };
  let subscriptionNote: string | null = null;
  /** Refreshes run one at a time; callers arriving while one waits to start share it. */
  let refreshChain: Promise<void> = Promise.resolve();
  let queuedRefresh: Promise<void> | null = null;

  const emit = <T>(listeners: Set<(value: T) => void>, value: T) => {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (error) {
        log.warn('a market data listener failed', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  };

  /** Flow control: give the feed its credit back while the writer keeps up. */
  const releaseAcks = () => {
    if (!options.flowControl || heldAcks === 0 || !writer || !feed) return;
    if (writer.backlogRows > (options.writer?.maxTransactionRows ?? 50_000)) return;
    feed.acknowledge?.(heldAcks);
    heldAcks = 0;
  };

  function frame(): void {
    if (!pipeline) return;
    const quotes = pipeline.quotes.takeChanged();
    if (quotes.length > 0) emit(quoteListeners, quotes);
    const candles = pipeline.takeCandles();
    if (candles.length > 0) emit(candleListeners, candles);
  }

  function housekeeping(): void {
    if (!pipeline || !feed) return;
    pipeline.closeUpTo(feed.now() - CLOSE_GRACE_MS);
    void store?.flush();
  }

  function healthTick(): void {
    if (!pipeline || !feed) return;
    const now = performance.now();
    health = buildHealth({ settings, feed, calendar, pipeline, writer, store, seconds: (now - healthAt) / 1000, note: subscriptionNote });
    healthAt = now;
    // One warning per health interval with what was added, however much garbage arrived in it.
    const rise = wireProblemsRise(lastWire, health.wire);
    lastWire = health.wire;
    if (rise) log.warn('broker feed wire problems', { feed: feed.name, added: rise, totals: health.wire });
    emit(healthListeners, health);
  }

  /** Recomputes a broker feed's subscriptions and applies the difference. Never throws. */
  async function applySubscriptions(): Promise<void> {
    const active = feed;
    if (!started || !active || active.simulated) return;
    try {
      lastSources = await loadSubscriptionSources(options.db.kysely());
    } catch (error) {
      // The database is away (or restarting): keep streaming what was followed, charts may still change.
      log.debug('could not read the subscription sources; keeping the last ones', { error: error instanceof Error ? error.message : String(error) });
    }
    if (!started || feed !== active) return;
    const capacity = options.subscriptionCapacity ?? feedCapacity(active) ?? DEFAULT_BROKER_FEED_CAPACITY;
    const plan = planSubscriptions({
      simulated: false,
      universe: [...instruments.keys()],
      sources: { ...lastSources, interest: pendingInterest.map((key) => key.token) },
      capacity,
    });
    const diff = diffSubscriptions(subscribed, plan.tokens);
    try {
      if (diff.unsubscribe.length > 0) active.unsubscribe(diff.unsubscribe);
      if (diff.subscribe.length > 0) active.subscribe(diff.subscribe);
      subscribed = new Set(plan.tokens);
    } catch (error) {
      log.warn('could not change the feed subscriptions', { error: error instanceof Error ? error.message : String(error) });
    }
    const note = capacityMessage(plan, capacity, active.name);
    if (note !== subscriptionNote && note !== null) log.warn('more instruments followed than the feed can stream', { followed: plan.tokens.length + plan.overCapacity.length, capacity });
    subscriptionNote = note;
    if (diff.subscribe.length > 0 || diff.unsubscribe.length > 0) {
      log.debug('feed subscriptions changed', { subscribed: diff.subscribe.length, unsubscribed: diff.unsubscribe.length, streaming: subscribed.size });
    }
  }

  function refreshSubscriptions(): Promise<void> {
    // A refresh that has not started yet will see whatever changed before this call.
    if (queuedRefresh) return queuedRefresh;
    const next = refreshChain.then(() => {
      queuedRefresh = null;
      return applySubscriptions();
    });
    queuedRefresh = next;
    refreshChain = next.catch(() => undefined);
    return next;
  }

  async function start(): Promise<void> {
    if (started) return;
    started = true;
    try {
      await startParts();
    } catch (error) {
      started = false;
      const message = error instanceof Error ? error.message : String(error);
      health = { ...idleHealth(settings, calendar), lastError: `Market data could not start: ${message}` };
      emit(healthListeners, health);
      throw error;
    }
  }

  async function startParts(): Promise<void> {
    const db = options.db;
    const kysely = db.kysely();
    const sessions = await loadSessionCalendar(kysely);
    calendar = createNseCalendar(sessions);
    const journal = await Journal.open({ dir: join(options.dataDir, 'journal'), maxBytes: settings.journalMaxBytes, log: log.child({ part: 'journal' }) });
    writer = new TickWriter({
      journal,
      connect: writerClientFactory(db, log),
      databaseReady: () => db.status().state === 'ready',
      rejectedDir: join(options.dataDir, 'journal', 'rejected'),
      log: log.child({ part: 'tick-writer' }),
      ...options.writer,
    });
    unsubscribers.push(writer.onCommit(releaseAcks));
    try {
      feed = await options.feed({ holidays: sessions.holidays, now: Date.now() });
      await feed.connect();
      instruments = new Map(feed.instruments().map((i) => [i.token, i]));
      if (feed.persist) {
        await saveInstruments(kysely, feed.instruments(), feed.name).catch((error: unknown) =>
          log.warn('could not save the instrument list', { error: error instanceof Error ? error.message : String(error) }),
        );
        store = new CandleStore({
          pool: () => db.pool(),
          databaseReady: () => db.status().state === 'ready',
          hasOpenInterest: (token) => ['FUT', 'CE', 'PE'].includes(instruments.get(token)?.instrumentType ?? ''),
          log: log.child({ part: 'candles' }),
        });
      }
      const previousCloses = await loadPreviousCloses(kysely, istDayOf(feed.now()));
      pipeline = new IngestPipeline({ writer: feed.persist ? writer : null, store, previousCloses });
      pipeline.setInterest(pendingInterest);
      const active = pipeline;
      unsubscribers.push(
        feed.onBatch((batch) => {
          active.accept(batch);
          if (options.flowControl) {
            heldAcks += 1;
            releaseAcks();
          }
        }),
      );
      subscribed = new Set();
      subscriptionNote = null;
      if (feed.simulated) {
        // Small and generated: the whole universe stays live (the paper broker and the benchmarks rely on it).
        feed.subscribe([...instruments.keys()]);
        subscribed = new Set(instruments.keys());
      } else {
        await refreshSubscriptions();
      }
    } catch (error) {
      await feed?.disconnect().catch(() => undefined);
      feed = null;
      await writer.stop();
      throw error;
    }
    healthAt = performance.now();
    lastWire = null;
    timers = [
      setInterval(frame, options.frameMs ?? 16),
      setInterval(housekeeping, 250),
      setInterval(healthTick, options.healthMs ?? 1_000),
    ];
    if (!feed.simulated) timers.push(setInterval(() => void refreshSubscriptions(), options.subscriptionRefreshMs ?? 5_000));
    log.info('market data started', { feed: feed.name, instruments: instruments.size, streaming: subscribed.size, ratePerSec: settings.feed === 'simulated' ? settings.ratePerSec : undefined });
  }

  async function stop(): Promise<void> {
    if (!started) return;
    started = false;
    for (const timer of timers) clearInterval(timer);
    timers = [];
    await feed?.disconnect();
    for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
    frame();
    pipeline?.finish();
    await store?.flush();
    if (store && store.pending > 0) log.warn('candles could not be saved before stopping', { candles: store.pending });
    await writer?.stop();
    health = { ...health, connected: false, writer: 'stopped', at: Date.now() };
    emit(healthListeners, health);
    log.info('market data stopped', writer ? { written: writer.stats().writtenRows, journalBytes: writer.stats().journalBytes } : {});
  }

  return {
    start,
    stop,
    instruments: () => instruments,
    latestQuote: (token) => pipeline?.quotes.get(token) ?? null,
    onQuotes(listener) {
      quoteListeners.add(listener);
      return () => quoteListeners.delete(listener);
    },
    liveCandle: (token, timeframe) => pipeline?.candles.current(token, timeframe) ?? null,
    onCandles(listener) {
      candleListeners.add(listener);
      return () => candleListeners.delete(listener);
    },
    setCandleInterest(keys) {
      pipeline?.setInterest(keys);
      pendingInterest = keys;
      // A broker's feed streams the charts' tokens too.
      if (started && feed && !feed.simulated) void refreshSubscriptions();
    },
    refreshSubscriptions,
    async reloadInstruments() {
      const active = feed;
      if (!started || !active?.reloadInstruments) return;
      try {
        await active.reloadInstruments();
      } catch (error) {
        log.warn('could not re-read the instrument master; the feed keeps the one it has', { error: error instanceof Error ? error.message : String(error) });
        return;
      }
      if (feed !== active) return;
      const before = instruments.size;
      instruments = new Map(active.instruments().map((i) => [i.token, i]));
      log.info('instrument master re-read', { feed: active.name, before, after: instruments.size });
      await refreshSubscriptions();
    },
    health: () => health,
    onHealth(listener) {
      healthListeners.add(listener);
      return () => healthListeners.delete(listener);
    },
    internals: () => ({ writer, feed, pipeline, candleStore: store, subscribed }),
  };
}
