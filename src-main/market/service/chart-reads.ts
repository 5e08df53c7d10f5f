/**
 * What a chart and a quote board ask of the market: the latest quotes of known tokens,
 * a page of candles (stored ones from the table joined with the bar still forming in
 * memory), and which (token, timeframe) pairs the live candle pushes report.
 */
import type { Candle } from '../../../src-shared/market/candle';
import type { Quote } from '../../../src-shared/market/quote';
import type { DatabaseService } from '../../db/service';
import { storedCandles, type CandlePageQuery } from '../queries/candle-history';
import { joinLiveBar } from '../queries/live-join';
import type { InstrumentLookup } from './instrument-lookup';
import type { CandleKey, MarketService } from './market-service';

export class ChartReads {
  constructor(
    private readonly market: Pick<MarketService, 'latestQuote' | 'liveCandle' | 'setCandleInterest'>,
    private readonly db: DatabaseService,
    private readonly lookup: InstrumentLookup,
  ) {}

  /** The latest quote of each known token that has one, each token once. */
  async quotes(tokens: readonly number[]): Promise<Quote[]> {
    await this.lookup.requireKnown(tokens);
    const quotes: Quote[] = [];
    for (const token of new Set(tokens)) {
      const quote = this.market.latestQuote(token);
      if (quote) quotes.push(quote);
    }
    return quotes;
  }

  async candles(query: CandlePageQuery): Promise<Candle[]> {
    await this.lookup.requireKnown([query.token]);
    // The live bar is read after the stored page: if its bucket was flushed in between, the join replaces the stored copy.
    const stored = await storedCandles(this.db.kysely(), query);
    return joinLiveBar(stored, this.market.liveCandle(query.token, query.timeframe), query.before, query.limit);
  }

  /** Replaces the live candle interest with these pairs (each once); answers how many. */
  async watchCandles(keys: readonly CandleKey[]): Promise<number> {
    await this.lookup.requireKnown(keys.map((key) => key.token));
    const unique = new Map(keys.map((key) => [`${key.token}/${key.timeframe}`, key]));
    this.market.setCandleInterest([...unique.values()]);
    return unique.size;
  }
}
