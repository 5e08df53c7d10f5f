import type { Instrument } from '../../src-shared/domain/instrument';
import type { Quote } from '../../src-shared/market/quote';

/**
 * What the paper broker and the OMS need from market data, and nothing more: the real
 * MarketService (src-main/market/service/market-service.ts) satisfies it structurally,
 * tests pass a fake. Prices in paise.
 */
export interface QuoteSource {
  latestQuote(token: number): Quote | null;
  /** Quotes that changed; the listener may be called often (coalesced ~16 ms). */
  onQuotes(listener: (quotes: Quote[]) => void): () => void;
  instruments(): ReadonlyMap<number, Instrument>;
}
