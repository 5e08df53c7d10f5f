import type { MatchResult } from './matching';
import type { NewPaperOrder, NewTrade, PaperStatus } from './paper-store';

/** What one matching pass did to one order: the new state and the trade it made, if any. */
export interface MatchStep<T extends NewPaperOrder = NewPaperOrder> {
  /** The same object when nothing changed (callers compare by identity). */
  order: T;
  trade: NewTrade | null;
  triggered: boolean;
  expired: boolean;
}

const WORKING: ReadonlySet<PaperStatus> = new Set(['OPEN', 'TRIGGER_PENDING']);

export function isWorking(order: { status: PaperStatus }): boolean {
  return WORKING.has(order.status);
}

/** Applies a MatchResult to an order, pure. */
export function applyMatch<T extends NewPaperOrder>(order: T, result: MatchResult): MatchStep<T> {
  const changed = result.triggered || result.protectionPrice !== null || result.fill !== null || result.expire;
  if (!changed) return { order, trade: null, triggered: false, expired: false };
  const next: T = { ...order };
  if (result.triggered) {
    next.triggered = true;
    next.status = 'OPEN';
  }
  if (result.protectionPrice !== null) next.protectionPrice = result.protectionPrice;
  if (result.fill) {
    next.filledQuantity += result.fill.quantity;
    if (next.filledQuantity === next.quantity) next.status = 'COMPLETE';
  }
  if (result.expire && next.status !== 'COMPLETE') {
    next.status = 'CANCELLED';
    next.statusMessage = next.filledQuantity > 0 ? 'IOC: the unfilled remainder was cancelled' : 'IOC: nothing to match, cancelled';
  }
  return { order: next, trade: result.fill, triggered: result.triggered, expired: next.status === 'CANCELLED' };
}
