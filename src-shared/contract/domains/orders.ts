import { z } from 'zod';
import { instrumentSchema } from '../../domain/instrument';
import { orderIntentSchema, orderStatusSchema, orderTypeSchema, productSchema, sideSchema, validitySchema } from '../../orders/order-types';
import { defineEvents, defineMethods } from '../define';
import { storableText } from '../../storable-text';

/**
 * Orders, trades, positions and risk as the terminal sees them. Money and
 * prices are integer paise on the wire (P&L may be negative), quantities are units
 * (never lots), times epoch ms UTC. The order ticket, the order book, the trade book,
 * the positions pane and the kill switch are all built on these names: keep them stable.
 *
 * A sliced order (above the freeze quantity) is ONE order here: the parent the trader
 * placed, with its status aggregated from its `children` (each a real exchange order
 * that keeps the parent id). Unsliced orders have `children: []`.
 */

const paise = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** P&L and other signed amounts in paise. */
const signedPaise = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const epochMs = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const units = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** Our id of an order (a uuid); the broker's id is `brokerOrderId`, the caller's `clientOrderId`. */
export const orderIdSchema = z.uuid();

export const chargeBreakdownSchema = z.object({
  turnover: paise, brokerage: paise, stt: paise, exchangeTxn: paise, sebiFee: paise, gst: paise, stampDuty: paise, total: paise,
});
export type ChargeBreakdownWire = z.infer<typeof chargeBreakdownSchema>;

const pendingModificationSchema = z.object({
  quantity: z.number().int().positive().optional(),
  price: paise.nullable().optional(),
  triggerPrice: paise.nullable().optional(),
  orderType: orderTypeSchema.optional(),
});

/** One exchange order (or a sliced parent's aggregate, see `children`). */
export const orderFields = {
  orderId: orderIdSchema,
  clientOrderId: z.string().min(1).max(72),
  /** Set on a slice: the client order id the trader placed. */
  parentClientOrderId: z.string().min(1).max(64).nullable(),
  brokerOrderId: z.string().nullable(),
  /** 'paper' or a real broker's name. */
  broker: z.string(),
  token: z.number().int().positive(),
  tradingsymbol: z.string(),
  exchange: z.string(),
  side: sideSchema, orderType: orderTypeSchema, product: productSchema, validity: validitySchema,
  quantity: z.number().int(),
  filledQuantity: units,
  /** Working limit price (after confirmed modifications); null for MKT / SL-M. */
  price: paise.nullable(),
  triggerPrice: paise.nullable(),
  /** Average fill price in whole paise (half-up), null before the first fill. */
  averagePrice: paise.nullable(),
  /** Basis points of the price (100 = 1 %); −1 = automatic. */
  marketProtection: z.number().int(),
  status: orderStatusSchema,
  /** True when nothing more can happen to the order (FILLED / CANCELLED / REJECTED, or a finished parent). */
  done: z.boolean(),
  /** The latest reason or broker message worth showing (a rejection's reason, always). */
  statusMessage: z.string().nullable(),
  /** A modify sent and not yet confirmed or refused. */
  pendingModification: pendingModificationSchema.nullable(),
  strategyId: z.string(),
  algoId: z.string().nullable(),
  /** An after-market order (queued by the broker for the next session). */
  amo: z.boolean(),
  /** An iceberg order's leg count (each leg a separate exchange order of quantity / legs); null otherwise. */
  icebergLegs: z.number().int().nullable(),
  createdAt: epochMs, updatedAt: epochMs,
};
export const childOrderSchema = z.object(orderFields);
export const orderSchema = z.object({ ...orderFields, children: z.array(childOrderSchema) });
export type Order = z.infer<typeof orderSchema>;
export type ChildOrder = z.infer<typeof childOrderSchema>;

/** One row of an order's ledger, for the order's timeline. */
export const orderEventSchema = z.object({
  eventId: z.number().int().positive(),
  clientOrderId: z.string(),
  seq: z.number().int().positive(),
  type: z.string(),
  /** The order's status after the event, null when it did not change. */
  statusAfter: orderStatusSchema.nullable(),
  at: epochMs,
  /** The event as recorded (requests and responses verbatim). */
  payload: z.record(z.string(), z.unknown()),
});
export type OrderEventWire = z.infer<typeof orderEventSchema>;

