/**
 * `node out/main/bench.js ingest [--seconds N] [--json]`: the market data path
 * into a real embedded PostgreSQL in a temporary folder, three phases in one
 * run (same server, same table):
 *
 * 1. copyCeilingPerSec — raw binary COPY of pre-generated, pre-encoded rows on
 *    one connection, 50,000 rows per statement, asynchronous commit like the
 *    writer's direct flushes: what the server takes at best.
 * 2. ticksPerSec — the whole path at full rate: simulated feed in its worker
 *    (flow-controlled, so it makes ticks as fast as they are written), guard,
 *    encoding, transfer, candles and quotes on the main thread, the COPY writer
 *    with its exactly-once transaction. Rows committed per second; the main
 *    thread's event-loop delay (p99) and the peak RSS are taken here.
 * 3. The feed in real time at the aim, 100,000 ticks/s (…At100k), and at
 *    20,000 ticks/s: p99CommitMs is receipt of a tick in the worker → its
 *    transaction committed, p99 over all rows, at 20,000 ticks/s.
 *
 * Numbers only; nothing here passes or fails.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import { istDayOf } from '../../src-shared/market/ist-calendar';
import { createSimulatedFeedCore } from '../brokers/simulated/simulated-feed-core';
import { feedSource } from '../brokers/selection/feed-factory';
import { createDatabaseService } from '../db/database';
import type { DatabaseService } from '../db/service';
import { createLogger, type Logger } from '../log';
import { copyIn } from '../market/ingest/batch-transaction';
import { TICK_FLAG_SIMULATED, TickRowEncoder } from '../market/ingest/copy-binary';
import { weightedPercentiles } from '../market/ingest/lag-stats';
import { DEFAULT_MARKET_SETTINGS } from '../market/service/market-service';
import { createMarketService } from '../market/service/market-service-impl';
import { loadBundledUniverse } from '../market/universe';

const argNumber = (argv: string[], name: string, fallback: number): number => {
  const value = Number(argv[argv.indexOf(name) + 1] ?? '');
  return argv.includes(name) && Number.isFinite(value) && value > 0 ? value : fallback;
};

export async function benchIngest(argv: string[]): Promise<Record<string, number | string>> {
  const seconds = argNumber(argv, '--seconds', 10);
  const log = createLogger({ level: 'warn' });
  const dataDir = await mkdtemp(join(tmpdir(), 'tickdesk-bench-ingest-'));
  const db = createDatabaseService({ dataDir, port: null }, log);
  try {
    await db.start();
    const ceiling = await copyCeiling(db, Math.min(seconds, 5));
    await db.pool().query('TRUNCATE market_ticks, ingest_batches');
    const full = await fullRate(db, dataDir, seconds, log);
    await db.pool().query('TRUNCATE market_ticks, ingest_batches');
    const aim = await steadyRate(db, dataDir, Math.min(seconds, 10), 100_000, log);
    await db.pool().query('TRUNCATE market_ticks, ingest_batches');
    const steady = await steadyRate(db, dataDir, Math.min(seconds, 10), 20_000, log);
    return {
      ticksPerSec: full.ticksPerSec,
      copyCeilingPerSec: ceiling,
      ratio: Math.round((full.ticksPerSec / ceiling) * 100) / 100,
      p99CommitMs: steady.p99,
      p50CommitMsAt20k: steady.p50,
      p99TransactionMsAt20k: steady.txP99,
      transactionsPerSecAt20k: Math.round(steady.transactions / Math.min(seconds, 10)),
      transactionsPerSecFull: Math.round(full.transactions / seconds),
      committedPerSecAt20k: steady.ticksPerSec,
      loopLagP99Ms: full.loopLagP99Ms,
      loopLagP99MsAt20k: steady.loopLagP99Ms,
      committedPerSecAt100k: aim.ticksPerSec,
      p99CommitMsAt100k: aim.p99,
      loopLagP99MsAt100k: aim.loopLagP99Ms,
      rssMb: Math.round(Math.max(full.rssMb, aim.rssMb, steady.rssMb)),
      seconds,
    };
  } finally {
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Raw COPY of rows made and encoded beforehand: the server's ceiling on one connection. */
async function copyCeiling(db: DatabaseService, seconds: number): Promise<number> {
  const startTime = Date.now();
  const universe = loadBundledUniverse({ day: istDayOf(startTime) });
  const core = createSimulatedFeedCore({ seed: 1, instruments: universe.entries, startTime, ratePerSec: 1_000_000, simulateOutsideHours: true, maxTicksPerCall: 200_000 });
  const ticks = core.next(startTime + 200);
  const chunks: Uint8Array[] = [];
  const encoder = new TickRowEncoder();
  for (const tick of ticks) {
    encoder.append(tick, startTime, TICK_FLAG_SIMULATED);
    if (encoder.rows === 50_000) chunks.push(encoder.take().bytes);
  }
  const client = new pg.Client({ connectionString: db.connectionUrl() });
  await client.connect();
  try {
    // Same commit mode as the writer's direct flushes, so the ratio compares like with like.
    await client.query('SET synchronous_commit = off');
    // Warm-up (first WAL segments, caches), not measured.
    for (const chunk of chunks.slice(0, 2)) await copyIn(client, [chunk]);
    let rows = 0;
    const began = performance.now();
    while (performance.now() - began < seconds * 1000) {
      for (const chunk of chunks) {
        await copyIn(client, [chunk]);
        rows += 50_000;
      }
    }
    return Math.round(rows / ((performance.now() - began) / 1000));
  } finally {
    await client.end();
  }
}

