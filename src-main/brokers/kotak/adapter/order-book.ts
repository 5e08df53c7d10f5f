/**
 * Kotak's order book, order history and trade book rows → our BrokerOrderReport, with
 * zod on every row. A row that does not parse is dropped and counted (the caller logs
 * it); it never throws out of a poll.
 *
 * Field names are Kotak's (nOrdNo, ordSt, prcTp, qty, fldQty, prc, trgPrc, rejRsn,
 * GuiOrdId for the `ig` tag; trade rows: flId, fldQty, avgPrc, exTm). Assumptions,
 * from Kotak's public client code rather than MARKET-FACTS:
 * - a trade row's `flId` (fill id) is unique within the order, so `${nOrdNo}-${flId}`
 *   is a stable trade id; a row without it falls back to order, time, quantity and
 *   price, stable as long as Kotak lists the trade the same way;
 * - times are IST "07-Oct-2022 13:04:14".
 * Interim words (validation pending, modify pending…) carry no resting state, so the
 * report says TRIGGER_PENDING for a stop order and OPEN otherwise; the next read
 * corrects it.
 */
import { z } from 'zod';
import type { OrderType } from '../../../../src-shared/orders/order-types';
import type { BrokerOrderReport, BrokerOrderStatus, BrokerTrade } from '../../../oms/broker-port';
import { parseScaledDecimal } from '../../kite/decimal';
import { readKotakStatus } from '../status-map';

const text = z.union([z.string(), z.number()]).transform(String);
const count = z.union([z.number(), z.string()]).transform((v) => parseScaledDecimal(String(v), 0)).pipe(z.number().int().nonnegative());

export const kotakOrderRowSchema = z.looseObject({
  nOrdNo: text.pipe(z.string().min(1)),
  ordSt: z.string(),
  prcTp: z.string().default(''),
  qty: count,
  fldQty: count.default(0),
  prc: text.default('0'),
  trgPrc: text.default('0'),
  rejRsn: z.string().default(''),
  GuiOrdId: z.string().default(''),
  trdSym: z.string().default(''),
  exSeg: z.string().default(''),
  tok: text.default(''),
  trnsTp: z.string().default(''),
  prod: z.string().default(''),
  vldt: z.string().default(''),
});
export type KotakOrderRow = z.infer<typeof kotakOrderRowSchema>;

export const kotakTradeRowSchema = z.looseObject({
  nOrdNo: text.pipe(z.string().min(1)),
  flId: text.optional(),
  fldQty: count.pipe(z.number().positive()),
  avgPrc: text,
  exTm: z.string().default(''),
});
export type KotakTradeRow = z.infer<typeof kotakTradeRowSchema>;

/** `{stat, data: [...]}`; Kotak answers an empty book with Not_Ok "No Data". */
const listSchema = z.looseObject({ stat: z.string().optional(), data: z.array(z.unknown()).optional(), emsg: z.string().optional(), errMsg: z.string().optional() });

export type ListReading<T> = { ok: true; rows: T[]; dropped: number } | { ok: false; message: string };

export function readList<T>(value: unknown, row: z.ZodType<T>): ListReading<T> {
  const list = listSchema.safeParse(value);
  if (!list.success) return { ok: false, message: 'a list of an unknown shape' };
  const said = list.data.emsg ?? list.data.errMsg;
  if (list.data.data === undefined) {
    if (said === 'No Data') return { ok: true, rows: [], dropped: 0 };
    return { ok: false, message: said ?? 'a list without data' };
  }
  const rows: T[] = [];
  let dropped = 0;
  for (const item of list.data.data) {
    const parsed = row.safeParse(item);
    if (parsed.success) rows.push(parsed.data);
    else dropped += 1;
  }
  return { ok: true, rows, dropped };
}

export function paiseOf(rupees: string): number | null {
  const value = parseScaledDecimal(rupees, 2);
  return value !== null && value >= 0 ? value : null;
}

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** "07-Oct-2022 13:04:14" (IST) → epoch ms; null when it is not that shape. */
export function kotakTimeToEpoch(value: string): number | null {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  const month = m ? MONTHS[m[2] as string] : undefined;
  if (!m || month === undefined) return null;
  return Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])) - 330 * 60_000;
}

export function tradeOf(row: KotakTradeRow): BrokerTrade | null {
  const price = paiseOf(row.avgPrc);
  if (price === null) return null;
  const tradeId = row.flId ? `${row.nOrdNo}-${row.flId}` : `${row.nOrdNo}-${row.exTm}-${row.fldQty}-${row.avgPrc}`;
  return { tradeId, quantity: row.fldQty, price, at: kotakTimeToEpoch(row.exTm) ?? 0 };
}

const ORDER_TYPES = new Set<OrderType>(['L', 'MKT', 'SL', 'SL-M']);

/**
 * The venue's view in our terms. `ourType` is the type we asked for: an SL-M we sent
 * as SL is reported as SL-M (with no limit price), so reconciliation compares like
 * with like.
 */
export function reportOf(clientOrderId: string, row: KotakOrderRow, trades: BrokerTrade[], ourType: OrderType | null): BrokerOrderReport {
  const reading = readKotakStatus(row.ordSt, { filledQuantity: row.fldQty, quantity: row.qty });
  const venueType = ORDER_TYPES.has(row.prcTp as OrderType) ? (row.prcTp as OrderType) : 'L';
  const orderType: OrderType = ourType === 'SL-M' && venueType === 'SL' ? 'SL-M' : venueType;
  const stop = orderType === 'SL' || orderType === 'SL-M';
  let status: BrokerOrderStatus;
  switch (reading.status) {
    case 'FILLED':
    case 'CANCELLED':
    case 'REJECTED':
    case 'TRIGGER_PENDING':
      status = reading.status;
      break;
    default:
      status = reading.interim && stop ? 'TRIGGER_PENDING' : 'OPEN';
  }
  return {
    clientOrderId,
    brokerOrderId: row.nOrdNo,
    status,
    brokerStatus: row.ordSt,
    message: row.rejRsn.trim() || null,
    orderType,
    quantity: row.qty,
    price: orderType === 'L' || orderType === 'SL' ? paiseOf(row.prc) : null,
    triggerPrice: stop ? paiseOf(row.trgPrc) : null,
    filledQuantity: row.fldQty,
    trades,
  };
}
