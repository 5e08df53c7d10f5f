/**
 * An `instruments` row → the shared Instrument (prices in paise). Rows the
 * terminal cannot represent (an exchange it does not trade, a sub-paisa
 * currency tick) map to null and are left out, never shown half-converted.
 */
import type { Selectable } from 'kysely';
import { exchangeSchema, instrumentSchema, type Instrument } from '../../../src-shared/domain/instrument';
import type { InstrumentsTable } from '../../db/schema';
import { int8ToNumber, numericToPaise } from './numeric';

export type InstrumentRow = Pick<
  Selectable<InstrumentsTable>,
  | 'instrument_token'
  | 'exchange_token'
  | 'tradingsymbol'
  | 'name'
  | 'exchange'
  | 'segment'
  | 'instrument_type'
  | 'expiry'
  | 'strike'
  | 'lot_size'
  | 'tick_size'
  | 'freeze_qty'
>;

export const instrumentColumns = [
  'instrument_token',
  'exchange_token',
  'tradingsymbol',
  'name',
  'exchange',
  'segment',
  'instrument_type',
  'expiry',
  'strike',
  'lot_size',
  'tick_size',
  'freeze_qty',
] as const satisfies ReadonlyArray<keyof InstrumentRow>;

export function instrumentFromRow(row: InstrumentRow): Instrument | null {
  const exchange = exchangeSchema.safeParse(row.exchange);
  if (!exchange.success) return null;
  try {
    const parsed = instrumentSchema.safeParse({
      token: int8ToNumber(row.instrument_token),
      exchangeToken: row.exchange_token === null ? 0 : int8ToNumber(row.exchange_token),
      tradingsymbol: row.tradingsymbol,
      name: row.name,
      exchange: exchange.data,
      segment: row.segment,
      instrumentType: row.instrument_type,
      expiry: row.expiry,
      strike: row.strike === null ? null : numericToPaise(row.strike),
      lotSize: row.lot_size,
      tickSize: numericToPaise(row.tick_size),
      freezeQty: row.freeze_qty,
    });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
