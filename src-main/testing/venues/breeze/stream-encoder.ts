/**
 * SERVER side of Breeze's stream: typed quotes, depth and order notifications → the
 * arrays the "stock" and "order" events carry (layouts: brokers/breeze/stream-decoder.ts,
 * order-notification.ts). For the Breeze venue and the tests (valid seeds for the fuzzers;
 * the decoder tests write their arrays by hand from the facts sheet).
 */
import { breezeTrimmedRupees } from '../../../brokers/breeze/contract';
import type { BreezeDepth, BreezeQuote } from '../../../brokers/breeze/stream-decoder';

const rupees = (paise: number | null) => (paise === null ? null : Number(breezeTrimmedRupees(paise)));
const seconds = (ms: number | null) => (ms === null ? null : Math.trunc(ms / 1000));

export function encodeBreezeQuote(symbol: string, q: Omit<BreezeQuote, 'kind' | 'id'>): unknown[] {
  const head = [symbol, rupees(q.open), rupees(q.last), rupees(q.high), rupees(q.low), q.changePercent, rupees(q.bid), q.bidQty, rupees(q.ask), q.askQty, q.lastQty, rupees(q.averagePrice)];
  const tail = [q.volume, q.totalBuyQty, q.totalSellQty, q.turnover, q.trend, rupees(q.lowerCircuit), rupees(q.upperCircuit), seconds(q.lastTradeTimeMs), rupees(q.previousClose)];
  return q.layout === 'fno' ? [...head, q.oi, q.oiChange, ...tail] : [...head, ...tail];
}

/** Levels are written for the exchange's width: 8 (NSE/NFO, flags ""), 6 (BFO) or 4 (BSE). */
export function encodeBreezeDepth(symbol: string, exchangeCode: number, d: Pick<BreezeDepth, 'timeMs' | 'buy' | 'sell'>): unknown[] {
  const rows = Math.max(d.buy.length, d.sell.length);
  const levels = Array.from({ length: rows }, (_, n) => {
    const b = d.buy[n];
    const s = d.sell[n];
    const side = (l: typeof b) => [l ? rupees(l.price) : 0, l?.quantity ?? 0, l?.orders ?? 0];
    if (exchangeCode === 1) return [side(b)[0], side(b)[1], side(s)[0], side(s)[1]];
    if (exchangeCode === 8) return [...side(b), ...side(s)];
    return [...side(b), '', ...side(s), ''];
  });
  return [symbol, seconds(d.timeMs), levels];
}

export interface NotificationFields {
  segment: 'equity' | 'fno';
  orderId: string;
  statusCode: string;
  stockCode: string;
  side: 'B' | 'S';
  priceKind: 'L' | 'M' | 'S';
  quantity: number;
  executed: number;
  cancelled: number;
  expired: number;
  /** Rupee text as the feed sends it ("420.50"). */
  limitRate: string;
  trigger: string;
  averageRate: string;
}

/** A 47-item string array with the fields at the SDK's positions and placeholders elsewhere. */
export function encodeBreezeOrderNotification(f: NotificationFields): string[] {
  const items = Array.from({ length: 47 }, (_, i) => `f${i}`);
  const set = (i: number, value: string) => {
    items[i] = value;
  };
  ['1', 'ORD', 'USER01', 'K', '512', '1', '77', '05-Feb-2025', '09:26:01', 'O', 'N'].forEach((v, i) => set(i, v));
  set(12, '8500001234');
  set(13, f.segment === 'equity' ? 'NSE' : 'NFO');
  set(14, f.stockCode);
  const at = f.segment === 'equity'
    ? { type: '4', side: 15, kind: 16, validity: 17, limit: 18, status: 20, ref: 23, qty: 24, exec: 26, canc: 27, exp: 28, trig: 30, avg: 42 }
    : { type: '6', side: 21, kind: 22, validity: 23, limit: 24, status: 25, ref: 26, qty: 27, exec: 28, canc: 29, exp: 30, trig: 31, avg: 39 };
  set(11, at.type);
  set(at.side, f.side);
  set(at.kind, f.priceKind);
  set(at.validity, 'T');
  set(at.limit, f.limitRate);
  set(at.status, f.statusCode);
  set(at.ref, f.orderId);
  set(at.qty, String(f.quantity));
  set(at.exec, String(f.executed));
  set(at.canc, String(f.cancelled));
  set(at.exp, String(f.expired));
  set(at.trig, f.trigger);
  set(at.avg, f.averageRate);
  return items;
}
