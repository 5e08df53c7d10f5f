import type { Paise } from '../../src-shared/money';
import type { ReportedStatus } from '../../src-shared/orders/order-events';
import type { OrderType, Product, Side, Validity } from '../../src-shared/orders/order-types';

/**
 * The broker port: the one interface every broker adapter implements (brokers/: the
 * paper broker, Kite, Kotak), declared here by its consumer. The OMS speaks only this.
 *
 * Contract the OMS relies on:
 * - `encode*` are PURE and return exactly what the adapter will put on the wire for the
 *   call. The OMS writes that to the ledger (REQUEST_SENT, verbatim) BEFORE it calls the
 *   adapter, so a crash can never leave a request sent but unrecorded.
 * - A call resolves with the venue's answer (`ok` or a refusal with its reason). It
 *   REJECTS only when the outcome is unknown (timeout, connection lost); the OMS then
 *   leaves the order in flight and asks `orderStatus` (reconciliation) — never re-sends.
 * - `orderStatus(clientOrderId)` answers the venue's view of an order by OUR id, or null
 *   when the venue has never received it. Real adapters map our id to whatever the venue
 *   keeps (Kite: the order tag).
 * - Updates (fills, status changes) are pushed through `onUpdate`. The same trade may be
 *   reported more than once (an update and a reconciliation): `tradeId` is stable, and the
 *   OMS books each trade id once.
 */

export interface BrokerPlaceRequest {
  clientOrderId: string;
  token: number;
  tradingsymbol: string;
  exchange: string;
  side: Side;
  orderType: OrderType;
  product: Product;
  validity: Validity;
  quantity: number;
  price: Paise | null;
  triggerPrice: Paise | null;
  /** Basis points (100 = 1 %), −1 automatic. */
  marketProtection: number;
  /** SEBI algo id (the order's tag at the venue), null for manual orders. */
  algoId: string | null;
  /** After-market order: the venue queues it for the next session (Kite variety amo, Kotak am=YES). */
  amo: boolean;
  /**
   * Iceberg legs (2–10, validated by the OMS: equal whole-lot legs, each within the
   * freeze quantity), or null. A venue without icebergs must refuse, not send it plain.
   */
  icebergLegs: number | null;
}

/**
 * The variety of the order a modify or cancel is for, as it was placed (from the
 * order's INTENT in the ledger). Venues address or flag modify/cancel by it (Kite's
 * `/orders/:variety/:id`, Kotak's `am`); carrying it in the request keeps `encode` pure
 * and makes it right after a restart, when no adapter memory of the place survives.
 */
export interface BrokerOrderVariety {
  amo: boolean;
  icebergLegs: number | null;
}

export interface BrokerModifyRequest extends BrokerOrderVariety {
  clientOrderId: string;
  brokerOrderId: string;
  /** Absent = unchanged; the adapter sends whatever its venue needs. */
  quantity?: number;
  price?: Paise | null;
  triggerPrice?: Paise | null;
  orderType?: OrderType;
}

export interface BrokerCancelRequest extends BrokerOrderVariety {
  clientOrderId: string;
  brokerOrderId: string;
}

export type BrokerCall =
  | { action: 'PLACE'; request: BrokerPlaceRequest }
  | { action: 'MODIFY'; request: BrokerModifyRequest }
  | { action: 'CANCEL'; request: BrokerCancelRequest };

export interface BrokerTrade {
  /** The venue's trade id: stable, unique per venue. */
  tradeId: string;
  quantity: number;
  price: Paise;
  /** Epoch ms. */
  at: number;
}

/** Normalised venue status of an order (Kite COMPLETE / Kotak complete → FILLED). */
export type BrokerOrderStatus = 'OPEN' | 'TRIGGER_PENDING' | 'FILLED' | 'CANCELLED' | 'REJECTED';

/** The venue's whole view of one order: what reconciliation and responses carry. */
export interface BrokerOrderReport {
  clientOrderId: string;
  brokerOrderId: string;
  status: BrokerOrderStatus;
  /** The venue's own word for it, for the audit trail. */
  brokerStatus: string;
  message: string | null;
  /** Working terms at the venue (after any modification it applied). */
  orderType: OrderType;
  quantity: number;
  price: Paise | null;
  triggerPrice: Paise | null;
  filledQuantity: number;
  /** Every execution of the order so far, oldest first. */
  trades: BrokerTrade[];
}

export type BrokerResponse =
  | {
      ok: true;
      brokerOrderId: string;
      /** The venue's answer verbatim (recorded in RESPONSE_RECEIVED). */
      raw: unknown;
      /**
       * The order as the venue sees it right after the call, when the venue says so
       * synchronously (the paper broker always does). Lets the OMS book an immediate
       * fill, or the fills that happened before a cancel took effect, in the same
       * transaction as the response.
       */
      report: BrokerOrderReport | null;
    }
  | { ok: false; reason: string; raw: unknown; report: BrokerOrderReport | null };

export type BrokerUpdate =
  | {
      kind: 'status';
      clientOrderId: string;
      brokerOrderId: string;
      status: ReportedStatus;
      brokerStatus: string;
      message: string | null;
    }
  | { kind: 'fill'; clientOrderId: string; brokerOrderId: string; trade: BrokerTrade }
  /** The venue refused an order it had not yet acknowledged. */
  | { kind: 'rejected'; clientOrderId: string; brokerOrderId: string | null; reason: string };

export interface Broker {
  /** Recorded in every ledger row and fill ('paper', 'kite', ...). */
  readonly name: string;
  /** Loads whatever the adapter keeps (session, the paper book). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** What the call puts on the wire, verbatim; pure. */
  encode(call: BrokerCall): Record<string, unknown>;
  place(request: BrokerPlaceRequest): Promise<BrokerResponse>;
  modify(request: BrokerModifyRequest): Promise<BrokerResponse>;
  cancel(request: BrokerCancelRequest): Promise<BrokerResponse>;
  /** The venue's view of an order by our client order id; null when it never received it. */
  orderStatus(clientOrderId: string): Promise<BrokerOrderReport | null>;
  onUpdate(listener: (update: BrokerUpdate) => void): () => void;
  /**
   * Resolves once the adapter's own queued work has run (the paper broker's matching
   * passes), so the OMS can wait for a quiet moment in tests and at shutdown. Optional:
   * a real venue's work happens elsewhere.
   */
  idle?(): Promise<void>;
}

/** Thrown (rejected) by an adapter when it cannot tell whether the venue got the call. */
export class BrokerOutcomeUnknown extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BrokerOutcomeUnknown';
  }
}
