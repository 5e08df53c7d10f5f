import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDatabaseService } from '../db/database';
import { createLogger } from '../log';
import { FakeQuoteSource } from '../testing/fakes/quote-source';
import { EQ, FUT, intent, openLimits, startOms, TEST_INSTRUMENTS } from '../testing/kits/oms';

/**
 * A burst of orders on the paper broker through the real ledger, on a real embedded
 * PostgreSQL in a temporary folder (synchronous_commit on, as the app runs it).
 *
 * Each order is timed from the intent (oms.place) to "acknowledged": the broker's
 * answer recorded in the ledger (RESPONSE_RECEIVED, the ack and any immediate fill with
 * its trade-book row and position, committed). Orders are placed back to back, one at a
 * time — one trader's burst — alternating marketable buys and sells (filled on arrival)
 * with limit orders that rest. eventsPerSec = ledger events appended during the burst ÷
 * its wall time. `--orders N` (default 1000), `--warmup N` (default 100).
 */
export async function benchOrders(argv: string[]): Promise<Record<string, number>> {
  const arg = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    const value = i >= 0 ? Number(argv[i + 1]) : NaN;
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  const orders = arg('--orders', 1000);
  const warmup = arg('--warmup', 100);
  const log = createLogger({ level: 'warn' });
  const dataDir = await mkdtemp(join(tmpdir(), 'tickdesk-bench-orders-'));
  const db = createDatabaseService({ dataDir, port: null }, log);
  try {
    await db.start();
    const pool = db.pool();
    const quotes = new FakeQuoteSource(TEST_INSTRUMENTS);
    quotes.set({ token: FUT.token, ltp: 2_400_000, bid: 2_399_990, ask: 2_400_010, bidQty: 1_000_000_000, askQty: 1_000_000_000 });
    quotes.set({ token: EQ.token, ltp: 250_000, bid: 249_990, ask: 250_010, bidQty: 1_000_000_000, askQty: 1_000_000_000 });
    // Pushed events are counted, not kept (the core's bus forwards them and lets go).
    let pushed = 0;
    const kit = await startOms(pool, { quotes, log, markIntervalMs: 1000, emit: () => { pushed += 1; } });
    await openLimits(kit.oms);

    const one = (i: number) => {
      const kind = i % 4;
      if (kind === 3) return intent({ token: EQ.token, product: 'CNC', price: 240_000, quantity: 5 });
      return intent({ token: FUT.token, side: kind === 0 ? 'BUY' : 'SELL', orderType: 'MKT', price: null, marketProtection: 100, quantity: FUT.lotSize });
    };
    for (let i = 0; i < warmup; i += 1) await kit.oms.place(one(i));
    await kit.oms.idle();

    const eventCount = async () => Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM order_events')).rows[0]?.n ?? 0);
    const eventsBefore = await eventCount();
    const latencies: number[] = [];
    const burstStart = performance.now();
    for (let i = 0; i < orders; i += 1) {
      const start = performance.now();
      const result = await kit.oms.place(one(i));
      latencies.push(performance.now() - start);
      if (result.status === 'REJECTED') throw new Error(`order ${i} was rejected: ${result.message ?? ''}`);
    }
    const burstMs = performance.now() - burstStart;
    const events = (await eventCount()) - eventsBefore;
    await kit.stop();

    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? NaN;
    const round = (x: number) => Math.round(x * 100) / 100;
    return {
      p50Ms: round(at(0.5)),
      p99Ms: round(at(0.99)),
      eventsPerSec: Math.round(events / (burstMs / 1000)),
      maxMs: round(latencies.at(-1) ?? NaN),
      orders,
      events,
      ordersPerSec: Math.round(orders / (burstMs / 1000)),
      pushedEvents: pushed,
    };
  } finally {
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