interface PhaseResult {
  ticksPerSec: number;
  loopLagP99Ms: number;
  rssMb: number;
  p50: number;
  p99: number;
  /** Transaction time alone (BEGIN … COMMIT), p99: the database's share of the commit latency. */
  txP99: number;
  transactions: number;
}

async function runPhase(db: DatabaseService, dataDir: string, seconds: number, log: Logger, options: { ratePerSec: number; flowControl: number }): Promise<PhaseResult> {
  const settings = { ...DEFAULT_MARKET_SETTINGS, seed: 42, ratePerSec: options.ratePerSec, simulateOutsideHours: true };
  const market = createMarketService({
    db,
    dataDir,
    settings,
    log,
    flowControl: options.flowControl > 0,
    feed: feedSource({ settings, db, log, maxInFlight: options.flowControl, batching: { batchMs: 5, maxBatchTicks: 4_000 } }),
  });
  await market.start();
  const writer = market.internals().writer;
  if (!writer) throw new Error('the market service has no writer');
  // Warm up (JIT, first partitions of the table), then measure.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const lags: number[] = [];
  const weights: number[] = [];
  let rows = 0;
  const txMs: number[] = [];
  const off = writer.onCommit((info) => {
    rows += info.rows;
    txMs.push(info.committedAt - info.startedAt);
    for (const lag of info.lags) {
      lags.push(lag.ms);
      weights.push(lag.rows);
    }
  });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let rss = process.memoryUsage().rss;
  const rssTimer = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 200);
  const began = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const elapsed = (performance.now() - began) / 1000;
  loop.disable();
  clearInterval(rssTimer);
  off();
  await market.stop();
  const [p50 = Number.NaN, p99 = Number.NaN] = weightedPercentiles(lags, weights, [0.5, 0.99]) ?? [];
  return {
    ticksPerSec: Math.round(rows / elapsed),
    loopLagP99Ms: Math.round((loop.percentile(99) / 1e6) * 10) / 10,
    rssMb: rss / 1024 / 1024,
    p50: Math.round(p50 * 10) / 10,
    p99: Math.round(p99 * 10) / 10,
    txP99: Math.round((weightedPercentiles(txMs, txMs.map(() => 1), [0.99])?.[0] ?? Number.NaN) * 10) / 10,
    transactions: txMs.length,
  };
}

function fullRate(db: DatabaseService, dataDir: string, seconds: number, log: Logger): Promise<PhaseResult> {
  return runPhase(db, dataDir, seconds, log, { ratePerSec: 10_000_000, flowControl: 2 });
}

function steadyRate(db: DatabaseService, dataDir: string, seconds: number, ratePerSec: number, log: Logger): Promise<PhaseResult> {
  return runPhase(db, dataDir, seconds, log, { ratePerSec, flowControl: 0 });
}
