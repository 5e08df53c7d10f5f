import { describe, expect, test } from 'vitest';
import { silentLogger } from '../../log';
import { TickRowEncoder } from '../../market/ingest/copy-binary';
import { packTicks, tickAt } from '../../market/ingest/tick-columns';
import type { TickBatch } from '../../market/feed-port';
import { fromWorkerSchema, stagedFromMessage, toWorkerSchema, type BatchMessage } from './feed-protocol';
import { SimulatedFeed } from './simulated-feed';

const tick = { token: 1, ts: 1_800_000_000_000, ltp: 100_00, lastQty: 1, volume: 1, oi: 0, bid: null, bidQty: 0, ask: null, askQty: 0 };
const verdicts = { accepted: 1, unknownToken: 0, badPrice: 0, malformed: 0, duplicate: 0, outOfOrder: 0 };

const message = (over: Partial<BatchMessage> = {}): BatchMessage => {
  const encoder = new TickRowEncoder();
  encoder.append(tick, 0, 0);
  const { bytes } = encoder.take();
  return { type: 'batch', count: 1, data: packTicks([tick]).data, copy: bytes, copyRows: 1, verdicts, receivedAt: 1, ...over };
};

describe('feed protocol', () => {
  test('control messages are checked: a bad rate, an unknown type, a token that is not a token', () => {
    expect(toWorkerSchema.safeParse({ type: 'rate', ratePerSec: -5 }).success).toBe(false);
    expect(toWorkerSchema.safeParse({ type: 'explode' }).success).toBe(false);
    expect(toWorkerSchema.safeParse({ type: 'subscribe', tokens: [1.5] }).success).toBe(false);
    expect(toWorkerSchema.safeParse({ type: 'subscribe', tokens: [1, 2] }).success).toBe(true);
  });

  test('a batch is refused when its shape is off, never trusted', () => {
    expect(typeof stagedFromMessage(message())).toBe('object');
    expect(stagedFromMessage(message({ count: 2 }))).toMatch(/expected 2 × 10/);
    expect(stagedFromMessage(message({ copyRows: 3 }))).toMatch(/cannot hold 3 rows/);
    expect(stagedFromMessage(message({ verdicts: { ...verdicts, accepted: 0 } }))).toMatch(/1 ticks but 0 accepted/);
    expect(fromWorkerSchema.safeParse({ ...message(), data: [1, 2, 3] }).success).toBe(false);
  });
});

describe('simulated feed, in process', () => {
  test('the worker code on one thread, flow-controlled: nothing more is sent until the consumer acknowledges', async () => {
    const feed = new SimulatedFeed({ seed: 99, ratePerSec: 1_000_000, simulateOutsideHours: true, day: '2026-11-23', holidays: [], workerPath: null, transport: 'in-process', log: silentLogger, maxBatchTicks: 500, maxInFlight: 1 });
    const batches: TickBatch[] = [];
    feed.onBatch((batch) => batches.push(batch));
    await feed.connect();
    feed.subscribe(feed.instruments().map((i) => i.token));
    while (batches.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(batches).toHaveLength(1); // one in flight, none acknowledged
    feed.acknowledge(1);
    while (batches.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await feed.disconnect();
    expect(batches[0]?.columns.count).toBeLessThanOrEqual(500);
    expect(tickAt(batches[1]?.columns ?? packTicks([]), 0).ltp).toBeGreaterThan(0);
    expect(feed.status().connected).toBe(false);
  });
});
