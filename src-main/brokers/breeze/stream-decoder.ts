/**
 * Breeze's "stock" events (quotes and depth, facts §B5) → typed results in paise.
 * Payloads are JSON arrays whose meaning is fixed by position; prices are rupee
 * numbers. Never throws: whatever arrives, the answer is a message or a typed error
 * naming the array index at fault.
 *
 * Quote (`X.1!token`), 21 items for cash, 23 for F&O:
 *   0 symbol · 1 open · 2 last · 3 high · 4 low · 5 change % · 6 bid · 7 bid qty · 8 ask
 *   9 ask qty · 10 last qty · 11 average price, then
 *   cash: 12 volume · 13 total buy qty · 14 total sell qty · 15 turnover ("1328.72C")
 *         16 trend · 17 lower circuit · 18 upper circuit · 19 last trade time (epoch s) · 20 previous close
 *   F&O:  12 OI · 13 OI change · 14 volume · 15 total buy · 16 total sell · 17 turnover
 *         18 trend · 19 lower · 20 upper · 21 last trade time · 22 previous close
 * An index sends null in the bid/ask/volume slots: null stays null.
 * Depth (`X.2!token`): [symbol, epoch s, levels]; a level is 8 values for NSE/NFO
 * (bid rate, qty, orders, flag, ask rate, qty, orders, flag), 6 for BFO (no flags),
 * 4 for BSE (rate and qty only). A side without a rate (null or 0) is an empty level.
 * MCX (6) and GIFT NIFTY (3) arrays have other layouts and are refused.
 */
import { jsonRupeesToPaise } from '../kite/text-messages';
import { parseBreezeStreamName, type BreezeStreamId } from './stream-subscription';

export type BreezeStreamErrorKind = 'not-an-array' | 'not-a-quote' | 'bad-symbol' | 'unsupported-exchange' | 'bad-length' | 'bad-field';

export interface BreezeStreamError {
  kind: BreezeStreamErrorKind;
  /** The array index at fault (0 for the payload itself). */
  index: number;
}

export interface BreezeQuote {
  kind: 'quote';
  id: BreezeStreamId;
  layout: 'cash' | 'fno';
  open: number | null;
  last: number;
  high: number | null;
  low: number | null;
  previousClose: number | null;
  changePercent: number | null;
  bid: number | null;
  bidQty: number | null;
  ask: number | null;
  askQty: number | null;
  lastQty: number | null;
  averagePrice: number | null;
  volume: number | null;
  totalBuyQty: number | null;
  totalSellQty: number | null;
  /** Breeze's text, e.g. "1328.72C" (crores), kept as sent. */
  turnover: string | null;
  trend: string | null;
  lowerCircuit: number | null;
  upperCircuit: number | null;
  lastTradeTimeMs: number | null;
  /** F&O only. */
  oi: number | null;
  oiChange: number | null;
}

export interface BreezeDepthLevel {
  price: number;
  quantity: number;
  /** Null where the layout has none (BSE). */
  orders: number | null;
}

export interface BreezeDepth {
  kind: 'depth';
  id: BreezeStreamId;
  timeMs: number | null;
  buy: BreezeDepthLevel[];
  sell: BreezeDepthLevel[];
}

export type BreezeStockResult = { ok: true; message: BreezeQuote | BreezeDepth } | { ok: false; error: BreezeStreamError };

class Bad {
  constructor(readonly index: number) {}
}

const SUPPORTED = new Set([1, 4, 8, 13]);
const MAX_LEVELS = 20;

