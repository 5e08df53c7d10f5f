import { create } from 'zustand';
import type { FeedHealth } from '../../../src-shared/market/feed-health';

interface FeedHealthStore {
  /** The last feed health line main sent; null until the first one. */
  health: FeedHealth | null;
}

/** The market status in the top bar reads this; written by features/market/market-sync.ts. */
export const useFeedHealthStore = create<FeedHealthStore>()(() => ({ health: null }));
