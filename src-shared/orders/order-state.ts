import type { OrderStatus } from './order-types';

/**
 * The order state machine. Every edge is listed here and nowhere else; anything not
 * listed throws, so a broker update that makes no sense for the order's state is
 * caught at the ledger writer instead of silently bending the projection.
 *
 * Modify and cancel are asynchronous at the broker: while one is in flight the order
 * still rests on the book and can fill. The pending states therefore carry `resumeTo`
 * — the working state to return to when the request is refused — and fills and
 * triggers arriving meanwhile update `resumeTo` instead of being lost.
 *
 * Edges (r = resumeTo; "→ same" keeps the state):
 *   PENDING_LOCAL     SEND → SENT · REJECT → REJECTED (validation/risk refused it locally)
 *   SENT              ACK_OPEN → OPEN · ACK_TRIGGER_PENDING → TRIGGER_PENDING
 *                     PARTIAL_FILL → PARTIALLY_FILLED · FILL → FILLED (a fill may beat the ack)
 *                     REJECT → REJECTED · EXPIRE → CANCELLED (IOC or protection, nothing filled)
 *   OPEN              PARTIAL_FILL → PARTIALLY_FILLED · FILL → FILLED · EXPIRE → CANCELLED
 *                     MODIFY_REQUEST → MODIFY_PENDING(OPEN) · CANCEL_REQUEST → CANCEL_PENDING(OPEN)
 *   TRIGGER_PENDING   TRIGGERED → OPEN · PARTIAL_FILL → PARTIALLY_FILLED · FILL → FILLED
 *                     EXPIRE → CANCELLED · MODIFY_REQUEST / CANCEL_REQUEST as OPEN
 *   PARTIALLY_FILLED  PARTIAL_FILL → same · FILL → FILLED · EXPIRE → CANCELLED (IOC remainder)
 *                     MODIFY_REQUEST / CANCEL_REQUEST as OPEN
 *   MODIFY_PENDING(r) MODIFY_CONFIRMED → r (or `working` if the order type changed)
 *                     MODIFY_REJECTED → r · CANCEL_REQUEST → CANCEL_PENDING(r, modifyInFlight)
 *                     PARTIAL_FILL → MODIFY_PENDING(PARTIALLY_FILLED) · FILL → FILLED
 *                     TRIGGERED (r = TRIGGER_PENDING) → MODIFY_PENDING(OPEN) · EXPIRE → CANCELLED
 *   CANCEL_PENDING(r) CANCEL_CONFIRMED → CANCELLED · CANCEL_REJECTED → r
 *                     (or MODIFY_PENDING(r) if a modify was still in flight)
 *                     PARTIAL_FILL → CANCEL_PENDING(PARTIALLY_FILLED) · FILL → FILLED
 *                     TRIGGERED (r = TRIGGER_PENDING) → CANCEL_PENDING(OPEN) · EXPIRE → CANCELLED
 *                     MODIFY_CONFIRMED / MODIFY_REJECTED (modifyInFlight only) → same, flag cleared
 *   FILLED, CANCELLED, REJECTED: terminal, nothing is legal.
 *
 * Not allowed on purpose: a second modify while one is in flight (brokers refuse it and
 * the ticket must wait), a modify while a cancel is pending, cancel or modify in SENT
 * (there is no broker order id to address yet), REJECT after the order was accepted
 * (a refused modify or cancel is MODIFY_REJECTED / CANCEL_REJECTED, not an order reject).
 */

/** Where an order rests on the book; the states a pending modify/cancel can fall back to. */
export type ResumableStatus = 'OPEN' | 'TRIGGER_PENDING' | 'PARTIALLY_FILLED';
export const RESUMABLE_STATUSES: readonly ResumableStatus[] = ['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED'];

