/**
 * The trader's watchlist: rows in PostgreSQL (watchlist-queries.ts) with their
 * instruments, and after every change a re-plan of a broker feed's subscriptions (it
 * streams what the trader follows, not the whole master). Refusals are the contract's
 * errors: an unknown token, a full list, a token that is not on it.
 */
import { ContractError } from '../../../src-shared/contract';
import type { WatchlistItem } from '../../../src-shared/contract/domains/market';
import type { DatabaseService } from '../../db/service';
import { addToWatchlist, listWatchlist, moveInWatchlist, removeFromWatchlist, WATCHLIST_MAX } from '../queries/watchlist-queries';
import type { InstrumentLookup } from './instrument-lookup';
import type { MarketService } from './market-service';

export class WatchlistService {
  constructor(
    private readonly db: DatabaseService,
    private readonly lookup: InstrumentLookup,
    private readonly market: Pick<MarketService, 'refreshSubscriptions'>,
  ) {}

  async list(): Promise<WatchlistItem[]> {
    const rows = await listWatchlist(this.db.kysely());
    const instruments = await this.lookup.resolve(rows.map((row) => row.token));
    return rows.map((row) => ({ ...row, instrument: instruments.get(row.token) ?? null }));
  }

  async add(token: number): Promise<WatchlistItem[]> {
    await this.lookup.requireKnown([token]);
    const outcome = await addToWatchlist(this.db.kysely(), token);
    if (outcome === 'full') throw new ContractError('CONFLICT', `The watchlist holds at most ${WATCHLIST_MAX} instruments`);
    return this.#changed();
  }

  async remove(token: number): Promise<WatchlistItem[]> {
    if (!(await removeFromWatchlist(this.db.kysely(), token))) throw new ContractError('NOT_FOUND', `Token ${token} is not on the watchlist`);
    return this.#changed();
  }

  /** The order matters only when more is followed than the feed streams (the watchlist's tail gives way first). */
  async move(token: number, toIndex: number): Promise<WatchlistItem[]> {
    if (!(await moveInWatchlist(this.db.kysely(), token, toIndex))) throw new ContractError('NOT_FOUND', `Token ${token} is not on the watchlist`);
    return this.#changed();
  }

  async #changed(): Promise<WatchlistItem[]> {
    await this.market.refreshSubscriptions?.();
    return this.list();
  }
}
