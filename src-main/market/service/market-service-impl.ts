/**
 * createMarketService: the feed, the ingest pipeline, the COPY writer with
 * its journal, the candle store and the timers that push coalesced quotes,
 * candles (~16 ms, one animation frame) and the health line (~1 s).
 * Started after the database, stopped before it (core.ts).
 */
import { join } from 'node:path';
import type { Instrument } from '../../../src-shared/domain/instrument';
import type { FeedHealth } from '../../../src-shared/market/feed-health';
import { istDayOf } from '../../../src-shared/market/ist-calendar';
import { createNseCalendar, type NseCalendar } from '../../../src-shared/market/nse-session';
import type { Quote } from '../../../src-shared/market/quote';
import type { Feed } from '../../brokers/feed';
import type { SimulatedFeed } from '../../brokers/simulated/simulated-feed';
import type { DatabaseService } from '../../db/service';
import type { Logger } from '../../log';
import { Journal } from '../ingest/journal';
import { TickWriter, type TickWriterOptions } from '../ingest/tick-writer';
import { writerClientFactory } from '../ingest/writer-client';
import { CandleStore } from './candle-store';
import { createFeed } from './feed-factory';
import { IngestPipeline } from './ingest-pipeline';
import { loadPreviousCloses, loadSessionCalendar, saveInstruments } from './market-queries';
import { DEFAULT_MARKET_SETTINGS, type CandleKey, type CandleUpdate, type MarketService, type MarketSettings } from './market-service';
import { buildHealth, idleHealth } from './market-health';

export interface MarketServiceOptions {
  db: DatabaseService;
  dataDir: string;
  settings?: Partial<MarketSettings>;
  log: Logger;
  /** 'worker' (default, the app) or 'in-process' (tests that cannot start a .ts worker). */
  feedTransport?: 'worker' | 'in-process';
  /** The simulated feed's built worker file; default: the one bundled with the app. */
  workerPath?: string | null;
  /** Benchmarks: the simulated feed runs as fast as the writer takes (batches in flight). */
  flowControl?: number;
  /** Simulated feed batching: every batchMs, at most maxBatchTicks per batch. */
  simulatedBatching?: { batchMs?: number; maxBatchTicks?: number };
  /** Writer tuning (tests, benchmarks). */
  writer?: Partial<Pick<TickWriterOptions, 'flushRows' | 'flushMs' | 'maxTransactionRows' | 'maxBacklogRows' | 'retryMs'>>;
  /** The Kite feed when settings.feed is 'kite' (built by brokers/selection with the account's session). */
  kiteFeed?: () => Promise<Feed>;
  /** Push intervals; defaults 16 ms and 1 s. */
  frameMs?: number;
  healthMs?: number;
}

/** Candles of a quiet instrument close this long after their bucket ended (ticks in flight may still belong to it). */
const CLOSE_GRACE_MS = 1_500;

export interface MarketServiceInternals {
  readonly writer: TickWriter | null;
  readonly feed: Feed | null;
  readonly pipeline: IngestPipeline | null;
  readonly candleStore: CandleStore | null;
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
  let heldAcks = 0;
  let started = false;
  /** Interest set before start (or kept across a restart of the service). */
  let pendingInterest: CandleKey[] = [];

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
    (feed as SimulatedFeed).acknowledge(heldAcks);
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
    health = buildHealth({ settings, feed, calendar, pipeline, writer, store, seconds: (now - healthAt) / 1000 });
    healthAt = now;
    emit(healthListeners, health);
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
      feed = await createFeed({
        settings,
        db,
        holidays: sessions.holidays,
        log,
        transport: options.feedTransport ?? 'worker',
        workerPath: options.workerPath ?? null,
        maxInFlight: options.flowControl ?? 0,
        batching: options.simulatedBatching ?? {},
        now: Date.now,
        kiteFeed: options.kiteFeed,
      });
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
      feed.subscribe([...instruments.keys()]);
    } catch (error) {
      await feed?.disconnect().catch(() => undefined);
      feed = null;
      await writer.stop();
      throw error;
    }
    healthAt = performance.now();
    timers = [
      setInterval(frame, options.frameMs ?? 16),
      setInterval(housekeeping, 250),
      setInterval(healthTick, options.healthMs ?? 1_000),
    ];
    log.info('market data started', { feed: feed.name, instruments: instruments.size, ratePerSec: settings.feed === 'simulated' ? settings.ratePerSec : undefined });
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
    },
    health: () => health,
    onHealth(listener) {
      healthListeners.add(listener);
      return () => healthListeners.delete(listener);
    },
    internals: () => ({ writer, feed, pipeline, candleStore: store }),
  };
}
