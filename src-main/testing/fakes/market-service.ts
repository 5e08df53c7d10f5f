/**
 * A small in-memory MarketService for the market handler tests: the handlers
 * must be provable without the feed, its worker or a database.
 */
import type { Instrument } from '../../../src-shared/domain/instrument';
import type { Candle } from '../../../src-shared/market/candle';
import { dropReasonsList, type FeedHealth } from '../../../src-shared/market/feed-health';
import type { Quote } from '../../../src-shared/market/quote';
import type { Timeframe } from '../../../src-shared/market/timeframe';
import type { CandleKey, CandleUpdate, MarketService } from '../../market/service/market-service';

export interface FakeMarketService extends MarketService {
  readonly interest: CandleKey[];
  setQuote(quote: Quote): void;
  setLive(candle: Candle): void;
  pushQuotes(quotes: Quote[]): void;
  pushCandles(candles: CandleUpdate[]): void;
  pushHealth(health: FeedHealth): void;
}

export function testInstrument(token: number, tradingsymbol: string, over: Partial<Instrument> = {}): Instrument {
  return {
    token,
    exchangeToken: token,
    tradingsymbol,
    name: tradingsymbol,
    exchange: 'NSE',
    segment: 'NSE',
    instrumentType: 'EQ',
    expiry: null,
    strike: null,
    lotSize: 1,
    tickSize: 5,
    freezeQty: null,
    ...over,
  };
}

export function testQuote(token: number, ltp: number, over: Partial<Quote> = {}): Quote {
  const close = over.close ?? ltp;
  return {
    token,
    ltp,
    open: ltp,
    high: ltp,
    low: ltp,
    close,
    change: ltp - close,
    changePct: close === 0 ? 0 : ((ltp - close) / close) * 100,
    volume: 0,
    oi: 0,
    bid: null,
    ask: null,
    bidQty: 0,
    askQty: 0,
    ts: 1_700_000_000_000,
    ...over,
  };
}

export function testHealth(over: Partial<FeedHealth> = {}): FeedHealth {
  return {
    feed: 'simulated',
    simulated: true,
    connected: true,
    sessionPhase: 'open',
    simulatingOutsideHours: false,
    ticksPerSec: 500,
    accepted: 1000,
    written: 990,
    // Every reason, as the schema's exhaustive record wants; follows the list when it grows.
    dropped: Object.fromEntries(dropReasonsList.map((reason) => [reason, 0])) as FeedHealth['dropped'],
    lagMs: { p50: 3, p99: 12 },
    writer: 'writing',
    journalBytes: 0,
    wire: null,
    lastError: null,
    at: 1_700_000_000_000,
    ...over,
  };
}

export function createFakeMarketService(instruments: Instrument[]): FakeMarketService {
  const byToken = new Map(instruments.map((instrument) => [instrument.token, instrument]));
  const quotes = new Map<number, Quote>();
  const live = new Map<string, Candle>();
  const quoteListeners = new Set<(quotes: Quote[]) => void>();
  const candleListeners = new Set<(candles: CandleUpdate[]) => void>();
  const healthListeners = new Set<(health: FeedHealth) => void>();
  let health = testHealth();
  let interest: CandleKey[] = [];
  const key = (token: number, timeframe: Timeframe) => `${token}/${timeframe}`;
  const subscribe = <T>(set: Set<T>, listener: T) => {
    set.add(listener);
    return () => void set.delete(listener);
  };

  return {
    get interest() {
      return interest;
    },
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    instruments: () => byToken,
    latestQuote: (token) => quotes.get(token) ?? null,
    onQuotes: (listener) => subscribe(quoteListeners, listener),
    liveCandle: (token, timeframe) => live.get(key(token, timeframe)) ?? null,
    onCandles: (listener) => subscribe(candleListeners, listener),
    setCandleInterest: (keys) => {
      interest = keys;
    },
    health: () => health,
    onHealth: (listener) => subscribe(healthListeners, listener),
    setQuote: (quote) => void quotes.set(quote.token, quote),
    setLive: (candle) => void live.set(key(candle.token, candle.timeframe), candle),
    pushQuotes: (batch) => quoteListeners.forEach((listener) => listener(batch)),
    pushCandles: (batch) => candleListeners.forEach((listener) => listener(batch)),
    pushHealth: (next) => {
      health = next;
      healthListeners.forEach((listener) => listener(next));
    },
  };
}
