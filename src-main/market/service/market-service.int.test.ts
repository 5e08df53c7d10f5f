import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { useMarketTestbed } from '../../testing/kits/market';
import { feedHealthSchema, type FeedHealth } from '../../../src-shared/market/feed-health';
import { quoteSchema, type Quote } from '../../../src-shared/market/quote';
import type { CandleUpdate } from './market-service';
import { countTicks, sleep, waitFor } from '../../testing/kits/market-checks';

/**
 * The market service with the shipped worker on a real PostgreSQL: ticks
 * reach market_ticks, closed candles reach `candles`, quotes and candles are
 * pushed coalesced, the instrument list lands in `instruments`, and the
 * health line says SIMULATED and how fast ticks flow.
 */
const bed = useMarketTestbed();

describe('market service', () => {
  test('from the worker to the database and the screen', async () => {
    const market = bed.market({ seed: 3, ratePerSec: 2_000, simulateOutsideHours: true }, { healthMs: 250 });
    const quoteCalls: Quote[][] = [];
    const candleCalls: CandleUpdate[][] = [];
    const healths: FeedHealth[] = [];
    market.onQuotes((quotes) => quoteCalls.push(quotes));
    market.onCandles((candles) => candleCalls.push(candles));
    market.onHealth((health) => healths.push(health));
    await market.start();
    const kysely = bed.db.service.kysely();
    try {
      const universe = [...market.instruments().values()];
      const stock = universe.find((i) => i.instrumentType === 'EQ');
      if (!stock) throw new Error('no stock in the universe');
      market.setCandleInterest([{ token: stock.token, timeframe: '1s' }]);
      const began = Date.now();
      await waitFor(() => market.latestQuote(stock.token) !== null, 10_000, 'a quote');
      // 1 s candles close as time passes; they are saved within a fraction of a second.
      await waitFor(async () => {
        const { rows } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM candles WHERE timeframe = '1s'`.execute(kysely);
        return Number(rows[0]?.n) > 0;
      }, 15_000, 'saved 1s candles');
      await sleep(500);
      const elapsed = Date.now() - began;

      expect(await countTicks(kysely)).toBeGreaterThan(0);
      const { rows: saved } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM instruments WHERE broker = 'simulated'`.execute(kysely);
      expect(Number(saved[0]?.n)).toBe(universe.length);

      const quote = market.latestQuote(stock.token);
      expect(quoteSchema.parse(quote)).toMatchObject({ token: stock.token });
      expect(quote?.change).toBe((quote?.ltp ?? 0) - (quote?.close ?? 0));
      // Coalesced: at most one push per ~16 ms however many batches arrived, each quote once per push.
      expect(quoteCalls.length).toBeGreaterThan(0);
      expect(quoteCalls.length).toBeLessThanOrEqual(Math.ceil(elapsed / 12) + 5);
      for (const call of quoteCalls) expect(new Set(call.map((q) => q.token)).size).toBe(call.length);
      // Only the candles asked for are pushed.
      expect(candleCalls.flat().length).toBeGreaterThan(0);
      for (const candle of candleCalls.flat()) expect(candle).toMatchObject({ token: stock.token, timeframe: '1s' });
      expect(market.liveCandle(stock.token, '1d')).toMatchObject({ token: stock.token, timeframe: '1d' });

      await waitFor(() => healths.some((h) => h.ticksPerSec > 0 && h.lagMs !== null), 10_000, 'a health line with traffic');
      const health = feedHealthSchema.parse(healths[healths.length - 1]);
      expect(health).toMatchObject({ feed: 'simulated', simulated: true, connected: true, writer: 'writing', journalBytes: 0, lastError: null });
      expect(health.written).toBeGreaterThan(0);
    } finally {
      await market.stop();
    }
    // stop() saved the bars still forming: today's 1d candle is there for a restart to merge into.
    const { rows: daily } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM candles WHERE timeframe = '1d'`.execute(kysely);
    expect(Number(daily[0]?.n)).toBeGreaterThan(0);
    expect(market.health()).toMatchObject({ connected: false, writer: 'stopped' });
  }, 120_000);
});
