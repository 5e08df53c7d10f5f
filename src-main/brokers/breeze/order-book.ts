/**
 * Breeze order rows (GET order: the book per exchange and date range, and one order's
 * detail) and trade rows → normalised values in paise.
 *
 * Numbers come as strings ("420.00", "1"), `strike_price` as a float, absent values as
 * null. A row has no filled quantity: it is quantity − pending − cancelled, all of it
 * for "Executed" and none for "Rejected" / "Expired"; for "Partially Executed And
 * Expired" the expired part is not given, so the fills (trade details) are counted
 * instead. The trade LIST has no trade id; fills come from the trade DETAIL of an
 * order (exchange_trade_id / trade_id, execution_price, exchange_trade_time).
 */
import { z } from 'zod';
import type { OrderType } from '../../../src-shared/orders/order-types';
import type { BrokerOrderReport, BrokerTrade } from '../../oms/broker-port';
import type { HttpAnswer } from '../kite/http-body';
import { parseDashedMonDateTimeIst } from '../angel/mon-dates';
import { idText, moneyToPaise, optionalText, wholeNumber } from '../angel/wire-values';
import { parseBreezeList, parseBreezeResponse, type BreezeList, type BreezeResponse } from './envelope';
import { breezeBrokerStatus, normaliseBreezeStatus, readBreezeStatus } from './status-map';

const id = z.unknown().optional().transform(idText);
const text = z.unknown().optional().transform(optionalText);
const count = z.unknown().optional().transform(wholeNumber);
const money = z.unknown().optional().transform(moneyToPaise);

export const breezeOrderRowSchema = z.looseObject({
  order_id: id.pipe(z.string()),
  exchange_order_id: id,
  exchange_code: text,
  stock_code: text,
  product_type: text,
  action: text,
  order_type: text,
  stoploss: money,
  quantity: count.pipe(z.number().int().nonnegative()),
  price: money,
  validity: text,
  average_price: money,
  cancelled_quantity: count,
  pending_quantity: count,
  status: text.pipe(z.string()),
  user_remark: text,
  order_datetime: text,
  parent_order_id: id,
});
export type BreezeOrderRow = z.infer<typeof breezeOrderRowSchema>;

const ORDER_TYPES: Readonly<Record<string, OrderType>> = { limit: 'L', market: 'MKT', stoploss: 'SL' };

export interface BreezeOrder {
  orderId: string;
  exchangeOrderId: string | null;
  status: string;
  side: 'BUY' | 'SELL' | null;
  /** Null for a word we do not know; Breeze's SL rows say "StopLoss". */
  orderType: OrderType | null;
  remark: string | null;
  quantity: number;
  /** Null when the row cannot tell (part executed, part expired): count the fills. */
  filledQuantity: number | null;
  price: number | null;
  triggerPrice: number | null;
  averagePrice: number | null;
  placedAtMs: number | null;
  raw: BreezeOrderRow;
}

export function normaliseBreezeOrder(row: BreezeOrderRow): BreezeOrder {
  const word = normaliseBreezeStatus(row.status);
  const pending = row.pending_quantity ?? 0;
  const cancelled = row.cancelled_quantity ?? 0;
  let filled: number | null = Math.max(0, row.quantity - pending - cancelled);
  if (word === 'executed') filled = row.quantity;
  else if (word === 'rejected' || word === 'expired' || word === 'requested') filled = 0;
  else if (word === 'partially executed and expired') filled = null;
  const action = row.action?.toLowerCase();
  const nonZero = (paise: number | null) => (paise === null || paise === 0 ? null : paise);
  return {
    orderId: row.order_id,
    exchangeOrderId: row.exchange_order_id,
    status: row.status,
    side: action === 'buy' ? 'BUY' : action === 'sell' ? 'SELL' : null,
    orderType: ORDER_TYPES[row.order_type?.toLowerCase() ?? ''] ?? null,
    remark: row.user_remark,
    quantity: row.quantity,
    filledQuantity: filled,
    price: nonZero(row.price),
    triggerPrice: nonZero(row.stoploss),
    averagePrice: nonZero(row.average_price),
    placedAtMs: row.order_datetime === null ? null : parseDashedMonDateTimeIst(row.order_datetime),
    raw: row,
  };
}

/** `ourType`: the type we sent it as (an SL-M went as SL, a MKT as a limit), reported back as such. */
export function breezeOrderReport(clientOrderId: string, order: BreezeOrder, trades: BrokerTrade[], ourType: OrderType): BrokerOrderReport {
  const filled = order.filledQuantity ?? trades.reduce((sum, t) => sum + t.quantity, 0);
  const reading = readBreezeStatus(order.status, { filledQuantity: filled, quantity: order.quantity });
  const stop = ourType === 'SL' || ourType === 'SL-M';
  return {
    clientOrderId,
    brokerOrderId: order.orderId,
    status: breezeBrokerStatus(reading, ourType, filled),
    brokerStatus: order.status,
    message: null,
    orderType: ourType,
    quantity: order.quantity,
    price: ourType === 'L' || ourType === 'SL' ? order.price : null,
    triggerPrice: stop ? order.triggerPrice : null,
    filledQuantity: filled,
    trades,
  };
}

export function parseBreezeOrders(answer: HttpAnswer): BreezeList<BreezeOrder> {
  const list = parseBreezeList(answer, breezeOrderRowSchema);
  return list.ok ? { ...list, rows: list.rows.map(normaliseBreezeOrder) } : list;
}

const placedSchema = z.looseObject({ order_id: id.pipe(z.string()), message: text });

/** Place, modify and cancel answer {order_id, message}. */
export function parseBreezeOrderAnswer(answer: HttpAnswer): BreezeResponse<{ orderId: string; message: string | null }> {
  const parsed = parseBreezeResponse(answer, placedSchema);
  return parsed.ok ? { ok: true, data: { orderId: parsed.data.order_id, message: parsed.data.message } } : parsed;
}

export const breezeTradeDetailSchema = z.looseObject({
  trade_id: id,
  exchange_trade_id: id,
  executed_quantity: count.pipe(z.number().int().positive()),
  execution_price: money.pipe(z.number().int().positive()),
  exchange_trade_time: text,
});

/** One order's fills (GET trades with exchange_code and order_id). */
export function parseBreezeTradeDetail(answer: HttpAnswer, orderId: string): BreezeList<BrokerTrade> {
  const list = parseBreezeList(answer, breezeTradeDetailSchema.refine((r) => r.trade_id !== null || r.exchange_trade_id !== null, 'a fill without a trade id'));
  if (!list.ok) return list;
  return {
    ...list,
    rows: list.rows.map((row) => ({
      tradeId: `${orderId}-${row.exchange_trade_id ?? row.trade_id}`,
      quantity: row.executed_quantity,
      price: row.execution_price,
      at: (row.exchange_trade_time === null ? null : parseDashedMonDateTimeIst(row.exchange_trade_time)) ?? 0,
    })),
  };
}

export const breezeTradeRowSchema = z.looseObject({
  order_id: id.pipe(z.string()),
  stock_code: text,
  exchange_code: text,
  action: text,
  quantity: count.pipe(z.number().int().positive()),
  average_cost: money,
  trade_date: text,
});

/** The trade list: executions summed per row, no trade id (use the detail for fills). */
export function parseBreezeTradeList(answer: HttpAnswer): BreezeList<z.infer<typeof breezeTradeRowSchema>> {
  return parseBreezeList(answer, breezeTradeRowSchema);
}
