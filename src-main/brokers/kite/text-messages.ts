/**
 * Kite's text (JSON) ticker messages: order updates `{"type":"order","data":{…}}`,
 * `{"type":"error","data":"…"}` and `{"type":"message","data":"…"}`. Parsed with zod
 * and never thrown from: a malformed message becomes `{type: 'invalid'}` with the
 * reason, to be counted and logged while the connection carries on.
 *
 * Order updates keep the whole JSON object in `raw` (the ledger stores it verbatim)
 * and add a normalised view with prices in paise.
 */
import { z } from 'zod';
import { parseIstDateTime } from '../../../src-shared/time/ist';
import { rupeeTextToPaise } from './decimal';
import { describeIssues } from './master-report';

const count = z.number().int().nonnegative();
const rupees = z.number().nonnegative();
const optionalText = z.string().nullish();

/** Only the fields we act on are required; Kite adds fields over time, so the rest pass through. */
export const kiteOrderDataSchema = z.looseObject({
  order_id: z.string().min(1),
  exchange_order_id: optionalText,
  parent_order_id: optionalText,
  status: z.string(),
  status_message: optionalText,
  status_message_raw: optionalText,
  order_timestamp: optionalText,
  exchange_timestamp: optionalText,
  exchange_update_timestamp: optionalText,
  variety: optionalText,
  exchange: z.string(),
  tradingsymbol: z.string(),
  instrument_token: z.number().int().nonnegative(),
  order_type: z.string(),
  transaction_type: z.enum(['BUY', 'SELL']),
  validity: optionalText,
  product: z.string(),
  quantity: count,
  disclosed_quantity: count.nullish(),
  price: rupees,
  trigger_price: rupees,
  average_price: rupees,
  filled_quantity: count,
  pending_quantity: count,
  cancelled_quantity: count,
  tag: optionalText,
});
export type KiteOrderData = z.infer<typeof kiteOrderDataSchema>;

const envelopeSchema = z.looseObject({ type: z.string(), data: z.unknown() });

export interface KiteOrderUpdate {
  orderId: string;
  exchangeOrderId: string | null;
  /** Kite's word, for status-map.ts and the audit trail. */
  status: string;
  /** Why it was rejected or cancelled, in Kite's words; shown to the trader. */
  statusMessage: string | null;
  exchange: string;
  tradingsymbol: string;
  instrumentToken: number;
  side: 'BUY' | 'SELL';
  orderType: string;
  product: string;
  variety: string | null;
  tag: string | null;
  quantity: number;
  filledQuantity: number;
  pendingQuantity: number;
  cancelledQuantity: number;
  /** Paise; null when Kite's number is not a whole paise (then see `raw`). */
  price: number | null;
  triggerPrice: number | null;
  /** An average of fills can have more decimals than a paisa: null then; the fills are exact. */
  averagePrice: number | null;
  /** Kite stamps IST wall-clock text; converted to epoch ms (null if absent or unreadable). */
  orderTimestampMs: number | null;
  exchangeTimestampMs: number | null;
  raw: KiteOrderData;
}

export type KiteTextMessage =
  | { type: 'order'; order: KiteOrderUpdate }
  | { type: 'error'; message: string }
  | { type: 'message'; message: string }
  | { type: 'unknown'; messageType: string }
  | { type: 'invalid'; reason: string };

export function parseKiteTextMessage(text: string): KiteTextMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { type: 'invalid', reason: 'not JSON' };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { type: 'invalid', reason: describeIssues(envelope.error.issues) };
  const { type, data } = envelope.data;
  switch (type) {
    case 'order': {
      const order = kiteOrderDataSchema.safeParse(data);
      if (!order.success) return { type: 'invalid', reason: `order update: ${describeIssues(order.error.issues)}` };
      return { type: 'order', order: normaliseOrder(order.data) };
    }
    case 'error':
    case 'message':
      return { type, message: typeof data === 'string' ? data : JSON.stringify(data) ?? '' };
    default:
      return { type: 'unknown', messageType: type };
  }
}

export function normaliseOrder(data: KiteOrderData): KiteOrderUpdate {
  return {
    orderId: data.order_id,
    exchangeOrderId: data.exchange_order_id ?? null,
    status: data.status,
    statusMessage: data.status_message ?? null,
    exchange: data.exchange,
    tradingsymbol: data.tradingsymbol,
    instrumentToken: data.instrument_token,
    side: data.transaction_type,
    orderType: data.order_type,
    product: data.product,
    variety: data.variety ?? null,
    tag: data.tag ?? null,
    quantity: data.quantity,
    filledQuantity: data.filled_quantity,
    pendingQuantity: data.pending_quantity,
    cancelledQuantity: data.cancelled_quantity,
    price: jsonRupeesToPaise(data.price),
    triggerPrice: jsonRupeesToPaise(data.trigger_price),
    averagePrice: jsonRupeesToPaise(data.average_price),
    orderTimestampMs: istTextToMs(data.order_timestamp),
    exchangeTimestampMs: istTextToMs(data.exchange_update_timestamp ?? data.exchange_timestamp),
    raw: data,
  };
}

/**
 * A JSON number of rupees → paise, exactly. JSON.parse gives the shortest double
 * that prints back as the text Kite sent ("1234.55" → 1234.55), so going through
 * its string form recovers the decimal without float arithmetic.
 */
export function jsonRupeesToPaise(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  return rupeeTextToPaise(String(value));
}

function istTextToMs(text: string | null | undefined): number | null {
  if (!text) return null;
  return parseIstDateTime(text)?.getTime() ?? null;
}