/** One execution in the trade book, with its charges (charges of an order = Σ of its fills'). */
export const fillSchema = z.object({
  fillId: z.string(),
  orderId: orderIdSchema,
  clientOrderId: z.string(),
  broker: z.string(),
  brokerTradeId: z.string(),
  token: z.number().int().positive(), tradingsymbol: z.string(), exchange: z.string(),
  side: sideSchema, product: productSchema,
  quantity: z.number().int().positive(),
  price: paise,
  filledAt: epochMs,
  strategyId: z.string(),
  algoId: z.string().nullable(),
  charges: chargeBreakdownSchema,
});
export type Fill = z.infer<typeof fillSchema>;

/** A net position per (token, product, strategy), marked to the live LTP. */
export const positionSchema = z.object({
  token: z.number().int().positive(),
  tradingsymbol: z.string(),
  exchange: z.string(),
  product: productSchema,
  strategyId: z.string(),
  /** + long, − short. */
  netQuantity: z.number().int(),
  /** Average cost of the open quantity (whole paise, half-up); null when flat. */
  averagePrice: paise.nullable(),
  /** Last traded price used for the marks; null when no quote has arrived. */
  ltp: paise.nullable(),
  /** Realised since the position was opened (all days), against average cost. */
  realisedPnl: signedPaise,
  /** Open quantity marked to `ltp` (0 without a quote). */
  unrealisedPnl: signedPaise,
  totalPnl: signedPaise,
  /** Today's M2M: day sells − day buys + net × LTP − carried value. */
  dayPnl: signedPaise,
  dayRealisedPnl: signedPaise,
  /** Brought forward from earlier days. */
  carriedQuantity: z.number().int(),
  dayBuyQuantity: units, dayBuyValue: paise, daySellQuantity: units, daySellValue: paise,
  /** Charges booked on this position's fills (all days, like realisedPnl). */
  charges: paise,
  /** IST trading day 'YYYY-MM-DD' the day columns describe. */
  tradingDate: z.string(),
});
export type Position = z.infer<typeof positionSchema>;

/** The limits the trader may change; null = no limit. Amounts are positive, as risk_settings' CHECKs require. */
export const riskLimitsSchema = z.object({
  maxOrderValue: paise.positive().nullable(),
  maxPositionValuePerInstrument: paise.positive().nullable(),
  maxOpenOrders: z.number().int().positive().max(100_000).nullable(),
  maxOrdersPerSecond: z.number().int().positive().max(1000),
  /** A positive amount: the day's realised + unrealised loss that trips the kill switch. */
  dailyLossLimit: paise.positive().nullable(),
});
export type RiskLimits = z.infer<typeof riskLimitsSchema>;

export const riskStateSchema = z.object({
  limits: riskLimitsSchema,
  killSwitch: z.object({
    engaged: z.boolean(),
    reason: z.string().nullable(),
    /** When it was engaged (epoch ms), null when off. */
    at: epochMs.nullable(),
  }),
  /** Today's realised + unrealised P&L across positions, marked to live prices. */
  dayPnl: signedPaise,
  openOrderCount: units,
});
export type RiskState = z.infer<typeof riskStateSchema>;

export const decisionSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), code: z.string(), reason: z.string() }),
]);
export type Decision = z.infer<typeof decisionSchema>;

/** What the ticket shows before the trader commits. */
export const orderPreviewSchema = z.object({
  /** True when validation and risk would both let the order through now. */
  ok: z.boolean(),
  instrument: instrumentSchema.nullable(),
  validation: decisionSchema,
  /** Null when validation failed first (risk is not asked about an invalid order). */
  risk: decisionSchema.nullable(),
  /** The price the value and charges assume: the limit, else the side's best quote, else LTP; null without a quote. */
  referencePrice: paise.nullable(),
  /** quantity × referencePrice. */
  value: paise.nullable(),
  /** Charges if the whole order executed at referencePrice (one executed order per slice). */
  charges: chargeBreakdownSchema.nullable(),
  /** quantity / lot size (F&O), null when not whole lots or unknown instrument. */
  lots: z.number().nullable(),
  /** Exchange orders it becomes: 1, or the number of freeze-quantity slices. */
  slices: z.number().int().nonnegative(),
  maxSliceQuantity: units.nullable(),
});
export type OrderPreview = z.infer<typeof orderPreviewSchema>;

