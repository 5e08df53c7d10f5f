import { create } from 'zustand';
import type { Position } from '../../../src-shared/contract/domains/orders';

interface PositionsStore {
  /** By positionKey(): one row per (token, product, strategy). */
  positions: Readonly<Record<string, Position>>;
  loaded: boolean;
  error: string | null;
}

/** Written by features/orders/orders-sync.ts (positions.list + positions.changed). */
export const usePositionsStore = create<PositionsStore>()(() => ({ positions: {}, loaded: false, error: null }));

export function positionKey(position: Pick<Position, 'token' | 'product' | 'strategyId'>): string {
  return `${position.token}|${position.product}|${position.strategyId}`;
}

export function applyPositions(batch: readonly Position[]): void {
  if (batch.length === 0) return;
  usePositionsStore.setState((state) => {
    const next = { ...state.positions };
    for (const position of batch) next[positionKey(position)] = position;
    return { positions: next };
  });
}

/**
 * A snapshot replaces the rows, except those a push changed while it was on
 * its way (positions carry no timestamp, so the caller says which).
 */
export function applyPositionsSnapshot(snapshot: readonly Position[], pushedMeanwhile: ReadonlySet<string>): void {
  usePositionsStore.setState((state) => {
    const next: Record<string, Position> = {};
    for (const position of snapshot) next[positionKey(position)] = position;
    for (const key of pushedMeanwhile) {
      const pushed = state.positions[key];
      if (pushed) next[key] = pushed;
    }
    return { positions: next, loaded: true, error: null };
  });
}

/** Sorted for the pane: open positions first, then by symbol. */
export function positionRows(positions: Readonly<Record<string, Position>>): Position[] {
  return Object.values(positions).sort(
    (a, b) =>
      Number(b.netQuantity !== 0) - Number(a.netQuantity !== 0) ||
      a.tradingsymbol.localeCompare(b.tradingsymbol) ||
      a.product.localeCompare(b.product) ||
      a.strategyId.localeCompare(b.strategyId),
  );
}