export type OrderState =
  | { status: Exclude<OrderStatus, 'MODIFY_PENDING' | 'CANCEL_PENDING'> }
  | { status: 'MODIFY_PENDING'; resumeTo: ResumableStatus }
  | { status: 'CANCEL_PENDING'; resumeTo: ResumableStatus; modifyInFlight: boolean };

export type OrderStateEvent =
  | { type: 'SEND' }
  | { type: 'ACK_OPEN' }
  | { type: 'ACK_TRIGGER_PENDING' }
  | { type: 'TRIGGERED' }
  | { type: 'PARTIAL_FILL' }
  /** The fill that completes the order's quantity. */
  | { type: 'FILL' }
  | { type: 'REJECT' }
  | { type: 'CANCEL_REQUEST' }
  | { type: 'CANCEL_CONFIRMED' }
  | { type: 'CANCEL_REJECTED' }
  | { type: 'MODIFY_REQUEST' }
  /**
   * `working` is set when the modify changed the order type (SL → L is now OPEN,
   * L → SL is TRIGGER_PENDING); without it the order resumes where it was.
   */
  | { type: 'MODIFY_CONFIRMED'; working?: 'OPEN' | 'TRIGGER_PENDING' }
  | { type: 'MODIFY_REJECTED' }
  /** The venue cancelled the order (or its remainder) without our asking: IOC, protection. */
  | { type: 'EXPIRE' };
export type OrderStateEventType = OrderStateEvent['type'];

export const ORDER_STATE_EVENT_TYPES: readonly OrderStateEventType[] = [
  'SEND',
  'ACK_OPEN',
  'ACK_TRIGGER_PENDING',
  'TRIGGERED',
  'PARTIAL_FILL',
  'FILL',
  'REJECT',
  'CANCEL_REQUEST',
  'CANCEL_CONFIRMED',
  'CANCEL_REJECTED',
  'MODIFY_REQUEST',
  'MODIFY_CONFIRMED',
  'MODIFY_REJECTED',
  'EXPIRE',
];

export class IllegalTransition extends Error {
  readonly state: OrderState;
  readonly event: OrderStateEvent;

  constructor(state: OrderState, event: OrderStateEvent) {
    super(`Illegal order transition: ${describeState(state)} cannot take ${event.type}`);
    this.name = 'IllegalTransition';
    this.state = state;
    this.event = event;
  }
}

export const INITIAL_ORDER_STATE: OrderState = { status: 'PENDING_LOCAL' };

export function describeState(state: OrderState): string {
  if (state.status === 'MODIFY_PENDING') return `MODIFY_PENDING(${state.resumeTo})`;
  if (state.status === 'CANCEL_PENDING') {
    return `CANCEL_PENDING(${state.resumeTo}${state.modifyInFlight ? ', modify in flight' : ''})`;
  }
  return state.status;
}

export function isTerminal(state: OrderState): boolean {
  return state.status === 'FILLED' || state.status === 'CANCELLED' || state.status === 'REJECTED';
}

/** Pure: the next state, or IllegalTransition. */
export function transition(state: OrderState, event: OrderStateEvent): OrderState {
  const next = nextState(state, event);
  if (!next) throw new IllegalTransition(state, event);
  return next;
}

/** Like `transition` but answers instead of throwing, for "may I send a cancel?" checks. */
export function canTransition(state: OrderState, event: OrderStateEvent): boolean {
  return nextState(state, event) !== null;
}

