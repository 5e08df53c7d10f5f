import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Tick } from '../../../src-shared/domain/tick';
import { istInstant } from '../../../src-shared/market/ist-calendar';
import type { TickBatch } from '../feed-port';
import { startTestDatabase, type TestDatabase } from '../../testing/kits/database';
import { testLogger } from '../../testing/kits/logger';
import { TickRowEncoder } from '../ingest/copy-binary';
import { Journal } from '../ingest/journal';
import { tickAt } from '../ingest/tick-columns';
import { TickWriter } from '../ingest/tick-writer';
import { writerClientFactory } from '../ingest/writer-client';
import { waitFor } from '../../testing/kits/market-checks';
import { ReplayFeed } from './replay-feed';

/**
 * Replay of a stored day: the ticks come back in time order with their exact
 * values, only for subscribed tokens, paced by the speed, and a long quiet
 * stretch is skipped rather than waited out.
 */
const DAY = '2026-11-20';
let db: TestDatabase;
const stored: Tick[] = [];

beforeAll(async () => {
  db = await startTestDatabase();
  const kysely = db.service.kysely();
  await kysely
    .insertInto('instruments')
    .values([1, 2].map((token) => ({ instrument_token: String(token), tradingsymbol: `SYM${token}`, exchange: 'NSE' as const, segment: 'NSE', instrument_type: 'EQ' as const, tick_size: '0.05' })))
    .execute();
  const open = istInstant(DAY, 9 * 60 + 15);
  // Two seconds of trading, then (an hour later) two more ticks: the gap is skipped.
  for (let i = 0; i < 400; i += 1) stored.push({ token: 1 + (i % 2), ts: open + i * 5, ltp: 1000_00 + i * 5, lastQty: 1, volume: i + 1, oi: 0, bid: 999_95 + i * 5, bidQty: 3, ask: 1000_05 + i * 5, askQty: 4 });
  stored.push({ token: 1, ts: open + 3_600_000, ltp: 1010_00, lastQty: 2, volume: 1000, oi: 0, bid: null, bidQty: 0, ask: null, askQty: 0 });
  stored.push({ token: 2, ts: open + 3_600_001, ltp: 1010_05, lastQty: 2, volume: 1001, oi: 0, bid: 1010_00, bidQty: 1, ask: 1010_10, askQty: 1 });
  // A tick of the next day is not part of the replay.
  stored.push({ token: 1, ts: istInstant('2026-11-21', 9 * 60 + 15), ltp: 1, lastQty: 1, volume: 1, oi: 0, bid: null, bidQty: 0, ask: null, askQty: 0 });
  const journal = await Journal.open({ dir: join(db.dataDir, 'journal'), maxBytes: 1e8, log: testLogger() });
  const writer = new TickWriter({ journal, connect: writerClientFactory(db.service, testLogger()), databaseReady: () => true, rejectedDir: join(db.dataDir, 'rejected'), log: testLogger() });
  const encoder = new TickRowEncoder();
  for (const t of stored) encoder.append(t, Date.now(), 0);
  const { bytes, rows } = encoder.take();
  writer.write({ bytes, rows, receivedAt: Date.now() });
  await waitFor(() => writer.stats().writtenRows === stored.length);
  await writer.stop();
});

afterAll(async () => {
  await db?.cleanup();
});

describe('replay feed', () => {
  test('replays the stored day in order, exact, at 100x, skipping the long gap', async () => {
    const feed = new ReplayFeed({ db: db.service, day: DAY, speed: 100, log: testLogger() });
    const batches: TickBatch[] = [];
    feed.onBatch((batch) => batches.push(batch));
    await feed.connect();
    expect(feed.persist).toBe(false);
    expect(feed.simulated).toBe(true);
    expect(feed.instruments().map((i) => i.token).sort()).toEqual([1, 2]);
    feed.subscribe([1, 2]);
    await waitFor(() => feed.finished, 20_000, 'the replay to finish');
    await feed.disconnect();

    const replayed = batches.flatMap((b) => Array.from({ length: b.columns.count }, (_, i) => tickAt(b.columns, i)));
    expect(replayed).toEqual(stored.slice(0, 402));
    expect(batches.every((b) => b.copy === null)).toBe(true);
    // 2 s of market time at 100x is about 20 ms: spread over several batches, not one dump.
    expect(batches.length).toBeGreaterThan(1);
  }, 30_000);

  test('only subscribed tokens are replayed; an empty day says so', async () => {
    const feed = new ReplayFeed({ db: db.service, day: DAY, speed: 100, log: testLogger() });
    const tokens = new Set<number>();
    feed.onBatch((batch) => {
      for (let i = 0; i < batch.columns.count; i += 1) tokens.add(tickAt(batch.columns, i).token);
    });
    await feed.connect();
    feed.subscribe([2]);
    await waitFor(() => feed.finished, 20_000, 'the replay to finish');
    await feed.disconnect();
    expect([...tokens]).toEqual([2]);

    const empty = new ReplayFeed({ db: db.service, day: '2026-11-19', speed: 1, log: testLogger() });
    await empty.connect();
    expect(empty.status().error).toMatch(/No ticks are stored for 2026-11-19/);
    await empty.disconnect();
    expect(() => new ReplayFeed({ db: db.service, day: DAY, speed: 500, log: testLogger() })).toThrow(/1 to 100/);
  }, 30_000);
});
