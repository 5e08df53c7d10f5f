/**
 * Angel One's positions (getPosition), holdings (getHolding) and funds (getRMS) →
 * typed rows in paise.
 *
 * Values are strings in the docs and numbers in the holdings sample; the positions
 * sample writes "- 2235.80". Averages can have more decimals than a paisa: such a
 * value is null rather than rounded, and the raw row is kept. Funds fields are null
 * when Angel sends null (the JS SDK's sample does for the utilised fields).
 */
import { z } from 'zod';
import type { HttpAnswer } from '../kite/http-body';
import { parseAngelList, parseAngelResponse, type AngelResponse, type ListReading } from './envelope';
import { idText, moneyToPaise, optionalText, wholeNumber } from './wire-values';

const id = z.unknown().optional().transform(idText);
const text = z.unknown().optional().transform(optionalText);
const count = z.unknown().optional().transform(wholeNumber);
const money = z.unknown().optional().transform(moneyToPaise);

export const angelPositionRowSchema = z.looseObject({
  exchange: text.pipe(z.string()),
  symboltoken: id.pipe(z.string()),
  tradingsymbol: text.pipe(z.string()),
  producttype: text,
  netqty: count.pipe(z.number().int()),
  buyqty: count,
  sellqty: count,
  cfbuyqty: count,
  cfsellqty: count,
  buyavgprice: money,
  sellavgprice: money,
  netprice: money,
  lotsize: count,
  expirydate: text,
  strikeprice: text,
  optiontype: text,
});
export type AngelPosition = z.infer<typeof angelPositionRowSchema>;

export const angelHoldingRowSchema = z.looseObject({
  tradingsymbol: text.pipe(z.string()),
  exchange: text.pipe(z.string()),
  symboltoken: id.pipe(z.string()),
  isin: text,
  quantity: count.pipe(z.number().int()),
  t1quantity: count,
  product: text,
  averageprice: money,
  ltp: money,
  close: money,
});
export type AngelHolding = z.infer<typeof angelHoldingRowSchema>;

export function parseAngelPositions(answer: HttpAnswer): ListReading<AngelPosition> {
  return parseAngelList(answer, angelPositionRowSchema, 'AB1016');
}

export function parseAngelHoldings(answer: HttpAnswer): ListReading<AngelHolding> {
  return parseAngelList(answer, angelHoldingRowSchema, 'AB1015');
}

export const ANGEL_FUNDS_FIELDS = [
  'net',
  'availablecash',
  'availableintradaypayin',
  'availablelimitmargin',
  'collateral',
  'm2munrealized',
  'm2mrealized',
  'utiliseddebits',
  'utilisedspan',
  'utilisedoptionpremium',
  'utilisedholdingsales',
  'utilisedexposure',
  'utilisedturnover',
  'utilisedpayout',
] as const;
export type AngelFunds = Record<(typeof ANGEL_FUNDS_FIELDS)[number], number | null>;

const fundsSchema = z.looseObject(Object.fromEntries(ANGEL_FUNDS_FIELDS.map((field) => [field, money])) as Record<(typeof ANGEL_FUNDS_FIELDS)[number], typeof money>);

export function parseAngelFunds(answer: HttpAnswer): AngelResponse<AngelFunds> {
  const parsed = parseAngelResponse(answer, fundsSchema.nullable());
  if (!parsed.ok) return parsed;
  if (parsed.data === null) return { ok: false, error: { kind: 'bad-response', status: answer.status, code: null, message: 'getRMS answered without data' } };
  const funds = Object.fromEntries(ANGEL_FUNDS_FIELDS.map((field) => [field, parsed.data?.[field] ?? null])) as AngelFunds;
  return { ok: true, data: funds, message: parsed.message };
}
