import { create } from 'zustand';
import type { WatchlistItem } from '../../../src-shared/contract/domains/market';

interface WatchlistStore {
  /** The list as main last answered it (main's order is the truth); null before the first answer. */
  items: readonly WatchlistItem[] | null;
  /** Why the last watchlist call failed, shown under the list until the next success. */
  error: string | null;
}

/** Written by features/market/market-sync.ts and features/watchlist/watchlist-actions.ts. */
export const useWatchlistStore = create<WatchlistStore>()(() => ({ items: null, error: null }));
