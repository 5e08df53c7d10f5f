import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { ContractError, methods, toErrorEnvelope, type EventName } from '../../src-shared/contract';
import type { CallOutcome } from '../../src-shared/contract/wire';
import type { Database } from '../db/schema';
import type { DatabaseService } from '../db/service';
import { forwardMarketEvents, marketHandlers, unavailableMarketHandlers, type MarketMethod } from './market';
import { createFakeMarketService, testHealth, testInstrument, testQuote, type FakeMarketService } from '../testing/fakes/market-service';
import type { DomainHandlers, Handler } from './registry';

/** A database that answers every query with no rows: the unit tests never reach PostgreSQL. */
function emptyDatabase(): DatabaseService {
  const kysely = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const fail = (): never => {
    throw new Error('not used by these tests');
  };
  return { start: fail, stop: fail, status: fail, onStatus: fail, kysely: () => kysely, pool: fail, connectionUrl: fail };
}

let market: FakeMarketService;
let handlers: DomainHandlers<MarketMethod>;

/** Validates like registry.dispatch (the contract's zod schema first), then runs the market handler. */
async function call(method: MarketMethod, args: unknown): Promise<CallOutcome> {
  try {
    const parsed = methods[method].args.safeParse(args);
    if (!parsed.success) throw new ContractError('VALIDATION', `Invalid arguments for "${method}"`);
    const handler = handlers[method] as Handler<MarketMethod>;
    return { ok: true, result: await handler(parsed.data as never, { transport: 'test' }) };
  } catch (error) {
    return { ok: false, error: toErrorEnvelope(error) };
  }
}

const RELIANCE = 738561;
const INFY = 408065;

beforeEach(() => {
  market = createFakeMarketService([testInstrument(RELIANCE, 'RELIANCE'), testInstrument(INFY, 'INFY')]);
  handlers = marketHandlers(market, emptyDatabase());
});

describe('market handlers: validation', () => {
  it('refuses a bad timeframe, a zero token, a float token and oversized limits with VALIDATION', async () => {
    const bad: Array<[MarketMethod, unknown]> = [
      ['market.candles', { token: RELIANCE, timeframe: '2m', limit: 10 }],
      ['market.candles', { token: RELIANCE, timeframe: '1m', limit: 5001 }],
      ['market.candles', { token: RELIANCE, timeframe: '1m', before: -1 }],
      ['market.candles', { token: 0, timeframe: '1m' }],
      ['market.quotes', { tokens: [1.5] }],
      ['market.quotes', { tokens: Array.from({ length: 501 }, (_, i) => i + 1) }],
      ['market.search', { query: '' }],
      ['market.search', { query: '   ' }],
      ['market.search', { query: 'x'.repeat(65) }],
      ['market.search', { query: 'REL', limit: 51 }],
      ['market.watchCandles', { keys: Array.from({ length: 9 }, () => ({ token: RELIANCE, timeframe: '1m' })) }],
      ['watchlist.add', { token: -3 }],
      ['watchlist.add', { token: RELIANCE, extra: true }],
    ];
    for (const [method, args] of bad) {
      expect(await call(method, args), `${method} ${JSON.stringify(args).slice(0, 60)}`).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });
});

describe('market handlers: unknown tokens', () => {
  it('answers NOT_FOUND for a token neither the feed nor the master knows', async () => {
    for (const [method, args] of [
      ['market.candles', { token: 999, timeframe: '1m' }],
      ['market.quotes', { tokens: [RELIANCE, 999] }],
      ['market.watchCandles', { keys: [{ token: 999, timeframe: '5m' }] }],
      ['watchlist.add', { token: 999 }],
    ] as Array<[MarketMethod, unknown]>) {
      const outcome = await call(method, args);
      expect(outcome, method).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { tokens: [999] } } });
    }
  });
});

describe('market handlers: live state', () => {
  it('snapshots the quotes that exist, once per token', async () => {
    market.setQuote(testQuote(RELIANCE, 245005, { close: 240000 }));
    const outcome = await call('market.quotes', { tokens: [RELIANCE, INFY, RELIANCE] });
    expect(outcome).toEqual({ ok: true, result: [testQuote(RELIANCE, 245005, { close: 240000 })] });
  });

  it('answers the live bar when nothing is stored yet', async () => {
    const live = { token: RELIANCE, timeframe: '1m' as const, bucket: 1_700_000_040_000, open: 100, high: 110, low: 95, close: 105, volume: 7, trades: 3, vwap: 104, oi: 0 };
    market.setLive(live);
    expect(await call('market.candles', { token: RELIANCE, timeframe: '1m' })).toEqual({ ok: true, result: [live] });
    // A page of older history (before the live bucket) leaves the live bar out.
    expect(await call('market.candles', { token: RELIANCE, timeframe: '1m', before: live.bucket })).toEqual({ ok: true, result: [] });
  });

  it('sets the candle interest, without duplicates', async () => {
    const outcome = await call('market.watchCandles', {
      keys: [
        { token: RELIANCE, timeframe: '1m' },
        { token: RELIANCE, timeframe: '1m' },
        { token: INFY, timeframe: '1d' },
      ],
    });
    expect(outcome).toEqual({ ok: true, result: { watching: 2 } });
    expect(market.interest).toEqual([
      { token: RELIANCE, timeframe: '1m' },
      { token: INFY, timeframe: '1d' },
    ]);
    expect(await call('market.watchCandles', { keys: [] })).toEqual({ ok: true, result: { watching: 0 } });
    expect(market.interest).toEqual([]);
  });

  it('answers the feed health line', async () => {
    market.pushHealth(testHealth({ ticksPerSec: 1234, simulated: true }));
    expect(await call('market.health', {})).toMatchObject({ ok: true, result: { ticksPerSec: 1234, simulated: true } });
  });

  it('every handler answers a result its contract schema accepts', async () => {
    market.setQuote(testQuote(INFY, 150000));
    const outcome = await call('market.quotes', { tokens: [INFY] });
    expect(outcome.ok && methods['market.quotes'].result.safeParse(outcome.result).success).toBe(true);
    const health = await call('market.health', {});
    expect(health.ok && methods['market.health'].result.safeParse(health.result).success).toBe(true);
  });
});

describe('forwardMarketEvents', () => {
  it('forwards quotes, candles (as {token, timeframe, candle}) and health, and stops on unsubscribe', () => {
    const seen: Array<[EventName, unknown]> = [];
    const off = forwardMarketEvents(market, (event, payload) => seen.push([event, payload]));
    const quote = testQuote(RELIANCE, 100);
    const candle = { token: RELIANCE, timeframe: '5m' as const, bucket: 0, open: 1, high: 2, low: 1, close: 2, volume: 0, trades: 1, vwap: null, oi: 0 };
    market.pushQuotes([quote]);
    market.pushCandles([candle]);
    market.pushHealth(testHealth());
    expect(seen).toEqual([
      ['market.quotes', [quote]],
      ['market.candles', [{ token: RELIANCE, timeframe: '5m', candle }]],
      ['market.health', testHealth()],
    ]);
    off();
    market.pushQuotes([quote]);
    expect(seen).toHaveLength(3);
  });
});

describe('unavailableMarketHandlers', () => {
  it('answers UNAVAILABLE for every market method', async () => {
    handlers = unavailableMarketHandlers();
    expect(await call('market.health', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(await call('watchlist.list', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});
