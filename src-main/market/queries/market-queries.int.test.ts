import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../db/schema';
import { startTestDatabase, type TestDatabase } from '../../testing/kits/database';
import { storedCandles } from './candle-history';
import { escapeLike, instrumentsByToken, searchInstruments } from './instrument-search';
import { addToWatchlist, listWatchlist, moveInWatchlist, removeFromWatchlist } from './watchlist-queries';

/**
 * The market queries against a real migrated PostgreSQL: search ranking
 * through the trigram indexes, candle pages, and the watchlist's order.
 */
let testDb: TestDatabase;
let db: Kysely<Database>;

type Row = { token: number; symbol: string; name: string; type: 'EQ' | 'FUT' | 'CE' | 'PE' | 'INDEX'; expiry?: string; strike?: string; exchange?: 'NSE' | 'NFO' | 'NCO' };
const master: Row[] = [
  { token: 1, symbol: 'RELIANCE26DECFUT', name: 'RELIANCE', type: 'FUT', expiry: '2026-12-29', exchange: 'NFO' },
  { token: 2, symbol: 'RELIANCE26DEC1300CE', name: 'RELIANCE', type: 'CE', expiry: '2026-12-29', strike: '1300', exchange: 'NFO' },
  { token: 3, symbol: 'RELIANCE', name: 'RELIANCE INDUSTRIES', type: 'EQ' },
  { token: 4, symbol: 'RELINFRA', name: 'RELIANCE INFRASTRUCTURE', type: 'EQ' },
  { token: 5, symbol: 'INFY', name: 'INFOSYS', type: 'EQ' },
  { token: 6, symbol: 'NIFTY 50', name: 'NIFTY 50', type: 'INDEX' },
  { token: 7, symbol: 'NIFTY26DECFUT', name: 'NIFTY', type: 'FUT', expiry: '2026-12-29', exchange: 'NFO' },
  { token: 8, symbol: 'M&M', name: 'MAHINDRA & MAHINDRA', type: 'EQ' },
  { token: 9, symbol: 'RELIANCE26NOVFUT', name: 'RELIANCE', type: 'FUT', expiry: '2026-11-24', exchange: 'NFO' },
  { token: 10, symbol: 'GOLDM', name: 'GOLD MINI', type: 'FUT', expiry: '2026-12-05', exchange: 'NCO' },
];

beforeAll(async () => {
  testDb = await startTestDatabase();
  db = testDb.service.kysely();
  await db
    .insertInto('instruments')
    .values(
      master.map((row) => ({
        instrument_token: row.token,
        exchange_token: row.token,
        tradingsymbol: row.symbol,
        name: row.name,
        exchange: row.exchange ?? 'NSE',
        segment: row.exchange ?? 'NSE',
        instrument_type: row.type,
        expiry: row.expiry ?? null,
        strike: row.strike ?? null,
        lot_size: row.type === 'EQ' || row.type === 'INDEX' ? 1 : 500,
        tick_size: '0.0500',
      })),
    )
    .execute();
});

afterAll(async () => {
  await testDb?.cleanup();
});

const symbols = async (query: string, limit = 20) => (await searchInstruments(db, query, limit)).map((i) => i.tradingsymbol);

