import type { OrderEventPayload } from '../../../src-shared/orders/order-events';
import type { Paise } from '../../../src-shared/money';
import type { OrderProjection } from '../../../src-shared/orders/order-fold';

/**
 * What the ledger keeps per order besides the fold itself. Everything here comes from
 * the order's events (the ids and the broker are columns of every row; the symbol and
 * exchange ride in the INTENT payload as `instrument`), so a rebuild from order_events
 * alone reproduces it.
 */
export interface OrderMeta {
  /** Our id (uuid), kept apart from the client's id and the broker's. */
  orderId: string;
  /** The uuid shared by the slices of one sliced order; null otherwise. */
  parentOrderId: string | null;
  broker: string;
  tradingsymbol: string;
  exchange: string;
}

export interface OrderRecord {
  meta: OrderMeta;
  projection: OrderProjection;
  /** seq of the last event (the next is seq + 1). */
  seq: number;
  /** Broker trade ids already booked: a fill reported twice is booked once. */
  fillIds: ReadonlySet<string>;
  /** The fills so far, in order: charges are computed on the order's cumulative fills. */
  fills: ReadonlyArray<{ quantity: number; price: Paise }>;
}

/** One appended event, as stored. */
export interface AppendedEvent {
  eventId: number;
  clientOrderId: string;
  seq: number;
  at: number;
  payload: OrderEventPayload;
}

/** Extra keys the INTENT row carries so the projection can be rebuilt from the ledger alone. */
export interface IntentExtras {
  instrument: { tradingsymbol: string; exchange: string };
}
