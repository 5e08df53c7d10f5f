import { create } from 'zustand';
import type { Order } from '../../../src-shared/contract/domains/orders';

interface OrdersStore {
  /** Top-level orders by orderId (a sliced parent carries its children). */
  orders: Readonly<Record<string, Order>>;
  /** False until the first orders.list answer. */
  loaded: boolean;
  /** Why the last read failed; cleared by the next good one. */
  error: string | null;
  /** The order whose ledger timeline is open, if any. */
  selectedId: string | null;
}

/** Written by features/orders/orders-sync.ts (snapshot + orders.changed). */
export const useOrdersStore = create<OrdersStore>()(() => ({ orders: {}, loaded: false, error: null, selectedId: null }));

/**
 * Folds changed orders in. An order older than the one held is ignored, so a
 * late snapshot can never take an order back to a state it already left.
 */
export function applyOrders(batch: readonly Order[]): void {
  if (batch.length === 0) return;
  useOrdersStore.setState((state) => {
    let next: Record<string, Order> | null = null;
    for (const order of batch) {
      const current = (next ?? state.orders)[order.orderId];
      if (current && current.updatedAt > order.updatedAt) continue;
      next ??= { ...state.orders };
      next[order.orderId] = order;
    }
    return next ? { orders: next } : state;
  });
}

/** A full snapshot: merged (not replaced) so events that raced it keep the newer state. */
export function applyOrdersSnapshot(snapshot: readonly Order[]): void {
  applyOrders(snapshot);
  useOrdersStore.setState({ loaded: true, error: null });
}

export function selectOrder(orderId: string | null): void {
  useOrdersStore.setState({ selectedId: orderId });
}

/** Newest first; open = still working, done = finished. */
export function ordersOf(orders: Readonly<Record<string, Order>>, scope: 'open' | 'done'): Order[] {
  return Object.values(orders)
    .filter((order) => (scope === 'done' ? order.done : !order.done))
    .sort((a, b) => b.createdAt - a.createdAt || b.orderId.localeCompare(a.orderId));
}
