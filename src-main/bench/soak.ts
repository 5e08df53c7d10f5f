/**
 * `node out/main/bench.js soak [--minutes N] [--rate 5000] [--orders-per-sec 2] [--json]`:
 * the whole core — supervised PostgreSQL in a temporary folder,
 * simulated feed, COPY ingest, OMS on the paper broker — for N minutes at
 * 5,000 ticks/s with a steady order flow through the contract's dispatch.
 *
 * Reported: RSS at start (after warm-up) and end and its growth (aim < 10 %),
 * the longest event-loop stall (aim < 100 ms), and ticks lost = accepted by
 * the feed's guard − rows in market_ticks after the flush (must be 0).
 * Numbers only; nothing here passes or fails.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCore } from '../core';
import { createDatabaseService } from '../db/database';
import { createLogger } from '../log';
import type { MarketServiceInternals } from '../market/service/market-service-impl';

const argNumber = (argv: string[], name: string, fallback: number): number => {
  const value = Number(argv[argv.indexOf(name) + 1] ?? '');
  return argv.includes(name) && Number.isFinite(value) && value > 0 ? value : fallback;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
/** RSS settles once the pools, caches and the first partitions exist; measure growth from there. */
const WARM_UP_MS = 15_000;

export async function benchSoak(argv: string[]): Promise<Record<string, number | string>> {
  const minutes = argNumber(argv, '--minutes', 30);
  const rate = argNumber(argv, '--rate', 5_000);
  const ordersPerSec = argNumber(argv, '--orders-per-sec', 2);
  const log = createLogger({ level: 'error' });
  const dataDir = await mkdtemp(join(tmpdir(), 'tickdesk-bench-soak-'));
  const core = createCore({ dataDir, mode: 'browser', appVersion: 'bench', dbPort: null, market: { ratePerSec: rate, simulateOutsideHours: true } }, log);
  const ctx = { transport: 'test' } as const;
  let stopped = false;
  try {
    await core.start();
    // Room for the order flow; the default limits would refuse part of it.
    await core.dispatch('risk.update', { settings: { maxOrdersPerSecond: 100, maxOpenOrders: 100_000, maxOrderValue: null, maxPositionValuePerInstrument: null, dailyLossLimit: null } }, ctx);
    const found = await core.dispatch('market.search', { query: 'SBIN', limit: 5 }, ctx);
    const sbin = found.ok ? (found.result as Array<{ token: number; tradingsymbol: string; tickSize: number; lotSize: number }>).find((i) => i.tradingsymbol === 'SBIN') : undefined;
    if (!sbin) throw new Error('SBIN not found in the universe');

    await sleep(WARM_UP_MS);
    global.gc?.();
    const rssStart = process.memoryUsage().rss;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();

    const orders = { placed: 0, refused: 0, failed: 0 };
    const flow = setInterval(() => {
      const n = orders.placed + orders.refused + orders.failed;
      const ltp = core.market.latestQuote(sbin.token)?.ltp ?? sbin.tickSize * 1000;
      // Alternating marketable and resting orders: fills, working orders, cancels on the paper venue.
      const price = Math.round((ltp * (n % 2 === 0 ? 1.01 : 0.95)) / sbin.tickSize) * sbin.tickSize;
      const intent = { clientOrderId: `soak-${n}`, token: sbin.token, side: n % 4 < 2 ? 'BUY' : 'SELL', orderType: 'L', product: 'MIS', validity: 'DAY', quantity: sbin.lotSize, price, triggerPrice: null };
      core.dispatch('orders.place', intent, ctx).then(
        (outcome) => {
          if (outcome.ok && (outcome.result as { status: string }).status !== 'REJECTED') orders.placed++;
          else orders.refused++;
        },
        () => orders.failed++,
      );
    }, 1000 / ordersPerSec);

    await sleep(minutes * 60_000);
    clearInterval(flow);
    loop.disable();
    const rssEnd = process.memoryUsage().rss;
    const health = core.market.health();
    await core.stop();
    stopped = true;
    // The health line is a once-a-second snapshot; the pipeline's own counter is exact after the stop.
    const internals = (core.market as { internals?: () => MarketServiceInternals }).internals?.();
    const accepted = internals?.pipeline?.verdicts.accepted ?? health.accepted;

    // The core is stopped (journal flushed); count what reached the table with a fresh service.
    const db = createDatabaseService({ dataDir, port: null }, log);
    let stored = -1;
    try {
      await db.start();
      const { rows } = await db.pool().query<{ n: string }>('SELECT count(*)::text AS n FROM market_ticks');
      stored = Number(rows[0]?.n ?? -1);
    } finally {
      await db.stop();
    }
    const dropped = Object.entries(health.dropped).filter(([, n]) => n > 0).map(([k, n]) => `${k}:${n}`).join(',') || 'none';
    return {
      minutes,
      ratePerSec: rate,
      ticksAccepted: accepted,
      ticksStored: stored,
      ticksLost: accepted - stored,
      droppedByGuard: dropped,
      ordersPlaced: orders.placed,
      ordersRefused: orders.refused,
      ordersFailed: orders.failed,
      rssStartMb: mb(rssStart),
      rssEndMb: mb(rssEnd),
      rssGrowthPct: Math.round(((rssEnd - rssStart) / rssStart) * 1000) / 10,
      maxEventLoopStallMs: Math.round(loop.max / 1e5) / 10,
      p99EventLoopDelayMs: Math.round(loop.percentile(99) / 1e5) / 10,
    };
  } finally {
    if (!stopped) await core.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
}
