import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../testing/kits/database';
import { testLogger } from '../../testing/kits/logger';
import type { ClosedCandle } from '../candle-builder';
import { CandleStore } from './candle-store';

/**
 * Closed candles reach `candles`; a bucket seen in two parts (saved at stop,
 * continued after a restart) is merged, not overwritten.
 */
let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
});

afterAll(async () => {
  await db?.cleanup();
});

const bucket = Date.parse('2026-11-20T03:45:00Z');
const candle = (over: Partial<ClosedCandle>): ClosedCandle => ({ token: 5, timeframe: '1h', bucket, open: 100_00, high: 101_00, low: 99_00, close: 100_50, volume: 10, trades: 4, vwap: 100_20, oi: 7, turnover: 100_200n, vwapVolume: 10, ...over });

describe('candle store', () => {
  test('the two parts of a bucket merge: first open, widest range, last close, volumes and trades added, VWAP weighted', async () => {
    let ready = true;
    const store = new CandleStore({ pool: () => db.service.pool(), databaseReady: () => ready, hasOpenInterest: (token) => token === 5, log: testLogger() });
    store.add([candle({}), candle({ token: 6, timeframe: '1m' })]);
    await store.flush();
    // The database goes away: the second part waits in memory.
    ready = false;
    store.add([candle({ open: 100_40, high: 102_00, low: 99_50, close: 101_50, volume: 30, trades: 6, turnover: 304_500n, vwapVolume: 30 })]);
    await store.flush();
    expect(store.pending).toBe(1);
    ready = true;
    await store.flush();
    expect(store.pending).toBe(0);
    expect(store.written).toBe(3);

    const { rows } = await sql<Record<string, string | number | null>>`
      SELECT token, timeframe, open::text, high::text, low::text, close::text, volume::text, trades, vwap::text, oi::text FROM candles ORDER BY token`.execute(db.service.kysely());
    expect(rows).toEqual([
      { token: '5', timeframe: '1h', open: '100.00', high: '102.00', low: '99.00', close: '101.50', volume: '40', trades: 10, vwap: '101.1750', oi: '7' },
      { token: '6', timeframe: '1m', open: '100.00', high: '101.00', low: '99.00', close: '100.50', volume: '10', trades: 4, vwap: '100.2000', oi: null },
    ]);
  });
});
