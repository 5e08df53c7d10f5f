import { ContractError, type EventName, type EventPayload } from '../../src-shared/contract';
import type { DatabaseService } from '../db/service';
import { searchInstruments } from '../market/queries/instrument-search';
import { ChartReads } from '../market/service/chart-reads';
import { InstrumentLookup } from '../market/service/instrument-lookup';
import type { MarketService } from '../market/service/market-service';
import { WatchlistService } from '../market/service/watchlist-service';
import { DisposableStore } from '../util/disposable-store';
import type { DomainHandlers } from './registry';

export type MarketMethod =
  | 'market.search'
  | 'watchlist.list'
  | 'watchlist.add'
  | 'watchlist.remove'
  | 'watchlist.move'
  | 'market.quotes'
  | 'market.candles'
  | 'market.watchCandles'
  | 'market.health';

/**
 * The market domain: validate (the registry has parsed the arguments), delegate, map.
 * Search, history and the watchlist read PostgreSQL; live quotes, the forming bar and
 * feed health come from the market service's memory, so a chart and a watchlist keep
 * updating while the database restarts (only the calls that need it answer
 * UNAVAILABLE). What each call decides lives in market/service/ (watchlist-service.ts,
 * chart-reads.ts, instrument-lookup.ts).
 */
export function marketHandlers(market: MarketService, db: DatabaseService): DomainHandlers<MarketMethod> {
  const lookup = new InstrumentLookup(market, db);
  const watchlist = new WatchlistService(db, lookup, market);
  const charts = new ChartReads(market, db, lookup);
  return {
    'market.search': ({ query, limit }) => searchInstruments(db.kysely(), query, limit),
    'watchlist.list': () => watchlist.list(),
    'watchlist.add': ({ token }) => watchlist.add(token),
    'watchlist.remove': ({ token }) => watchlist.remove(token),
    'watchlist.move': ({ token, toIndex }) => watchlist.move(token, toIndex),
    'market.quotes': ({ tokens }) => charts.quotes(tokens),
    'market.candles': ({ token, timeframe, before, limit }) => charts.candles({ token, timeframe, before, limit }),
    'market.watchCandles': async ({ keys }) => ({ watching: await charts.watchCandles(keys) }),
    'market.health': () => market.health(),
  };
}

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * Forwards the service's pushes to the contract's events (core.ts registers the
 * function returned, which unsubscribes all three, with its teardown).
 */
export function forwardMarketEvents(market: MarketService, emit: Emit): () => void {
  const forwarding = new DisposableStore();
  forwarding.add(market.onQuotes((quotes) => emit('market.quotes', quotes)));
  forwarding.add(market.onCandles((candles) => emit('market.candles', candles.map((candle) => ({ token: candle.token, timeframe: candle.timeframe, candle })))));
  forwarding.add(market.onHealth((health) => emit('market.health', health)));
  return () => forwarding.dispose();
}

/**
 * Stand-ins for a core (or a test) that runs without a market service: every
 * market call answers UNAVAILABLE instead of the typecheck demanding a feed.
 */
export function unavailableMarketHandlers(): DomainHandlers<MarketMethod> {
  const unavailable = (): never => {
    throw new ContractError('UNAVAILABLE', 'Market data is not running in this process');
  };
  return {
    'market.search': unavailable,
    'watchlist.list': unavailable,
    'watchlist.add': unavailable,
    'watchlist.remove': unavailable,
    'watchlist.move': unavailable,
    'market.quotes': unavailable,
    'market.candles': unavailable,
    'market.watchCandles': unavailable,
    'market.health': unavailable,
  };
}
