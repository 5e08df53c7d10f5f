import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testLogger } from '../../testing/kits/logger';
import type { TickBatch } from '../../market/feed-port';
import { tickAt } from '../../market/ingest/tick-columns';
import { SimulatedFeed } from './simulated-feed';
import { buildFeedWorkerForTests } from '../../testing/kits/feed-worker';

/**
 * The simulated feed in a real worker thread, built from the shipped source:
 * batches cross the thread boundary as transferred buffers and pass the
 * main thread's shape checks. (No database here: see market-service.int.test.ts.)
 */
let worker: Awaited<ReturnType<typeof buildFeedWorkerForTests>>;

beforeAll(async () => {
  worker = await buildFeedWorkerForTests();
}, 120_000);

afterAll(async () => {
  await worker?.cleanup();
});

const collect = (feed: SimulatedFeed) => {
  const batches: TickBatch[] = [];
  feed.onBatch((batch) => batches.push(batch));
  return batches;
};

const until = async (what: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('simulated feed in a worker thread', () => {
  test('sends guarded, encoded batches only for subscribed tokens, and stops cleanly', async () => {
    const feed = new SimulatedFeed({ seed: 7, ratePerSec: 5_000, simulateOutsideHours: true, day: '2026-11-23', holidays: [], workerPath: worker.path, transport: 'worker', log: testLogger() });
    const batches = collect(feed);
    await feed.connect();
    expect(feed.status().connected).toBe(true);
    const instruments = feed.instruments();
    expect(instruments.length).toBeGreaterThan(100);
    expect(instruments.some((i) => i.tradingsymbol === 'NIFTY 50' || i.instrumentType === 'INDEX')).toBe(true);
    // Nothing flows before a subscription, like a broker.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(batches).toHaveLength(0);

    const chosen = instruments.filter((i) => i.instrumentType === 'EQ').slice(0, 3).map((i) => i.token);
    feed.subscribe(chosen);
    await until(() => batches.reduce((n, b) => n + b.columns.count, 0) >= 500);
    await feed.disconnect();
    const after = batches.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(batches.length).toBe(after);

    for (const batch of batches) {
      expect(batch.copy?.rows).toBe(batch.columns.count);
      expect(batch.verdicts.accepted).toBe(batch.columns.count);
      for (let i = 0; i < batch.columns.count; i += 1) {
        const tick = tickAt(batch.columns, i);
        expect(chosen).toContain(tick.token);
        expect(tick.ltp).toBeGreaterThan(0);
        expect(tick.bid === null || tick.ask === null || tick.bid < tick.ask).toBe(true);
      }
    }
  });
});