export const placeResultSchema = z.object({
  orderId: orderIdSchema,
  clientOrderId: z.string(),
  status: orderStatusSchema,
  /** The rejection's reason, or a broker message; null when there is nothing to say. */
  message: z.string().nullable(),
  /** True when this client order id had already been placed: this is the first order's result. */
  duplicate: z.boolean(),
});
export type PlaceResult = z.infer<typeof placeResultSchema>;

export const notifySchema = z.object({
  level: z.enum(['info', 'success', 'warning', 'error']),
  title: z.string(),
  message: z.string(),
  /** The order it is about, when there is one. */
  orderId: orderIdSchema.nullable().default(null),
});
export type Notify = z.infer<typeof notifySchema>;

export const ORDER_LIMITS = { listMax: 1000, tradesMax: 5000 } as const;

export const ordersMethods = defineMethods({
  'orders.place': {
    args: orderIntentSchema,
    result: placeResultSchema,
    summary: 'Places an order (idempotent by clientOrderId: a repeat answers the first order). Refusals are recorded and answered, not thrown.',
  },
  'orders.preview': {
    args: orderIntentSchema,
    result: orderPreviewSchema,
    summary: 'Value, charges, lots, slices and the validation and risk verdicts of an order, without placing it.',
  },
  'orders.modify': {
    args: z
      .object({
        orderId: orderIdSchema,
        quantity: z.number().int().positive().optional(),
        price: paise.nullable().optional(),
        triggerPrice: paise.nullable().optional(),
        orderType: orderTypeSchema.optional(),
      })
      .strict(),
    result: orderSchema,
    summary: 'Modifies a working order (a sliced parent: price, trigger and type of every working slice).',
  },
  'orders.cancel': {
    args: z.object({ orderId: orderIdSchema }).strict(),
    result: orderSchema,
    summary: 'Cancels a working order (a sliced parent: every working slice).',
  },
  'orders.list': {
    args: z
      .object({
        scope: z.enum(['open', 'done', 'all']).default('all'),
        limit: z.number().int().min(1).max(ORDER_LIMITS.listMax).default(200),
      })
      .strict(),
    result: z.array(orderSchema),
    summary: 'Orders, newest first; open = still working, done = finished.',
  },
  'orders.get': {
    args: z.object({ orderId: orderIdSchema }).strict(),
    result: z.object({ order: orderSchema, events: z.array(orderEventSchema) }),
    summary: 'One order and its ledger timeline (a sliced parent: the events of all its slices, in order).',
  },
  'trades.list': {
    args: z.object({ limit: z.number().int().min(1).max(ORDER_LIMITS.tradesMax).default(500) }).strict(),
    result: z.array(fillSchema),
    summary: 'The trade book, newest first, each fill with its charges.',
  },
  'positions.list': {
    args: z.object({}).strict(),
    result: z.array(positionSchema),
    summary: 'Net positions per product and strategy, marked to the live LTP.',
  },
  'risk.get': {
    args: z.object({}).strict(),
    result: riskStateSchema,
    summary: 'Risk limits, the kill switch and the day P&L they are measured against.',
  },
  'risk.update': {
    args: z.object({ settings: riskLimitsSchema.partial().strict() }).strict(),
    result: riskStateSchema,
    summary: 'Changes risk limits (written to the audit log).',
  },
  'risk.killSwitch': {
    args: z.object({ engage: z.boolean(), reason: storableText('the reason').trim().min(1).max(200).optional() }).strict(),
    result: riskStateSchema,
    summary: 'Engages the kill switch (cancels every open order, blocks new ones) or resets it.',
  },
});

export const ordersEvents = defineEvents({
  /** Orders that changed (top-level: a slice's change pushes its parent with all children). */
  'orders.changed': z.array(orderSchema),
  /** New executions. */
  'trades.new': z.array(fillSchema),
  /** Positions that changed (on fills, and on price moves, coalesced). */
  'positions.changed': z.array(positionSchema),
  'risk.changed': riskStateSchema,
  /** One line for the trader: each fill and each rejection. */
  notify: notifySchema,
});