function nextState(state: OrderState, event: OrderStateEvent): OrderState | null {
  switch (state.status) {
    case 'PENDING_LOCAL':
      if (event.type === 'SEND') return { status: 'SENT' };
      if (event.type === 'REJECT') return { status: 'REJECTED' };
      return null;
    case 'SENT':
      switch (event.type) {
        case 'ACK_OPEN': return { status: 'OPEN' };
        case 'ACK_TRIGGER_PENDING': return { status: 'TRIGGER_PENDING' };
        case 'PARTIAL_FILL': return { status: 'PARTIALLY_FILLED' };
        case 'FILL': return { status: 'FILLED' };
        case 'REJECT': return { status: 'REJECTED' };
        case 'EXPIRE': return { status: 'CANCELLED' };
        default: return null;
      }
    case 'OPEN':
    case 'TRIGGER_PENDING':
    case 'PARTIALLY_FILLED':
      return fromWorking(state.status, event);
    case 'MODIFY_PENDING':
      return fromModifyPending(state.resumeTo, event);
    case 'CANCEL_PENDING':
      return fromCancelPending(state.resumeTo, state.modifyInFlight, event);
    case 'FILLED':
    case 'CANCELLED':
    case 'REJECTED':
      return null;
  }
}

function fromWorking(status: ResumableStatus, event: OrderStateEvent): OrderState | null {
  switch (event.type) {
    case 'PARTIAL_FILL': return { status: 'PARTIALLY_FILLED' };
    case 'FILL': return { status: 'FILLED' };
    case 'EXPIRE': return { status: 'CANCELLED' };
    case 'MODIFY_REQUEST': return { status: 'MODIFY_PENDING', resumeTo: status };
    case 'CANCEL_REQUEST': return { status: 'CANCEL_PENDING', resumeTo: status, modifyInFlight: false };
    case 'TRIGGERED': return status === 'TRIGGER_PENDING' ? { status: 'OPEN' } : null;
    default: return null;
  }
}

/** Fills and triggers while a request is in flight move the state the order resumes to. */
function resumeAfter(resumeTo: ResumableStatus, event: OrderStateEvent): ResumableStatus | null {
  if (event.type === 'PARTIAL_FILL') return 'PARTIALLY_FILLED';
  if (event.type === 'TRIGGERED') return resumeTo === 'TRIGGER_PENDING' ? 'OPEN' : null;
  return null;
}

function fromModifyPending(resumeTo: ResumableStatus, event: OrderStateEvent): OrderState | null {
  switch (event.type) {
    case 'MODIFY_CONFIRMED':
      // A partly filled order stays partly filled whatever its new type.
      return { status: resumeTo === 'PARTIALLY_FILLED' ? resumeTo : (event.working ?? resumeTo) };
    case 'MODIFY_REJECTED': return { status: resumeTo };
    case 'CANCEL_REQUEST': return { status: 'CANCEL_PENDING', resumeTo, modifyInFlight: true };
    case 'FILL': return { status: 'FILLED' };
    case 'EXPIRE': return { status: 'CANCELLED' };
    case 'PARTIAL_FILL':
    case 'TRIGGERED': {
      const next = resumeAfter(resumeTo, event);
      return next ? { status: 'MODIFY_PENDING', resumeTo: next } : null;
    }
    default: return null;
  }
}

function fromCancelPending(resumeTo: ResumableStatus, modifyInFlight: boolean, event: OrderStateEvent): OrderState | null {
  switch (event.type) {
    case 'CANCEL_CONFIRMED':
    case 'EXPIRE':
      return { status: 'CANCELLED' };
    case 'CANCEL_REJECTED':
      return modifyInFlight ? { status: 'MODIFY_PENDING', resumeTo } : { status: resumeTo };
    case 'FILL': return { status: 'FILLED' };
    case 'MODIFY_CONFIRMED': {
      if (!modifyInFlight) return null;
      const next = resumeTo === 'PARTIALLY_FILLED' ? resumeTo : (event.working ?? resumeTo);
      return { status: 'CANCEL_PENDING', resumeTo: next, modifyInFlight: false };
    }
    case 'MODIFY_REJECTED':
      return modifyInFlight ? { status: 'CANCEL_PENDING', resumeTo, modifyInFlight: false } : null;
    case 'PARTIAL_FILL':
    case 'TRIGGERED': {
      const next = resumeAfter(resumeTo, event);
      return next ? { status: 'CANCEL_PENDING', resumeTo: next, modifyInFlight } : null;
    }
    default: return null;
  }
}
