/**
 * Angel One order rows (getOrderBook, details/{uniqueorderid}, the order-update
 * socket's orderData, the postback) → a normalised order in paise, and the place /
 * modify / cancel answers → the order ids.
 *
 * The docs' sample writes `orderid` as a bare number and `symboltoken` as null, and
 * the individual-order API returns prices as numbers, so every field is coerced
 * (wire-values.ts) and only the order id and a status word are required. The raw
 * object is kept for the ledger.
 */
import { z } from 'zod';
import type { OrderType } from '../../../src-shared/orders/order-types';
import type { BrokerOrderReport, BrokerTrade } from '../../oms/broker-port';
import type { HttpAnswer } from '../kite/http-body';
import { parseAngelList, parseAngelResponse, type AngelResponse, type ListReading } from './envelope';
import { parseDashedMonDateTimeIst } from './mon-dates';
import { angelBrokerStatus, angelStatusWord, readAngelStatus } from './status-map';
import { idText, moneyToPaise, optionalText, wholeNumber } from './wire-values';

const id = z.unknown().optional().transform(idText);
const text = z.unknown().optional().transform(optionalText);
const count = z.unknown().optional().transform(wholeNumber);
const money = z.unknown().optional().transform(moneyToPaise);

export const angelOrderRowSchema = z
  .looseObject({
    orderid: id.pipe(z.string()),
    uniqueorderid: id,
    exchangeorderid: id,
    parentorderid: id,
    variety: text,
    ordertype: text,
    producttype: text,
    duration: text,
    transactiontype: text,
    exchange: text,
    tradingsymbol: text,
    symboltoken: id,
    price: money,
    triggerprice: money,
    averageprice: money,
    quantity: count,
    filledshares: count,
    unfilledshares: count,
    cancelsize: count,
    status: text,
    orderstatus: text,
    text: text,
    updatetime: text,
    exchorderupdatetime: text,
    ordertag: text,
  })
  .refine((row) => row.status !== null || row.orderstatus !== null, 'an order row without a status');
export type AngelOrderRow = z.infer<typeof angelOrderRowSchema>;

const ORDER_TYPES: Readonly<Record<string, OrderType>> = { MARKET: 'MKT', LIMIT: 'L', STOPLOSS_LIMIT: 'SL', STOPLOSS_MARKET: 'SL-M' };

export interface AngelOrder {
  orderId: string;
  /** The UUID the details endpoint is addressed by. */
  uniqueOrderId: string | null;
  exchangeOrderId: string | null;
  /** orderstatus, else status: the word status-map.ts reads. */
  status: string;
  /** Angel's `text`: the rejection reason, in its words. */
  statusText: string | null;
  tradingsymbol: string | null;
  symbolToken: string | null;
  side: 'BUY' | 'SELL' | null;
  /** Null for a type we do not know (the raw row has Angel's word). */
  orderType: OrderType | null;
  tag: string | null;
  quantity: number;
  filledQuantity: number;
  /** Paise; null when zero, absent or finer than a paisa. */
  price: number | null;
  triggerPrice: number | null;
  averagePrice: number | null;
  /** The exchange's update time, else Angel's (IST text → epoch ms). */
  updatedAtMs: number | null;
  raw: AngelOrderRow;
}

export function normaliseAngelOrder(row: AngelOrderRow): AngelOrder {
  const side = row.transactiontype?.toUpperCase();
  const stamp = row.exchorderupdatetime ?? row.updatetime;
  const nonZero = (paise: number | null) => (paise === null || paise === 0 ? null : paise);
  return {
    orderId: row.orderid,
    uniqueOrderId: row.uniqueorderid,
    exchangeOrderId: row.exchangeorderid,
    status: angelStatusWord(row),
    statusText: row.text,
    tradingsymbol: row.tradingsymbol,
    symbolToken: row.symboltoken,
    side: side === 'BUY' || side === 'SELL' ? side : null,
    orderType: ORDER_TYPES[row.ordertype?.toUpperCase() ?? ''] ?? null,
    tag: row.ordertag,
    quantity: row.quantity ?? 0,
    filledQuantity: row.filledshares ?? 0,
    price: nonZero(row.price),
    triggerPrice: nonZero(row.triggerprice),
    averagePrice: nonZero(row.averageprice),
    updatedAtMs: stamp === null ? null : parseDashedMonDateTimeIst(stamp),
    raw: row,
  };
}

/**
 * The port's view of one order. `ourType` is the type we placed it with, used when
 * Angel's row names none we know.
 */
export function angelOrderReport(clientOrderId: string, order: AngelOrder, trades: BrokerTrade[], ourType: OrderType): BrokerOrderReport {
  const orderType = order.orderType ?? ourType;
  const reading = readAngelStatus(order.status, { filledQuantity: order.filledQuantity, quantity: order.quantity });
  const stop = orderType === 'SL' || orderType === 'SL-M';
  return {
    clientOrderId,
    brokerOrderId: order.orderId,
    status: angelBrokerStatus(reading, orderType),
    brokerStatus: order.status,
    message: order.statusText,
    orderType,
    quantity: order.quantity,
    price: orderType === 'L' || orderType === 'SL' ? order.price : null,
    triggerPrice: stop ? order.triggerPrice : null,
    filledQuantity: order.filledQuantity,
    trades,
  };
}

export function parseAngelOrderBook(answer: HttpAnswer): ListReading<AngelOrder> {
  const list = parseAngelList(answer, angelOrderRowSchema, 'AB1013');
  return list.ok ? { ...list, rows: list.rows.map(normaliseAngelOrder) } : list;
}

/** details/{uniqueorderid}: one order object. */
export function parseAngelOrderDetails(answer: HttpAnswer): AngelResponse<AngelOrder> {
  const parsed = parseAngelResponse(answer, angelOrderRowSchema);
  return parsed.ok ? { ...parsed, data: normaliseAngelOrder(parsed.data) } : parsed;
}

const orderAnswerSchema = z.looseObject({ orderid: id.pipe(z.string()), uniqueorderid: id, script: text });

/** Place answers {script, orderid, uniqueorderid}; modify and cancel {orderid, uniqueorderid}. */
export function parseAngelOrderAnswer(answer: HttpAnswer): AngelResponse<{ orderId: string; uniqueOrderId: string | null }> {
  const parsed = parseAngelResponse(answer, orderAnswerSchema);
  return parsed.ok ? { ok: true, message: parsed.message, data: { orderId: parsed.data.orderid, uniqueOrderId: parsed.data.uniqueorderid } } : parsed;
}
