import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatabaseService } from '../db/database';
import type { DatabaseService } from '../db/service';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import { testLogger } from '../testing/kits/logger';
import { marketHandlers } from './market';
import { createFakeMarketService, testInstrument, type FakeMarketService } from '../testing/fakes/market-service';

/**
 * The market handlers on a real PostgreSQL with a fake feed: history joined
 * to the live bar, and a watchlist that survives a restart of the server.
 */
let testDb: TestDatabase;
let market: FakeMarketService;
const ctx = { transport: 'test' } as const;
const RELIANCE = 3;
const MASTER_ONLY = 77; // in the instrument master, not in the running feed's universe
const M = 60_000;
const t0 = Date.UTC(2026, 10, 20, 3, 45);

beforeAll(async () => {
  testDb = await startTestDatabase();
  market = createFakeMarketService([testInstrument(RELIANCE, 'RELIANCE')]);
  const db = testDb.service.kysely();
  await db
    .insertInto('instruments')
    .values([
      { instrument_token: RELIANCE, tradingsymbol: 'RELIANCE', name: 'RELIANCE INDUSTRIES', exchange: 'NSE', segment: 'NSE', instrument_type: 'EQ', tick_size: '0.05' },
      { instrument_token: MASTER_ONLY, tradingsymbol: 'TATASTEEL', name: 'TATA STEEL', exchange: 'NSE', segment: 'NSE', instrument_type: 'EQ', tick_size: '0.01' },
    ])
    .execute();
  await db
    .insertInto('candles')
    .values(
      [0, 1, 2, 3].map((i) => ({ token: RELIANCE, timeframe: '1m' as const, bucket: new Date(t0 + i * M), open: '100', high: '101', low: '99', close: '100.50', volume: 10 })),
    )
    .execute();
});

afterAll(async () => {
  await testDb?.cleanup();
});

describe('market.candles', () => {
  test('the live bar replaces the stored bar of its bucket: no gap, no duplicate', async () => {
    const handlers = marketHandlers(market, testDb.service);
    // The last stored bar (t0 + 3M) is a partial flush of the bucket still forming.
    market.setLive({ token: RELIANCE, timeframe: '1m', bucket: t0 + 3 * M, open: 10000, high: 10300, low: 9900, close: 10250, volume: 42, trades: 9, vwap: 10100, oi: 0 });
    const bars = await handlers['market.candles']({ token: RELIANCE, timeframe: '1m', limit: 1000 }, ctx);
    expect(bars.map((bar) => bar.bucket)).toEqual([t0, t0 + M, t0 + 2 * M, t0 + 3 * M]);
    expect(bars[3]).toMatchObject({ close: 10250, volume: 42 });
    expect(bars[0]).toMatchObject({ open: 10000, close: 10050, volume: 10 });
  });

  test('a new live bucket is appended after the stored history', async () => {
    const handlers = marketHandlers(market, testDb.service);
    market.setLive({ token: RELIANCE, timeframe: '1m', bucket: t0 + 4 * M, open: 10250, high: 10250, low: 10250, close: 10250, volume: 1, trades: 1, vwap: 10250, oi: 0 });
    const bars = await handlers['market.candles']({ token: RELIANCE, timeframe: '1m', limit: 3 }, ctx);
    expect(bars.map((bar) => bar.bucket)).toEqual([t0 + 2 * M, t0 + 3 * M, t0 + 4 * M]);
    const older = await handlers['market.candles']({ token: RELIANCE, timeframe: '1m', before: bars[0]?.bucket, limit: 3 }, ctx);
    expect(older.map((bar) => bar.bucket)).toEqual([t0, t0 + M]);
  });
});

describe('watchlist', () => {
  test('adds feed and master instruments, refuses unknown ones, and survives a restart', async () => {
    let handlers = marketHandlers(market, testDb.service);
    await handlers['watchlist.add']({ token: RELIANCE }, ctx);
    const list = await handlers['watchlist.add']({ token: MASTER_ONLY }, ctx);
    expect(list.map((item) => [item.token, item.instrument?.tradingsymbol])).toEqual([
      [RELIANCE, 'RELIANCE'],
      [MASTER_ONLY, 'TATASTEEL'],
    ]);
    await expect(handlers['watchlist.add']({ token: 404 }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await handlers['watchlist.move']({ token: MASTER_ONLY, toIndex: 0 }, ctx);

    await testDb.service.stop();
    const again: DatabaseService = createDatabaseService({ dataDir: testDb.dataDir, port: null }, testLogger());
    await again.start();
    try {
      handlers = marketHandlers(market, again);
      const after = await handlers['watchlist.list']({}, ctx);
      expect(after.map((item) => item.token)).toEqual([MASTER_ONLY, RELIANCE]);
      const removed = await handlers['watchlist.remove']({ token: MASTER_ONLY }, ctx);
      expect(removed.map((item) => item.token)).toEqual([RELIANCE]);
      await expect(handlers['watchlist.remove']({ token: MASTER_ONLY }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await again.stop();
    }
  });
});
