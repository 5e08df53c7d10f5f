import { create } from 'zustand';
import type { Quote } from '../../../src-shared/market/quote';

interface QuotesStore {
  /** Latest quote per token; a token's object is replaced only when a newer quote arrives. */
  quotes: Readonly<Record<number, Quote>>;
}

/**
 * Live quotes, written by features/market/market-sync.ts. Rows subscribe to
 * their own token (useQuote), so a push that changes 50 quotes re-renders
 * 50 rows, never the whole list.
 */
export const useQuotesStore = create<QuotesStore>()(() => ({ quotes: {} }));

/** Folds a batch (a push or a snapshot) in; an older quote never overwrites a newer one. */
export function applyQuotes(batch: readonly Quote[]): void {
  if (batch.length === 0) return;
  useQuotesStore.setState((state) => {
    let next: Record<number, Quote> | null = null;
    for (const quote of batch) {
      const current = (next ?? state.quotes)[quote.token];
      if (current && current.ts > quote.ts) continue;
      next ??= { ...state.quotes };
      next[quote.token] = quote;
    }
    return next ? { quotes: next } : state;
  });
}

export function useQuote(token: number): Quote | undefined {
  return useQuotesStore((state) => state.quotes[token]);
}
