/**
 * Breeze positions (GET portfoliopositions {}) → typed rows in paise. `action` is
 * "Buy", "Sell" or "NA" (flat); expiry "27-Feb-2025"; strike rupees.
 */
import { z } from 'zod';
import type { HttpAnswer } from '../kite/http-body';
import { parseDashedMonDate } from '../angel/mon-dates';
import { moneyToPaise, optionalText, wholeNumber } from '../angel/wire-values';
import { parseBreezeList, type BreezeList } from './envelope';

const text = z.unknown().optional().transform(optionalText);

export const breezePositionRowSchema = z.looseObject({
  segment: text,
  product_type: text,
  exchange_code: text.pipe(z.string()),
  stock_code: text.pipe(z.string()),
  expiry_date: text.transform((v) => (v === null ? null : parseDashedMonDate(v))),
  strike_price: z.unknown().optional().transform(moneyToPaise),
  right: text,
  action: text,
  quantity: z.unknown().optional().transform(wholeNumber).pipe(z.number().int()),
  average_price: z.unknown().optional().transform(moneyToPaise),
  ltp: z.unknown().optional().transform(moneyToPaise),
});
export type BreezePosition = z.infer<typeof breezePositionRowSchema>;

/** Signed quantity: a "Sell" position is short. */
export function breezeNetQuantity(position: BreezePosition): number {
  return position.action?.toLowerCase() === 'sell' ? -Math.abs(position.quantity) : position.quantity;
}

export function parseBreezePositions(answer: HttpAnswer): BreezeList<BreezePosition> {
  return parseBreezeList(answer, breezePositionRowSchema);
}
