/**
 * Display helpers of the order-side panes. Amounts come as integer paise and
 * go through formatInr (exact, Indian grouping); nothing here feeds a sum.
 */
import { formatInr } from '../../../../src-shared/money';
import type { OrderStatus } from '../../../../src-shared/orders/order-types';
import { formatIstTime } from '../../../../src-shared/time/ist';

/** Paise → "2,450.05" (the column header says ₹). */
export function formatRupees(paise: number | null): string {
  return paise === null ? '—' : formatInr(paise).replace('₹', '');
}

/** Signed P&L → "+₹1,234.50" / "-₹12.00" / "₹0.00". */
export function formatPnl(paise: number): string {
  return paise > 0 ? `+${formatInr(paise)}` : formatInr(paise);
}

export function pnlTone(paise: number): 'up' | 'down' | 'flat' {
  return paise > 0 ? 'up' : paise < 0 ? 'down' : 'flat';
}

/** HH:MM:SS IST. */
export function formatTime(epochMs: number): string {
  return formatIstTime(epochMs);
}

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
