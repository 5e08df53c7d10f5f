import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { marketHandlers } from './market';
import { testInstrument } from '../testing/fakes/market-service';
import { RecordingFeed } from '../testing/fakes/recording-feed';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import { testLogger } from '../testing/kits/logger';
import { createMarketService } from '../market/service/market-service-impl';
import { waitFor } from '../testing/kits/market-checks';

/**
 * Which tokens the market service asks its feed for, on a real PostgreSQL with a
 * fake feed that records subscribe/unsubscribe: a broker's feed (Kite) streams the
 * watchlist, the charts, open positions and working orders — only the changes are
 * sent — while a simulated feed streams its whole universe.
 */
const universe = Array.from({ length: 200 }, (_, i) => testInstrument(1_000 + i, `SYM${i}`));
const ctx = { transport: 'test' } as const;
const sorted = (tokens: Iterable<number>) => [...tokens].sort((a, b) => a - b);

let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
}, 120_000);

afterAll(async () => {
  await db?.cleanup();
});

function marketWith(feed: RecordingFeed, over: { subscriptionRefreshMs?: number; subscriptionCapacity?: number } = {}) {
  return createMarketService({
    db: db.service,
    dataDir: db.dataDir,
    settings: { feed: 'kite' },
    log: testLogger(),
    feed: () => Promise.resolve(feed),
    healthMs: 50,
    ...over,
  });
}

describe('feed subscriptions', () => {
  test('a broker feed streams the watchlist and the charts, and follows watchlist changes', async () => {
    const kysely = db.service.kysely();
    await sql`INSERT INTO watchlist (instrument_token, position) VALUES (1005, 0), (1007, 1)`.execute(kysely);
    const feed = new RecordingFeed({ instruments: universe });
    const market = marketWith(feed);
    market.setCandleInterest([{ token: 1010, timeframe: '1m' }]);
    await market.start();
    try {
      expect(sorted(feed.tokens)).toEqual([1005, 1007, 1010]);
      expect(feed.calls).toHaveLength(1);

      const handlers = marketHandlers(market, db.service);
      await handlers['watchlist.add']({ token: 1020 }, ctx);
      expect(sorted(feed.tokens)).toEqual([1005, 1007, 1010, 1020]);
      // Only the change was sent.
      expect(feed.calls.at(-1)).toEqual({ op: 'subscribe', tokens: [1020] });

      await handlers['watchlist.remove']({ token: 1005 }, ctx);
      expect(sorted(feed.tokens)).toEqual([1007, 1010, 1020]);
      expect(feed.calls.at(-1)).toEqual({ op: 'unsubscribe', tokens: [1005] });

      // A token both charted and on the watchlist stays while either wants it.
      await handlers['watchlist.add']({ token: 1010 }, ctx);
      const before = feed.calls.length;
      await handlers['watchlist.move']({ token: 1010, toIndex: 0 }, ctx);
      expect(feed.calls.length).toBe(before);

      // The chart moves elsewhere: the old chart token stays (watchlist), the new one comes in.
      market.setCandleInterest([{ token: 1030, timeframe: '5m' }]);
      await waitFor(() => feed.tokens.has(1030), 5_000, 'the chart token');
      await handlers['watchlist.remove']({ token: 1010 }, ctx);
      expect(sorted(feed.tokens)).toEqual([1007, 1020, 1030]);
    } finally {
      await market.stop();
      await sql`DELETE FROM watchlist`.execute(kysely);
    }
  }, 60_000);

  test('open positions are picked up by the periodic refresh; capacity is a health message', async () => {
    const kysely = db.service.kysely();
    await sql`INSERT INTO watchlist (instrument_token, position) VALUES (1001, 0), (1002, 1), (1003, 2)`.execute(kysely);
    const feed = new RecordingFeed({ instruments: universe });
    const market = marketWith(feed, { subscriptionRefreshMs: 50, subscriptionCapacity: 3 });
    await market.start();
    try {
      expect(sorted(feed.tokens)).toEqual([1001, 1002, 1003]);
      await waitFor(() => market.health().connected, 5_000, 'a health line');
      expect(market.health().lastError).toBeNull();

      await sql`
        INSERT INTO positions (token, product, tradingsymbol, exchange, net_qty, trading_date)
        VALUES (1050, 'MIS', 'SYM50', 'NSE', 10, current_date), (1060, 'MIS', 'SYM60', 'NSE', 0, current_date)`.execute(kysely);
      // The position comes first; the watchlist's tail gives way (capacity 3); a flat position is not streamed.
      await waitFor(() => feed.tokens.has(1050), 5_000, 'the open position');
      expect(sorted(feed.tokens)).toEqual([1001, 1002, 1050]);
      await waitFor(() => (market.health().lastError ?? '').includes('Streaming 3 of 4 instruments'), 5_000, 'the capacity message');
    } finally {
      await market.stop();
      await sql`DELETE FROM watchlist`.execute(kysely);
      await sql`DELETE FROM positions`.execute(kysely);
    }
  }, 60_000);

  test('a simulated feed still streams its whole universe', async () => {
    const kysely = db.service.kysely();
    await sql`INSERT INTO watchlist (instrument_token, position) VALUES (1001, 0)`.execute(kysely);
    const feed = new RecordingFeed({ simulated: true, instruments: universe });
    const market = marketWith(feed, { subscriptionRefreshMs: 50 });
    await market.start();
    try {
      expect(sorted(feed.tokens)).toEqual(universe.map((i) => i.token));
      const handlers = marketHandlers(market, db.service);
      await handlers['watchlist.remove']({ token: 1001 }, ctx);
      market.setCandleInterest([{ token: 1002, timeframe: '1m' }]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(feed.calls).toHaveLength(1);
      expect(feed.tokens.size).toBe(universe.length);
    } finally {
      await market.stop();
      await sql`DELETE FROM watchlist`.execute(kysely);
    }
  }, 60_000);
});
