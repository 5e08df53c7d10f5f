import type { Instrument } from '../../../src-shared/domain/instrument';
import type { Quote } from '../../../src-shared/market/quote';
import type { QuoteSource } from '../../oms/quote-source';

/**
 * A QuoteSource driven by hand, for tests and the orders benchmark: `push` sets the
 * latest quote of each token and tells the listeners synchronously.
 */
export class FakeQuoteSource implements QuoteSource {
  readonly #quotes = new Map<number, Quote>();
  readonly #listeners = new Set<(quotes: Quote[]) => void>();
  readonly #instruments: Map<number, Instrument>;

  constructor(instruments: readonly Instrument[]) {
    this.#instruments = new Map(instruments.map((i) => [i.token, i]));
  }

  latestQuote(token: number): Quote | null {
    return this.#quotes.get(token) ?? null;
  }

  onQuotes(listener: (quotes: Quote[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  instruments(): ReadonlyMap<number, Instrument> {
    return this.#instruments;
  }

  /** Sets quotes (only the fields given; the rest are derived) and notifies. */
  push(...partials: Array<Partial<Quote> & { token: number; ltp: number }>): Quote[] {
    const quotes = partials.map((p) => this.#complete(p));
    for (const q of quotes) this.#quotes.set(q.token, q);
    for (const listener of this.#listeners) listener(quotes);
    return quotes;
  }

  /** Sets a quote without notifying (the state a restart finds). */
  set(partial: Partial<Quote> & { token: number; ltp: number }): Quote {
    const quote = this.#complete(partial);
    this.#quotes.set(quote.token, quote);
    return quote;
  }

  #complete(p: Partial<Quote> & { token: number; ltp: number }): Quote {
    const previous = this.#quotes.get(p.token);
    const close = p.close ?? previous?.close ?? p.ltp;
    return {
      open: p.ltp, high: p.ltp, low: p.ltp, volume: 0, oi: 0,
      bid: p.ltp, ask: p.ltp, bidQty: 1_000_000, askQty: 1_000_000,
      ...p,
      close,
      change: p.ltp - close,
      changePct: close === 0 ? 0 : ((p.ltp - close) / close) * 100,
      ts: p.ts ?? Math.max(Date.now(), (previous?.ts ?? 0) + 1),
    };
  }
}
