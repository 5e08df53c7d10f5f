/**
 * The market service's periodic work while it runs: the coalesced pushes of quotes and
 * candles (~16 ms, one animation frame), closing the candles of quiet instruments and
 * flushing closed ones (250 ms), the health line (~1 s), and the flow-control credit
 * that goes back to a feed once the writer keeps up.
 */
import { wireProblemsRise } from '../../../src-shared/market/wire-problems';
import { emitTo, type MarketContext } from './market-context';
import { buildHealth } from './market-health';

/** Candles of a quiet instrument close this long after their bucket ended (ticks in flight may still belong to it). */
const CLOSE_GRACE_MS = 1_500;

/** Flow control: give the feed its credit back while the writer keeps up. */
export function releaseAcks(ctx: MarketContext): void {
  const { writer, feed } = ctx;
  if (!ctx.options.flowControl || ctx.heldAcks === 0 || !writer || !feed) return;
  if (writer.backlogRows > (ctx.options.writer?.maxTransactionRows ?? 50_000)) return;
  feed.acknowledge?.(ctx.heldAcks);
  ctx.heldAcks = 0;
}

/** One animation frame's worth of changed quotes and candles. */
export function pushFrame(ctx: MarketContext): void {
  const pipeline = ctx.pipeline;
  if (!pipeline) return;
  const quotes = pipeline.quotes.takeChanged();
  if (quotes.length > 0) emitTo(ctx, ctx.quoteListeners, quotes);
  const candles = pipeline.takeCandles();
  if (candles.length > 0) emitTo(ctx, ctx.candleListeners, candles);
}

function housekeeping(ctx: MarketContext): void {
  if (!ctx.pipeline || !ctx.feed) return;
  ctx.pipeline.closeUpTo(ctx.feed.now() - CLOSE_GRACE_MS);
  void ctx.store?.flush();
}

function pushHealth(ctx: MarketContext): void {
  const { pipeline, feed } = ctx;
  if (!pipeline || !feed) return;
  const now = performance.now();
  const health = buildHealth({ settings: ctx.settings, feed, calendar: ctx.calendar, pipeline, writer: ctx.writer, store: ctx.store, seconds: (now - ctx.healthAt) / 1000, note: ctx.subscriptions.note });
  ctx.health = health;
  ctx.healthAt = now;
  // One warning per health interval with what was added, however much garbage arrived in it.
  const rise = wireProblemsRise(ctx.lastWire, health.wire);
  ctx.lastWire = health.wire;
  if (rise) ctx.log.warn('broker feed wire problems', { feed: feed.name, added: rise, totals: health.wire });
  emitTo(ctx, ctx.healthListeners, health);
}

/** Starts the intervals (registered in ctx.timers); `refresh` re-plans a broker feed's subscriptions. */
export function startPushes(ctx: MarketContext, refresh: () => Promise<void>): void {
  ctx.healthAt = performance.now();
  ctx.lastWire = null;
  const every = (ms: number, work: () => void) => {
    const timer = setInterval(work, ms);
    ctx.timers.add(() => clearInterval(timer));
  };
  every(ctx.options.frameMs ?? 16, () => pushFrame(ctx));
  every(250, () => housekeeping(ctx));
  every(ctx.options.healthMs ?? 1_000, () => pushHealth(ctx));
  if (ctx.feed && !ctx.feed.simulated) every(ctx.options.subscriptionRefreshMs ?? 5_000, () => void refresh());
}
