import type { OrderStatus } from '../../src-shared/orders/order-types';

/**
 * What a sliced parent shows: one status built from its children's. The parent is
 * never sent anywhere; this is only how the trader sees the order they placed.
 *
 * Rules, first match wins (filled = Σ filledQuantity > 0):
 *   all children finished (FILLED / CANCELLED / REJECTED):
 *     all FILLED                   → FILLED
 *     all REJECTED                 → REJECTED
 *     all CANCELLED                → CANCELLED (fills kept, as a part-filled single order that was cancelled)
 *     a mix, something filled      → PARTIALLY_FILLED, done, message "n of N slices rejected/cancelled"
 *     a mix, nothing filled        → REJECTED if any slice was rejected, else CANCELLED; message
 *   some children still working:
 *     something filled             → PARTIALLY_FILLED
 *     every working child CANCEL_PENDING → CANCEL_PENDING
 *     any MODIFY_PENDING           → MODIFY_PENDING
 *     any PENDING_LOCAL or SENT    → SENT if any was sent, else PENDING_LOCAL (not all on the book yet)
 *     any OPEN                     → OPEN
 *     otherwise                    → TRIGGER_PENDING
 * `done` tells a finished parent from a working one (PARTIALLY_FILLED can be either).
 */

export interface ChildSummary {
  status: OrderStatus;
  quantity: number;
  filledQuantity: number;
  /** Σ fill qty × price (paise), exact; parents average over all children. */
  fillValue: bigint;
}

export interface ParentAggregate {
  status: OrderStatus;
  done: boolean;
  quantity: number;
  filledQuantity: number;
  fillValue: bigint;
  message: string | null;
}

const FINISHED: ReadonlySet<OrderStatus> = new Set(['FILLED', 'CANCELLED', 'REJECTED']);

export function aggregateParent(children: readonly ChildSummary[]): ParentAggregate {
  if (children.length === 0) throw new RangeError('A sliced parent has at least one child');
  const count = (status: OrderStatus) => children.filter((c) => c.status === status).length;
  const quantity = children.reduce((sum, c) => sum + c.quantity, 0);
  const filledQuantity = children.reduce((sum, c) => sum + c.filledQuantity, 0);
  const fillValue = children.reduce((sum, c) => sum + c.fillValue, 0n);
  const base = { quantity, filledQuantity, fillValue };
  const n = children.length;
  const rejected = count('REJECTED');
  const cancelled = count('CANCELLED');
  const working = children.filter((c) => !FINISHED.has(c.status));

  if (working.length === 0) {
    if (count('FILLED') === n) return { ...base, status: 'FILLED', done: true, message: null };
    if (rejected === n) return { ...base, status: 'REJECTED', done: true, message: null };
    if (cancelled === n) return { ...base, status: 'CANCELLED', done: true, message: null };
    const message = describeShortfall(rejected, cancelled, n);
    if (filledQuantity > 0) return { ...base, status: 'PARTIALLY_FILLED', done: true, message };
    return { ...base, status: rejected > 0 ? 'REJECTED' : 'CANCELLED', done: true, message };
  }

  const message = rejected + cancelled > 0 ? describeShortfall(rejected, cancelled, n) : null;
  const status = workingStatus(working, filledQuantity);
  return { ...base, status, done: false, message };
}

function workingStatus(working: readonly ChildSummary[], filledQuantity: number): OrderStatus {
  const any = (status: OrderStatus) => working.some((c) => c.status === status);
  if (filledQuantity > 0) return 'PARTIALLY_FILLED';
  if (working.every((c) => c.status === 'CANCEL_PENDING')) return 'CANCEL_PENDING';
  if (any('MODIFY_PENDING')) return 'MODIFY_PENDING';
  if (any('SENT')) return 'SENT';
  if (any('PENDING_LOCAL')) return 'PENDING_LOCAL';
  if (any('OPEN')) return 'OPEN';
  return 'TRIGGER_PENDING';
}

function describeShortfall(rejected: number, cancelled: number, n: number): string {
  const parts: string[] = [];
  if (rejected > 0) parts.push(`${rejected} of ${n} slices rejected`);
  if (cancelled > 0) parts.push(`${cancelled} of ${n} slices cancelled`);
  return parts.join('; ');
}
