/**
 * createMarketService: the feed, the ingest pipeline, the COPY writer with
 * its journal, the candle store and the timers that push coalesced quotes,
 * candles (~16 ms, one animation frame) and the health line (~1 s).
 * Started after the database, stopped before it (core.ts). The parts share one
 * MarketContext (market-context.ts): start and stop in market-run.ts, the pushes in
 * market-pushes.ts, a broker feed's subscriptions in market-subscriptions.ts.
 */
import type { Feed } from '../feed-port';
import type { TickWriter } from '../ingest/tick-writer';
import type { CandleStore } from './candle-store';
import type { IngestPipeline } from './ingest-pipeline';
import { createMarketContext, listen, type MarketServiceOptions } from './market-context';
import { startMarket, stopMarket } from './market-run';
import type { MarketService } from './market-service';
import { refreshSubscriptions, reloadInstruments } from './market-subscriptions';

export type { MarketServiceOptions } from './market-context';

export interface MarketServiceInternals {
  readonly writer: TickWriter | null;
  readonly feed: Feed | null;
  readonly pipeline: IngestPipeline | null;
  readonly candleStore: CandleStore | null;
  /** The tokens the feed was told to stream. */
  readonly subscribed: ReadonlySet<number>;
}

export function createMarketService(options: MarketServiceOptions): MarketService & { internals(): MarketServiceInternals } {
  const ctx = createMarketContext(options);
  return {
    start: () => startMarket(ctx),
    stop: () => stopMarket(ctx),
    instruments: () => ctx.instruments,
    latestQuote: (token) => ctx.pipeline?.quotes.get(token) ?? null,
    onQuotes: (listener) => listen(ctx.quoteListeners, listener),
    liveCandle: (token, timeframe) => ctx.pipeline?.candles.current(token, timeframe) ?? null,
    onCandles: (listener) => listen(ctx.candleListeners, listener),
    setCandleInterest(keys) {
      ctx.pipeline?.setInterest(keys);
      ctx.pendingInterest = keys;
      // A broker's feed streams the charts' tokens too.
      if (ctx.started && ctx.feed && !ctx.feed.simulated) void refreshSubscriptions(ctx);
    },
    refreshSubscriptions: () => refreshSubscriptions(ctx),
    reloadInstruments: () => reloadInstruments(ctx),
    health: () => ctx.health,
    onHealth: (listener) => listen(ctx.healthListeners, listener),
    internals: () => ({ writer: ctx.writer, feed: ctx.feed, pipeline: ctx.pipeline, candleStore: ctx.store, subscribed: ctx.subscriptions.subscribed }),
  };
}
