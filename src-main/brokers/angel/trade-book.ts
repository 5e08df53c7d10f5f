/**
 * Angel One's trade book (getTradeBook) → fills in paise.
 *
 * A row is one execution: fillid, orderid, fillsize, fillprice, filltime "13:27:53".
 * The book is the current day's, and filltime has no date, so the caller passes the
 * IST trading day the book was read on. The trade id is `${orderid}-${fillid}`: fill
 * ids are the exchange's trade numbers, unique within an order but not promised
 * unique across exchanges. A row without a fill id, size or exact price is dropped
 * and counted (the order's filled quantity still says it happened).
 */
import { z } from 'zod';
import type { BrokerTrade } from '../../oms/broker-port';
import type { HttpAnswer } from '../kite/http-body';
import { parseAngelList, type ListReading } from './envelope';
import { istTimeOnDay } from './mon-dates';
import { idText, moneyToPaise, optionalText, wholeNumber } from './wire-values';

export const angelTradeRowSchema = z.looseObject({
  orderid: z.unknown().optional().transform(idText).pipe(z.string()),
  fillid: z.unknown().optional().transform(idText).pipe(z.string()),
  fillsize: z.unknown().optional().transform(wholeNumber).pipe(z.number().int().positive()),
  fillprice: z.unknown().optional().transform(moneyToPaise).pipe(z.number().int().positive()),
  filltime: z.unknown().optional().transform(optionalText),
  transactiontype: z.unknown().optional().transform(optionalText),
  tradingsymbol: z.unknown().optional().transform(optionalText),
  exchange: z.unknown().optional().transform(optionalText),
});
export type AngelTradeRow = z.infer<typeof angelTradeRowSchema>;

export interface AngelFill {
  orderId: string;
  trade: BrokerTrade;
}

export function angelFillOf(row: AngelTradeRow, tradingDay: string): AngelFill {
  const at = row.filltime === null ? null : istTimeOnDay(tradingDay, row.filltime);
  return {
    orderId: row.orderid,
    trade: { tradeId: `${row.orderid}-${row.fillid}`, quantity: row.fillsize, price: row.fillprice, at: at ?? 0 },
  };
}

export function parseAngelTradeBook(answer: HttpAnswer, tradingDay: string): ListReading<AngelFill> {
  const list = parseAngelList(answer, angelTradeRowSchema, 'AB1014');
  return list.ok ? { ...list, rows: list.rows.map((row) => angelFillOf(row, tradingDay)) } : list;
}
