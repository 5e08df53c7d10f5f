/**
 * Instruments by token for the market's calls: the running feed's universe first (in
 * memory), then the master table for what the feed does not carry (another broker's
 * instruments, yesterday's contracts), so a watchlist row or a chart of an instrument
 * outside today's feed still has its name.
 */
import { ContractError } from '../../../src-shared/contract';
import type { Instrument } from '../../../src-shared/domain/instrument';
import type { DatabaseService } from '../../db/service';
import { instrumentsByToken } from '../queries/instrument-search';
import type { MarketService } from './market-service';

export class InstrumentLookup {
  constructor(
    private readonly market: Pick<MarketService, 'instruments'>,
    private readonly db: DatabaseService,
  ) {}

  /** The instruments of the tokens that are known; unknown ones are left out. */
  async resolve(tokens: readonly number[]): Promise<Map<number, Instrument>> {
    const universe = this.market.instruments();
    const found = new Map<number, Instrument>();
    const missing: number[] = [];
    for (const token of tokens) {
      const instrument = universe.get(token);
      if (instrument) found.set(token, instrument);
      else missing.push(token);
    }
    if (missing.length > 0) for (const [token, instrument] of await instrumentsByToken(this.db.kysely(), missing)) found.set(token, instrument);
    return found;
  }

  /** Throws NOT_FOUND naming (up to ten of) the tokens no instrument has. */
  async requireKnown(tokens: readonly number[]): Promise<void> {
    const unique = [...new Set(tokens)];
    const known = await this.resolve(unique);
    const unknown = unique.filter((token) => !known.has(token));
    if (unknown.length > 0) {
      throw new ContractError('NOT_FOUND', `Unknown instrument token${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 10).join(', ')}`, { tokens: unknown });
    }
  }
}
