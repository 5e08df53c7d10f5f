import type { OrderLedgerEvent } from './order-events';
import type {
  OrderModification,
  OrderStatus,
  OrderType,
  Product,
  Side,
  Validity,
} from './order-types';
import type { Paise } from '../money';
import { averagePaise, averageRupeesString, valueOf } from './exact-average';
import { INITIAL_ORDER_STATE, transition, type OrderState, type OrderStateEvent } from './order-state';
import { interpretReportedStatus } from './reported-status';

/**
 * An order is the fold of its ledger events (nautilus_trader style): the `orders` row
 * is `foldOrder(events)`, nothing more. The ledger writer must call `applyOrderEvent`
 * on the current projection BEFORE appending an event and refuse the event if it
 * throws; then the projection it stores and a rebuild from the ledger cannot differ.
 *
 * Two kinds of error: IllegalTransition (from order-state: the event makes no sense in
 * this state) and OrderLedgerError (the events contradict each other: overfill, wrong
 * order, a changed broker id).
 */

export class OrderLedgerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrderLedgerError';
  }
}

/** The `orders` projection row. */
export interface OrderProjection {
  clientOrderId: string;
  parentClientOrderId: string | null;
  /** The venue's id, kept apart from ours; null until a response carries it. */
  brokerOrderId: string | null;
  token: number;
  side: Side;
  /** Working terms: the intent's, as changed by confirmed modifications. */
  orderType: OrderType;
  product: Product;
  validity: Validity;
  quantity: number;
  price: Paise | null;
  triggerPrice: Paise | null;
  marketProtection: number;
  strategyId: string;
  algoId: string | null;
  /** The order's variety, fixed at placement (the intent's; old intents default to false / null). */
  amo: boolean;
  icebergLegs: number | null;
  state: OrderState;
  status: OrderStatus;
  filledQuantity: number;
  /** Σ fill quantity × fill price in paise, exact. Average = fillValue / filledQuantity. */
  fillValue: bigint;
  /** A modify sent but not yet confirmed or refused. */
  pendingModification: OrderModification | null;
  /** The latest reason or broker message worth showing the trader. */
  statusMessage: string | null;
  createdAt: number;
  updatedAt: number;
  lastEventId: number;
}

/** Rebuild one order from its events, in ledger order. */
export function foldOrder(events: readonly OrderLedgerEvent[]): OrderProjection {
  let projection: OrderProjection | null = null;
  for (const event of events) projection = applyOrderEvent(projection, event);
  if (!projection) throw new OrderLedgerError('An order needs at least its INTENT event');
  return projection;
}

/** Rebuild every order from an interleaved ledger (events of many orders, in append order). */
export function foldOrders(events: readonly OrderLedgerEvent[]): Map<string, OrderProjection> {
  const orders = new Map<string, OrderProjection>();
  for (const event of events) {
    orders.set(event.clientOrderId, applyOrderEvent(orders.get(event.clientOrderId) ?? null, event));
  }
  return orders;
}

/** Average fill price in whole paise (display), or null before the first fill. */
export function averageFillPaise(order: Pick<OrderProjection, 'fillValue' | 'filledQuantity'>): Paise | null {
  return averagePaise(order.fillValue, order.filledQuantity);
}

/** Average fill price as a rupee string with 4 decimals (storage), or null. */
export function averageFillRupees(order: Pick<OrderProjection, 'fillValue' | 'filledQuantity'>): string | null {
  return averageRupeesString(order.fillValue, order.filledQuantity, 4);
}

