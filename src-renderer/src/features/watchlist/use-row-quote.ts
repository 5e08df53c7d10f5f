import { useEffect, useState, type RefObject } from 'react';
import type { Quote } from '../../../../src-shared/market/quote';
import { useQuotesStore } from '../../stores/quotes-store';
import { rowVisibility, type VisibilityWatcher } from './row-visibility';

/**
 * A row's quote: a subscription to its own token in the quotes store, held
 * while the row is off screen (the last shown quote stays) and brought up to
 * date when it comes back into view.
 */
export function useRowQuote(token: number, rowRef: RefObject<Element | null>, watcher: VisibilityWatcher = rowVisibility): Quote | undefined {
  const [quote, setQuote] = useState<Quote | undefined>(() => useQuotesStore.getState().quotes[token]);
  useEffect(() => {
    let visible = true;
    const catchUp = () => setQuote(useQuotesStore.getState().quotes[token]);
    const offStore = useQuotesStore.subscribe((state, previous) => {
      if (visible && state.quotes[token] !== previous.quotes[token]) setQuote(state.quotes[token]);
    });
    const row = rowRef.current;
    const offVisibility = row
      ? watcher.watch(row, (now) => {
          visible = now;
          if (now) catchUp();
        })
      : () => undefined;
    catchUp();
    return () => {
      offStore();
      offVisibility();
    };
  }, [token, rowRef, watcher]);
  return quote;
}
