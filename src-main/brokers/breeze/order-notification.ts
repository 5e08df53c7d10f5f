/**
 * Breeze's "order" events (the order-notification feed, facts §B5) → typed order
 * updates. The payload is an array of strings whose item 0 has no "!"; item 11 is
 * the message type: 4/5 equity, 6/7 F&O. The positions below are the Python SDK's
 * and have NOT been checked against a live message (§D13), so the decoder reads only
 * the fields the adapter needs, checks each one's shape, and refuses a message that
 * does not fit instead of guessing:
 *   equity: 14 stock code · 15 B/S · 16 L/M/S · 17 T/I/V (day/IOC/VTC) · 18 limit rate
 *           19 product · 20 status code · 23 order reference (order id) · 24 quantity
 *           25 open qty · 26 executed · 27 cancelled · 28 expired · 30 SL trigger · 42 avg rate
 *   F&O:    14 stock code · 15 product F/O · 16 C/P/* · 18 strike · 19 expiry · 21 B/S
 *           22 L/M/S · 23 T/I/V · 24 limit rate · 25 status code · 26 order reference
 *           27 quantity · 28 executed · 29 cancelled · 30 expired · 31 SL trigger · 39 avg rate
 * The 19- and 28-item arrays of the strategy streams also lack "!" and are refused as such.
 * Never throws.
 */
import { moneyToPaise, optionalText, wholeNumber } from '../angel/wire-values';
import { BREEZE_STATUS_CODES } from './status-map';

export type BreezeNotificationErrorKind = 'not-an-array' | 'quote-stream' | 'strategy-stream' | 'unknown-message-type' | 'bad-length' | 'bad-field';

export interface BreezeOrderNotification {
  segment: 'equity' | 'fno';
  orderId: string;
  /** The one-letter code and its word (null for a letter not in the table). */
  statusCode: string;
  status: string | null;
  stockCode: string;
  side: 'BUY' | 'SELL' | null;
  /** L limit, M market, S stop loss. */
  priceKind: 'L' | 'M' | 'S' | null;
  quantity: number;
  executedQuantity: number;
  cancelledQuantity: number;
  expiredQuantity: number;
  /** Paise; null when absent or not whole paise. */
  limitPrice: number | null;
  triggerPrice: number | null;
  averageExecutedPrice: number | null;
  exchangeCode: string | null;
  raw: readonly unknown[];
}

export type BreezeNotificationResult = { ok: true; notification: BreezeOrderNotification } | { ok: false; error: { kind: BreezeNotificationErrorKind; index: number } };

interface Layout {
  segment: 'equity' | 'fno';
  minLength: number;
  stock: number; side: number; priceKind: number; limit: number; status: number; reference: number;
  quantity: number; executed: number; cancelled: number; expired: number; trigger: number; average: number;
}

const EQUITY: Layout = { segment: 'equity', minLength: 43, stock: 14, side: 15, priceKind: 16, limit: 18, status: 20, reference: 23, quantity: 24, executed: 26, cancelled: 27, expired: 28, trigger: 30, average: 42 };
const FNO: Layout = { segment: 'fno', minLength: 40, stock: 14, side: 21, priceKind: 22, limit: 24, status: 25, reference: 26, quantity: 27, executed: 28, cancelled: 29, expired: 30, trigger: 31, average: 39 };

export function decodeBreezeOrderNotification(payload: unknown): BreezeNotificationResult {
  const fail = (kind: BreezeNotificationErrorKind, index: number): BreezeNotificationResult => ({ ok: false, error: { kind, index } });
  if (!Array.isArray(payload) || payload.length === 0) return fail('not-an-array', 0);
  const items: readonly unknown[] = payload;
  const first = items[0];
  if (typeof first === 'string' && first.includes('!')) return fail('quote-stream', 0);
  if (items.length === 19 || items.length === 28) return fail('strategy-stream', 0);
  const word = (i: number) => optionalText(typeof items[i] === 'number' ? String(items[i]) : items[i]);
  const type = word(11);
  const layout = type === '4' || type === '5' ? EQUITY : type === '6' || type === '7' ? FNO : null;
  if (layout === null) return fail('unknown-message-type', 11);
  if (items.length < layout.minLength) return fail('bad-length', items.length);
  const count = (i: number) => {
    const value = items[i];
    if (value === null || value === undefined || value === '') return 0;
    const n = wholeNumber(value);
    return n !== null && n >= 0 ? n : null;
  };
  const orderId = word(layout.reference);
  if (orderId === null || !/^[A-Za-z0-9]{1,40}$/.test(orderId)) return fail('bad-field', layout.reference);
  const statusCode = word(layout.status)?.toUpperCase() ?? null;
  if (statusCode === null || !/^[A-Z]$/.test(statusCode)) return fail('bad-field', layout.status);
  const stockCode = word(layout.stock);
  if (stockCode === null) return fail('bad-field', layout.stock);
  const quantities = [layout.quantity, layout.executed, layout.cancelled, layout.expired].map((i) => [i, count(i)] as const);
  const broken = quantities.find(([, n]) => n === null);
  if (broken) return fail('bad-field', broken[0]);
  const [quantity, executed, cancelled, expired] = quantities.map(([, n]) => n as number) as [number, number, number, number];
  const side = word(layout.side)?.toUpperCase();
  const kind = word(layout.priceKind)?.toUpperCase();
  const paise = (i: number) => {
    const value = moneyToPaise(items[i]);
    return value === null || value <= 0 ? null : value;
  };
  return {
    ok: true,
    notification: {
      segment: layout.segment,
      orderId,
      statusCode,
      status: BREEZE_STATUS_CODES.get(statusCode) ?? null,
      stockCode,
      side: side === 'B' ? 'BUY' : side === 'S' ? 'SELL' : null,
      priceKind: kind === 'L' || kind === 'M' || kind === 'S' ? kind : null,
      quantity,
      executedQuantity: executed,
      cancelledQuantity: cancelled,
      expiredQuantity: expired,
      limitPrice: paise(layout.limit),
      triggerPrice: paise(layout.trigger),
      averageExecutedPrice: paise(layout.average),
      exchangeCode: word(13),
      raw: items,
    },
  };
}