/** One step of the fold. Pure: returns a new projection, never mutates the old one. */
export function applyOrderEvent(current: OrderProjection | null, event: OrderLedgerEvent): OrderProjection {
  const { payload } = event;
  if (current === null) {
    if (payload.type !== 'INTENT') {
      throw new OrderLedgerError(`Order ${event.clientOrderId}: the first event must be INTENT, not ${payload.type}`);
    }
    const { intent } = payload;
    if (intent.clientOrderId !== event.clientOrderId) {
      throw new OrderLedgerError(`INTENT for ${intent.clientOrderId} filed under ${event.clientOrderId}`);
    }
    return {
      clientOrderId: event.clientOrderId,
      parentClientOrderId: payload.parentClientOrderId,
      brokerOrderId: null,
      token: intent.token,
      side: intent.side,
      orderType: intent.orderType,
      product: intent.product,
      validity: intent.validity,
      quantity: intent.quantity,
      price: intent.price,
      triggerPrice: intent.triggerPrice,
      marketProtection: intent.marketProtection,
      strategyId: intent.strategyId,
      algoId: intent.algoId,
      amo: intent.amo,
      icebergLegs: intent.icebergLegs,
      state: INITIAL_ORDER_STATE,
      status: INITIAL_ORDER_STATE.status,
      filledQuantity: 0,
      fillValue: 0n,
      pendingModification: null,
      statusMessage: null,
      createdAt: event.at,
      updatedAt: event.at,
      lastEventId: event.eventId,
    };
  }

  if (event.clientOrderId !== current.clientOrderId) {
    throw new OrderLedgerError(`Event ${event.eventId} belongs to ${event.clientOrderId}, not ${current.clientOrderId}`);
  }
  if (event.eventId <= current.lastEventId) {
    throw new OrderLedgerError(`Event ${event.eventId} arrives after event ${current.lastEventId}: the ledger is out of order`);
  }
  const next: OrderProjection = { ...current, updatedAt: event.at, lastEventId: event.eventId };
  const move = (machineEvent: OrderStateEvent): void => {
    next.state = transition(next.state, machineEvent);
    next.status = next.state.status;
  };

  switch (payload.type) {
    case 'INTENT':
      throw new OrderLedgerError(`Order ${current.clientOrderId} already has its INTENT`);
    case 'VALIDATION_PASSED':
    case 'RISK_PASSED':
      // Recorded decisions; they only make sense before the order leaves.
      if (current.status !== 'PENDING_LOCAL') throw new OrderLedgerError(`${payload.type} after the order left (${current.status})`);
      break;
    case 'VALIDATION_FAILED':
    case 'RISK_REJECTED':
    case 'REJECTED':
      move({ type: 'REJECT' });
      next.statusMessage = payload.reason;
      break;
    case 'REQUEST_SENT':
      if (payload.action === 'PLACE') move({ type: 'SEND' });
      break;
    case 'RESPONSE_RECEIVED':
      if (payload.brokerOrderId !== null) {
        if (current.brokerOrderId !== null && current.brokerOrderId !== payload.brokerOrderId) {
          throw new OrderLedgerError(
            `Broker order id changed from ${current.brokerOrderId} to ${payload.brokerOrderId} for ${current.clientOrderId}`,
          );
        }
        next.brokerOrderId = payload.brokerOrderId;
      }
      break;
    case 'STATUS_CHANGED': {
      const machineEvent = interpretReportedStatus(current.state, payload.status);
      if (machineEvent) move(machineEvent);
      if (payload.message) next.statusMessage = payload.message;
      break;
    }
    case 'FILL': {
      const filled = current.filledQuantity + payload.quantity;
      if (filled > current.quantity) {
        throw new OrderLedgerError(
          `Fill ${payload.fillId} of ${payload.quantity} overfills ${current.clientOrderId}: ${current.filledQuantity} of ${current.quantity} already filled`,
        );
      }
      move({ type: filled === current.quantity ? 'FILL' : 'PARTIAL_FILL' });
      next.filledQuantity = filled;
      next.fillValue = current.fillValue + valueOf(payload.quantity, payload.price);
      break;
    }
    case 'MODIFY_REQUESTED':
      move({ type: 'MODIFY_REQUEST' });
      next.pendingModification = payload.changes;
      break;
    case 'MODIFY_CONFIRMED':
      confirmModification(current, next, move);
      break;
    case 'MODIFY_REJECTED':
      move({ type: 'MODIFY_REJECTED' });
      next.pendingModification = null;
      next.statusMessage = payload.reason;
      break;
    case 'CANCEL_REQUESTED':
      move({ type: 'CANCEL_REQUEST' });
      if (payload.reason) next.statusMessage = payload.reason;
      break;
    case 'CANCEL_CONFIRMED':
      move({ type: 'CANCEL_CONFIRMED' });
      break;
    case 'CANCEL_REJECTED':
      move({ type: 'CANCEL_REJECTED' });
      next.statusMessage = payload.reason;
      break;
  }
  // A modify cannot outlive the order.
  if (next.status === 'FILLED' || next.status === 'CANCELLED' || next.status === 'REJECTED') next.pendingModification = null;
  return next;
}

const isStop = (type: OrderType): boolean => type === 'SL' || type === 'SL-M';

function confirmModification(
  current: OrderProjection,
  next: OrderProjection,
  move: (e: OrderStateEvent) => void,
): void {
  const changes = current.pendingModification;
  // Let the machine speak first: MODIFY_CONFIRMED on a finished order is an illegal transition.
  if (!changes) move({ type: 'MODIFY_CONFIRMED' });
  if (!changes) throw new OrderLedgerError(`MODIFY_CONFIRMED for ${current.clientOrderId} without a pending modification`);
  const orderType = changes.orderType ?? current.orderType;
  // Only a switch between stop and non-stop types moves the order between the books.
  const working = isStop(orderType) === isStop(current.orderType) ? undefined : isStop(orderType) ? 'TRIGGER_PENDING' : 'OPEN';
  move(working ? { type: 'MODIFY_CONFIRMED', working } : { type: 'MODIFY_CONFIRMED' });
  const quantity = changes.quantity ?? current.quantity;
  if (quantity <= current.filledQuantity) {
    throw new OrderLedgerError(
      `Modify of ${current.clientOrderId} to ${quantity} units leaves nothing to fill (${current.filledQuantity} filled)`,
    );
  }
  next.orderType = orderType;
  next.quantity = quantity;
  if (changes.price !== undefined) next.price = changes.price;
  if (changes.triggerPrice !== undefined) next.triggerPrice = changes.triggerPrice;
  next.pendingModification = null;
}
