/**
 * Starting and stopping the market service's parts, in order: the session calendar,
 * the journal and COPY writer, the feed (opened through the FeedSource the composition
 * root chose), the candle store for a stored feed, the ingest pipeline, the
 * subscriptions, then the periodic pushes. Stopped the other way round, flushing what
 * is buffered to the database (or to the journal while it is away).
 */
import { join } from 'node:path';
import { istDayOf } from '../../../src-shared/market/ist-calendar';
import { createNseCalendar } from '../../../src-shared/market/nse-session';
import type { Feed } from '../feed-port';
import { Journal } from '../ingest/journal';
import { TickWriter } from '../ingest/tick-writer';
import { writerClientFactory } from '../ingest/writer-client';
import { CandleStore } from './candle-store';
import { IngestPipeline } from './ingest-pipeline';
import { emitTo, type MarketContext } from './market-context';
import { idleHealth } from './market-health';
import { loadPreviousCloses, loadSessionCalendar, saveInstruments } from './market-queries';
import { pushFrame, releaseAcks, startPushes } from './market-pushes';
import { refreshSubscriptions, subscribeAtStart } from './market-subscriptions';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function startMarket(ctx: MarketContext): Promise<void> {
  if (ctx.started) return;
  ctx.started = true;
  try {
    await startParts(ctx);
  } catch (error) {
    ctx.started = false;
    ctx.health = { ...idleHealth(ctx.settings, ctx.calendar), lastError: `Market data could not start: ${messageOf(error)}` };
    emitTo(ctx, ctx.healthListeners, ctx.health);
    throw error;
  }
}

async function startParts(ctx: MarketContext): Promise<void> {
  const { db, dataDir } = ctx.options;
  const log = ctx.log;
  const sessions = await loadSessionCalendar(db.kysely());
  ctx.calendar = createNseCalendar(sessions);
  const journal = await Journal.open({ dir: join(dataDir, 'journal'), maxBytes: ctx.settings.journalMaxBytes, log: log.child({ part: 'journal' }) });
  const writer = new TickWriter({
    journal,
    connect: writerClientFactory(db, log),
    databaseReady: () => db.status().state === 'ready',
    rejectedDir: join(dataDir, 'journal', 'rejected'),
    log: log.child({ part: 'tick-writer' }),
    ...ctx.options.writer,
  });
  ctx.writer = writer;
  ctx.teardown.add(writer.onCommit(() => releaseAcks(ctx)));
  try {
    const feed = await ctx.options.feed({ holidays: sessions.holidays, now: Date.now() });
    ctx.feed = feed;
    await feed.connect();
    await openPipeline(ctx, feed);
    await subscribeAtStart(ctx, feed);
  } catch (error) {
    await ctx.feed?.disconnect().catch(() => undefined);
    ctx.feed = null;
    ctx.teardown.dispose();
    await writer.stop();
    throw error;
  }
  startPushes(ctx, () => refreshSubscriptions(ctx));
  const feed = ctx.feed;
  log.info('market data started', { feed: feed.name, instruments: ctx.instruments.size, streaming: ctx.subscriptions.subscribed.size, ratePerSec: ctx.settings.feed === 'simulated' ? ctx.settings.ratePerSec : undefined });
}

/** The feed's universe, the candle store of a stored feed, and the pipeline its batches go into. */
async function openPipeline(ctx: MarketContext, feed: Feed): Promise<void> {
  const { db } = ctx.options;
  const kysely = db.kysely();
  ctx.instruments = new Map(feed.instruments().map((i) => [i.token, i]));
  if (feed.persist) {
    await saveInstruments(kysely, feed.instruments(), feed.name).catch((error: unknown) => ctx.log.warn('could not save the instrument list', { error: messageOf(error) }));
    ctx.store = new CandleStore({
      pool: () => db.pool(),
      databaseReady: () => db.status().state === 'ready',
      hasOpenInterest: (token) => ['FUT', 'CE', 'PE'].includes(ctx.instruments.get(token)?.instrumentType ?? ''),
      log: ctx.log.child({ part: 'candles' }),
    });
  }
  const previousCloses = await loadPreviousCloses(kysely, istDayOf(feed.now()));
  const pipeline = new IngestPipeline({ writer: feed.persist ? ctx.writer : null, store: ctx.store, previousCloses });
  pipeline.setInterest(ctx.pendingInterest);
  ctx.pipeline = pipeline;
  ctx.teardown.add(
    feed.onBatch((batch) => {
      pipeline.accept(batch);
      if (ctx.options.flowControl) {
        ctx.heldAcks += 1;
        releaseAcks(ctx);
      }
    }),
  );
}

export async function stopMarket(ctx: MarketContext): Promise<void> {
  if (!ctx.started) return;
  ctx.started = false;
  ctx.timers.dispose();
  await ctx.feed?.disconnect();
  ctx.teardown.dispose();
  pushFrame(ctx);
  ctx.pipeline?.finish();
  const { store, writer } = ctx;
  await store?.flush();
  if (store && store.pending > 0) ctx.log.warn('candles could not be saved before stopping', { candles: store.pending });
  await writer?.stop();
  ctx.health = { ...ctx.health, connected: false, writer: 'stopped', at: Date.now() };
  emitTo(ctx, ctx.healthListeners, ctx.health);
  ctx.log.info('market data stopped', writer ? { written: writer.stats().writtenRows, journalBytes: writer.stats().journalBytes } : {});
}