describe('instrument search', () => {
  test('the exact symbol first, then cash before futures (nearest expiry first) before options', async () => {
    expect(await symbols('reliance')).toEqual(['RELIANCE', 'RELIANCE26NOVFUT', 'RELIANCE26DECFUT', 'RELIANCE26DEC1300CE', 'RELINFRA']);
  });

  test('symbol prefixes rank above name prefixes and substrings', async () => {
    expect((await symbols('REL'))[0]).toBe('RELIANCE');
    expect(await symbols('nifty')).toEqual(['NIFTY 50', 'NIFTY26DECFUT']);
    expect(await symbols('infosys')).toEqual(['INFY']);
  });

  test('a typo still finds the instrument (pg_trgm similarity)', async () => {
    expect(await symbols('RELAINCE')).toContain('RELIANCE');
  });

  test('LIKE wildcards in the box are literal text', async () => {
    expect(escapeLike('50%_\\')).toBe('50\\%\\_\\\\');
    expect(await symbols('%')).toEqual([]);
    expect(await symbols('M&M')).toEqual(['M&M']);
  });

  test('honours the limit and converts rows to paise; skips exchanges the terminal does not trade', async () => {
    expect(await symbols('RELIANCE', 2)).toEqual(['RELIANCE', 'RELIANCE26NOVFUT']);
    const [ce] = await searchInstruments(db, 'RELIANCE26DEC1300CE', 1);
    expect(ce).toMatchObject({ token: 2, strike: 130000, tickSize: 5, lotSize: 500, expiry: '2026-12-29', exchange: 'NFO' });
    expect(await symbols('GOLDM')).toEqual([]);
  });

  test('the symbol search can use the trigram index', async () => {
    await sql`SET enable_seqscan = off`.execute(db);
    try {
      const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT * FROM instruments WHERE tradingsymbol ILIKE '%RELI%'`.execute(db);
      expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('instruments_tradingsymbol_trgm');
    } finally {
      await sql`RESET enable_seqscan`.execute(db);
    }
  });

  test('instrumentsByToken answers only known tokens', async () => {
    const found = await instrumentsByToken(db, [3, 5, 404]);
    expect([...found.keys()].sort()).toEqual([3, 5]);
  });
});

describe('candle pages', () => {
  const M = 60_000;
  const t0 = Date.UTC(2026, 10, 20, 3, 45); // 09:15 IST
  beforeAll(async () => {
    await db
      .insertInto('candles')
      .values(
        Array.from({ length: 10 }, (_, i) => ({
          token: 3,
          timeframe: '1m' as const,
          bucket: new Date(t0 + i * M),
          open: '2450.05',
          high: '2451.00',
          low: '2449.95',
          close: `2450.${String(10 + i)}`,
          volume: 100 + i,
          trades: 3,
          vwap: '2450.4750',
          oi: null,
        })),
      )
      .execute();
    await db.insertInto('candles').values({ token: 3, timeframe: '5m', bucket: new Date(t0), open: '1', high: '1', low: '1', close: '1' }).execute();
  });

  test('the newest page ascending, in paise, VWAP rounded half-up', async () => {
    const page = await storedCandles(db, { token: 3, timeframe: '1m', limit: 3 });
    expect(page.map((c) => c.bucket)).toEqual([t0 + 7 * M, t0 + 8 * M, t0 + 9 * M]);
    expect(page[0]).toEqual({ token: 3, timeframe: '1m', bucket: t0 + 7 * M, open: 245005, high: 245100, low: 244995, close: 245017, volume: 107, trades: 3, vwap: 245048, oi: 0 });
  });

  test('older pages before a bucket meet the newer page with no gap and no overlap', async () => {
    const newest = await storedCandles(db, { token: 3, timeframe: '1m', limit: 4 });
    const older = await storedCandles(db, { token: 3, timeframe: '1m', before: newest[0]?.bucket, limit: 4 });
    const oldest = await storedCandles(db, { token: 3, timeframe: '1m', before: older[0]?.bucket, limit: 4 });
    const all = [...oldest, ...older, ...newest].map((c) => c.bucket);
    expect(all).toEqual(Array.from({ length: 10 }, (_, i) => t0 + i * M));
    expect(await storedCandles(db, { token: 3, timeframe: '1m', before: t0, limit: 4 })).toEqual([]);
  });

  test('keeps timeframes and tokens apart', async () => {
    expect(await storedCandles(db, { token: 3, timeframe: '5m', limit: 100 })).toHaveLength(1);
    expect(await storedCandles(db, { token: 4, timeframe: '1m', limit: 100 })).toEqual([]);
  });
});

describe('watchlist', () => {
  const order = async () => (await listWatchlist(db)).map((row) => row.token);

  test('adds in order, ignores a second add of the same token', async () => {
    expect(await addToWatchlist(db, 3)).toBe('added');
    expect(await addToWatchlist(db, 5)).toBe('added');
    expect(await addToWatchlist(db, 6)).toBe('added');
    expect(await addToWatchlist(db, 5)).toBe('present');
    expect(await order()).toEqual([3, 5, 6]);
    expect((await listWatchlist(db)).map((row) => row.position)).toEqual([0, 1, 2]);
  });

  test('moves and removes, keeping positions dense', async () => {
    expect(await moveInWatchlist(db, 6, 0)).toBe(true);
    expect(await order()).toEqual([6, 3, 5]);
    expect(await moveInWatchlist(db, 6, 99)).toBe(true);
    expect(await order()).toEqual([3, 5, 6]);
    expect(await moveInWatchlist(db, 404, 0)).toBe(false);
    expect(await removeFromWatchlist(db, 5)).toBe(true);
    expect(await removeFromWatchlist(db, 5)).toBe(false);
    expect(await order()).toEqual([3, 6]);
    expect((await listWatchlist(db)).map((row) => row.position)).toEqual([0, 1]);
  });

  test('concurrent adds never share a position', async () => {
    await Promise.all([7, 8, 9, 1, 2].map((token) => addToWatchlist(db, token)));
    const positions = (await listWatchlist(db)).map((row) => row.position);
    expect(positions).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
