import { ContractError, type EventName, type EventPayload } from '../../src-shared/contract';
import type { WatchlistItem } from '../../src-shared/contract/domains/market';
import type { Instrument } from '../../src-shared/domain/instrument';
import type { Quote } from '../../src-shared/market/quote';
import type { DatabaseService } from '../db/service';
import { storedCandles } from '../market/queries/candle-history';
import { instrumentsByToken, searchInstruments } from '../market/queries/instrument-search';
import { joinLiveBar } from '../market/queries/live-join';
import { addToWatchlist, listWatchlist, moveInWatchlist, removeFromWatchlist, WATCHLIST_MAX } from '../market/queries/watchlist-queries';
import type { MarketService } from '../market/service/market-service';
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
 * The market domain. Search, history and the watchlist read PostgreSQL; a
 * watchlist change asks the service to re-plan a broker feed's subscriptions
 * (it streams what the trader follows, not the whole master). Live
 * quotes, the forming bar and feed health come from the market service's
 * memory, so a chart and a watchlist keep updating while the database
 * restarts (only the calls that need it answer UNAVAILABLE).
 */
export function marketHandlers(market: MarketService, db: DatabaseService): DomainHandlers<MarketMethod> {
  /** The feed's universe first (memory); the master table for what the feed does not carry. */
  async function resolve(tokens: readonly number[]): Promise<Map<number, Instrument>> {
    const universe = market.instruments();
    const found = new Map<number, Instrument>();
    const missing: number[] = [];
    for (const token of tokens) {
      const instrument = universe.get(token);
      if (instrument) found.set(token, instrument);
      else missing.push(token);
    }
    if (missing.length > 0) for (const [token, instrument] of await instrumentsByToken(db.kysely(), missing)) found.set(token, instrument);
    return found;
  }

  async function requireKnown(tokens: readonly number[]): Promise<void> {
    const unique = [...new Set(tokens)];
    const known = await resolve(unique);
    const unknown = unique.filter((token) => !known.has(token));
    if (unknown.length > 0) {
      throw new ContractError('NOT_FOUND', `Unknown instrument token${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 10).join(', ')}`, { tokens: unknown });
    }
  }

  async function watchlist(): Promise<WatchlistItem[]> {
    const rows = await listWatchlist(db.kysely());
    const instruments = await resolve(rows.map((row) => row.token));
    return rows.map((row) => ({ ...row, instrument: instruments.get(row.token) ?? null }));
  }

  return {
    'market.search': ({ query, limit }) => searchInstruments(db.kysely(), query, limit),

    'watchlist.list': () => watchlist(),

    'watchlist.add': async ({ token }) => {
      await requireKnown([token]);
      const outcome = await addToWatchlist(db.kysely(), token);
      if (outcome === 'full') throw new ContractError('CONFLICT', `The watchlist holds at most ${WATCHLIST_MAX} instruments`);
      await market.refreshSubscriptions?.();
      return watchlist();
    },

    'watchlist.remove': async ({ token }) => {
      if (!(await removeFromWatchlist(db.kysely(), token))) throw new ContractError('NOT_FOUND', `Token ${token} is not on the watchlist`);
      await market.refreshSubscriptions?.();
      return watchlist();
    },

    'watchlist.move': async ({ token, toIndex }) => {
      if (!(await moveInWatchlist(db.kysely(), token, toIndex))) throw new ContractError('NOT_FOUND', `Token ${token} is not on the watchlist`);
      // The order matters only when more is followed than the feed streams (the watchlist's tail gives way first).
      await market.refreshSubscriptions?.();
      return watchlist();
    },

    'market.quotes': async ({ tokens }) => {
      await requireKnown(tokens);
      const quotes: Quote[] = [];
      for (const token of new Set(tokens)) {
        const quote = market.latestQuote(token);
        if (quote) quotes.push(quote);
      }
      return quotes;
    },

    'market.candles': async ({ token, timeframe, before, limit }) => {
      await requireKnown([token]);
      // The live bar is read after the stored page: if its bucket was flushed in between, the join replaces the stored copy.
      const stored = await storedCandles(db.kysely(), { token, timeframe, before, limit });
      return joinLiveBar(stored, market.liveCandle(token, timeframe), before, limit);
    },

    'market.watchCandles': async ({ keys }) => {
      await requireKnown(keys.map((key) => key.token));
      const unique = new Map(keys.map((key) => [`${key.token}/${key.timeframe}`, key]));
      market.setCandleInterest([...unique.values()]);
      return { watching: unique.size };
    },

    'market.health': () => market.health(),
  };
}

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * Forwards the service's pushes to the contract's events (core.ts:
 * `unsubscribers.push(forwardMarketEvents(market, (e, p) => bus.emit(e, p)))`).
 * Returns one function that unsubscribes all three.
 */
export function forwardMarketEvents(market: MarketService, emit: Emit): () => void {
  const offs = [
    market.onQuotes((quotes) => emit('market.quotes', quotes)),
    market.onCandles((candles) =>
      emit(
        'market.candles',
        candles.map((candle) => ({ token: candle.token, timeframe: candle.timeframe, candle })),
      ),
    ),
    market.onHealth((health) => emit('market.health', health)),
  ];
  return () => {
    for (const off of offs) off();
  };
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
