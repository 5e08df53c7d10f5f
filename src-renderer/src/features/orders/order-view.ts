/**
 * How an order reads in the order-side panes: the colour family of its
 * status, whether it can still be amended, and its variety badge.
 */
import type { OrderStatus } from '../../../../src-shared/orders/order-types';

export type StatusTone = 'working' | 'filled' | 'cancelled' | 'rejected' | 'pending';

/** The colour family of a status: green filled, red rejected, grey cancelled, blue working, amber in flight. */
export function statusTone(status: OrderStatus): StatusTone {
  switch (status) {
    case 'FILLED':
      return 'filled';
    case 'REJECTED':
      return 'rejected';
    case 'CANCELLED':
      return 'cancelled';
    case 'OPEN':
    case 'TRIGGER_PENDING':
    case 'PARTIALLY_FILLED':
      return 'working';
    case 'PENDING_LOCAL':
    case 'SENT':
    case 'MODIFY_PENDING':
    case 'CANCEL_PENDING':
      return 'pending';
  }
}

/** Statuses a working order can be modified or cancelled from (the core has the last word). */
export function canAmend(status: OrderStatus, done: boolean): boolean {
  return !done && (status === 'OPEN' || status === 'TRIGGER_PENDING' || status === 'PARTIALLY_FILLED');
}

/** The variety badge of an order: "AMO", "Iceberg ×3", or null for a regular order. */
export function varietyLabel(order: { amo: boolean; icebergLegs: number | null }): string | null {
  if (order.icebergLegs !== null) return `Iceberg ×${order.icebergLegs}`;
  return order.amo ? 'AMO' : null;
}