export function decodeBreezeStock(payload: unknown): BreezeStockResult {
  const fail = (kind: BreezeStreamErrorKind, index: number): BreezeStockResult => ({ ok: false, error: { kind, index } });
  if (!Array.isArray(payload) || payload.length === 0) return fail('not-an-array', 0);
  const symbol: unknown = payload[0];
  if (typeof symbol !== 'string' || !symbol.includes('!')) return fail('not-a-quote', 0);
  const id = parseBreezeStreamName(symbol);
  if (id === null) return fail('bad-symbol', 0);
  if (!SUPPORTED.has(id.exchangeCode)) return fail('unsupported-exchange', 0);
  try {
    if (id.kind === 'depth') {
      if (payload.length !== 3) return fail('bad-length', payload.length);
      return { ok: true, message: depth(payload, id) };
    }
    if (payload.length !== 21 && payload.length !== 23) return fail('bad-length', payload.length);
    return { ok: true, message: quote(payload, id) };
  } catch (error) {
    if (error instanceof Bad) return fail('bad-field', error.index);
    throw error;
  }
}

function reader(items: readonly unknown[]) {
  const price = (i: number): number | null => {
    const value = items[i];
    if (value === null || value === undefined || value === '') return null;
    const paise = typeof value === 'number' ? jsonRupeesToPaise(value) : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? jsonRupeesToPaise(Number(value)) : null;
    if (paise === null || paise < 0) throw new Bad(i);
    return paise;
  };
  const int = (i: number, signed = false): number | null => {
    const value = items[i];
    if (value === null || value === undefined || value === '') return null;
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || (!signed && n < 0)) throw new Bad(i);
    return n;
  };
  const real = (i: number): number | null => {
    const value = items[i];
    if (value === null || value === undefined || value === '') return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Bad(i);
    return value;
  };
  const text = (i: number): string | null => {
    const value = items[i];
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string') throw new Bad(i);
    return value;
  };
  const seconds = (i: number): number | null => {
    const n = int(i);
    return n === null || n === 0 ? null : n * 1000;
  };
  return { price, int, real, text, seconds };
}

function quote(items: readonly unknown[], id: BreezeStreamId): BreezeQuote {
  const r = reader(items);
  const fno = items.length === 23;
  const at = (cash: number) => (fno ? cash + 2 : cash);
  const last = r.price(2);
  if (last === null) throw new Bad(2);
  return {
    kind: 'quote', id, layout: fno ? 'fno' : 'cash',
    open: r.price(1), last, high: r.price(3), low: r.price(4), changePercent: r.real(5),
    bid: r.price(6), bidQty: r.int(7), ask: r.price(8), askQty: r.int(9), lastQty: r.int(10), averagePrice: r.price(11),
    oi: fno ? r.int(12) : null, oiChange: fno ? r.int(13, true) : null,
    volume: r.int(at(12)), totalBuyQty: r.int(at(13)), totalSellQty: r.int(at(14)), turnover: r.text(at(15)), trend: r.text(at(16)),
    lowerCircuit: r.price(at(17)), upperCircuit: r.price(at(18)), lastTradeTimeMs: r.seconds(at(19)), previousClose: r.price(at(20)),
  };
}

function depth(items: readonly unknown[], id: BreezeStreamId): BreezeDepth {
  const timeMs = reader(items).seconds(1);
  const levels: unknown = items[2];
  if (!Array.isArray(levels) || levels.length > MAX_LEVELS) throw new Bad(2);
  const width = id.exchangeCode === 1 ? 4 : id.exchangeCode === 8 ? 6 : 8;
  const buy: BreezeDepthLevel[] = [];
  const sell: BreezeDepthLevel[] = [];
  for (const level of levels as unknown[]) {
    if (!Array.isArray(level) || level.length !== width) throw new Bad(2);
    const r = reader(level);
    // A side with no rate is an empty level: left out, not an error.
    const side = (rate: number, qty: number, orders: number | null, into: BreezeDepthLevel[]) => {
      const price = r.price(rate);
      const quantity = r.int(qty) ?? 0;
      const count = orders === null ? null : r.int(orders);
      if (price !== null && price > 0) into.push({ price, quantity, orders: count });
    };
    const askAt = width === 4 ? 2 : width === 6 ? 3 : 4;
    side(0, 1, width === 4 ? null : 2, buy);
    side(askAt, askAt + 1, width === 4 ? null : askAt + 2, sell);
  }
  return { kind: 'depth', id, timeMs, buy, sell };
}
