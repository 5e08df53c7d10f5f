import { create } from 'zustand';
import type { Fill } from '../../../src-shared/contract/domains/orders';

interface TradesStore {
  /** The trade book, newest first. */
  fills: readonly Fill[];
  loaded: boolean;
  error: string | null;
}

/** Written by features/orders/orders-sync.ts (trades.list + trades.new). */
export const useTradesStore = create<TradesStore>()(() => ({ fills: [], loaded: false, error: null }));

/** Adds fills once each (a snapshot and a push may both carry one), newest first. */
export function applyFills(batch: readonly Fill[]): void {
  if (batch.length === 0) return;
  useTradesStore.setState((state) => {
    const seen = new Set(state.fills.map((fill) => fill.fillId));
    const fresh = batch.filter((fill) => !seen.has(fill.fillId) && (seen.add(fill.fillId), true));
    if (fresh.length === 0) return state;
    const fills = [...fresh, ...state.fills].sort((a, b) => b.filledAt - a.filledAt || b.fillId.localeCompare(a.fillId));
    return { fills };
  });
}

export function applyFillsSnapshot(snapshot: readonly Fill[]): void {
  applyFills(snapshot);
  useTradesStore.setState({ loaded: true, error: null });
}
