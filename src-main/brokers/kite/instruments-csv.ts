/**
 * Kite's daily instrument dump (CSV, columns instrument_token, exchange_token,
 * tradingsymbol, name, last_price, expiry, strike, tick_size, lot_size,
 * instrument_type, segment, exchange) → our Instrument rows.
 *
 * Decisions a reader should know:
 * - Prices (tick_size, strike) are rupee text converted to paise exactly; a value
 *   below a paisa (currency ticks of ₹0.0025) cannot be a paise Instrument, so such
 *   rows are skipped as 'unsupported' with the reason, consistent with the ticker
 *   refusing sub-paise currency prices (ticker-tick.ts).
 * - Kite lists indices with segment INDICES, instrument_type EQ, tick 0 and lot 0:
 *   they become INDEX with tick 1 paisa (index values are computed to the paisa, not
 *   traded on a grid) and lot 1 (nothing is ever ordered in index units).
 * - Kite's dump has NO freeze quantity: freezeQty is left null here and must come
 *   from elsewhere (the exchange's quantity-freeze file or the dated table in
 *   MARKET-FACTS). Slicing must not treat null as "no limit" for F&O.
 * - last_price is ignored: it is yesterday's snapshot, not a quote.
 */
import { z } from 'zod';
import { exchangeSchema, instrumentSchema, type Instrument, type InstrumentType } from '../../../src-shared/domain/instrument';
import { parseIntegerText, rupeeTextToPaise } from './decimal';
import { createMasterParser, parseMaster, type MasterParser, type MasterParserSpec, type RowOutcome } from './master-parser';
import { describeIssues, type MasterSummary } from './master-report';

export const KITE_INSTRUMENT_COLUMNS = [
  'instrument_token',
  'exchange_token',
  'tradingsymbol',
  'name',
  'last_price',
  'expiry',
  'strike',
  'tick_size',
  'lot_size',
  'instrument_type',
  'segment',
  'exchange',
] as const;

const integerText = z.string().trim().regex(/^\d+$/, 'expected a whole number');
const decimalText = z.string().trim().regex(/^(\d+(\.\d*)?)?$/, 'expected a decimal number');

const kiteRowSchema = z.object({
  instrument_token: integerText,
  exchange_token: integerText,
  tradingsymbol: z.string().trim().min(1).max(64),
  name: z.string().trim().max(128),
  expiry: z.string().trim().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'expected YYYY-MM-DD or empty'),
  strike: decimalText,
  tick_size: decimalText,
  lot_size: integerText,
  instrument_type: z.string().trim(),
  segment: z.string().trim().min(1).max(32),
  exchange: z.string().trim(),
});
type KiteRow = z.infer<typeof kiteRowSchema>;

export function mapKiteRow(row: KiteRow): RowOutcome {
  const bad = (reason: string): RowOutcome => ({ ok: false, kind: 'bad-row', reason });
  const unsupported = (reason: string): RowOutcome => ({ ok: false, kind: 'unsupported', reason });

  const exchange = exchangeSchema.safeParse(row.exchange);
  if (!exchange.success) return unsupported(`exchange "${row.exchange}" is not one the terminal trades`);
  const isIndex = row.segment === 'INDICES';
  const type: InstrumentType | null = isIndex ? 'INDEX' : asTradedType(row.instrument_type);
  if (type === null) return unsupported(`instrument type "${row.instrument_type}"`);

  const tickText = row.tick_size === '' ? '0' : row.tick_size;
  const tick = rupeeTextToPaise(tickText);
  if (tick === null) return unsupported(`tick size ₹${row.tick_size} is below a paisa`);
  const tickSize = isIndex && tick === 0 ? 1 : tick;
  if (tickSize <= 0) return bad('tick size is zero');

  const lot = parseIntegerText(row.lot_size);
  const lotSize = isIndex && lot === 0 ? 1 : lot;
  if (lotSize === null || lotSize <= 0) return bad('lot size is zero');

  const derivative = type === 'FUT' || type === 'CE' || type === 'PE';
  const expiry = row.expiry === '' ? null : row.expiry;
  if (derivative && expiry === null) return bad(`${type} without an expiry`);

  let strike: number | null = null;
  if (type === 'CE' || type === 'PE') {
    strike = rupeeTextToPaise(row.strike === '' ? '0' : row.strike);
    if (strike === null) return unsupported(`strike ₹${row.strike} is below a paisa`);
  }

  const candidate = {
    token: Number(row.instrument_token),
    exchangeToken: Number(row.exchange_token),
    tradingsymbol: row.tradingsymbol,
    name: row.name,
    exchange: exchange.data,
    segment: row.segment,
    instrumentType: type,
    expiry: derivative ? expiry : null,
    strike,
    lotSize,
    tickSize,
    freezeQty: null,
  };
  const parsed = instrumentSchema.safeParse(candidate);
  if (!parsed.success) return bad(describeIssues(parsed.error.issues));
  return { ok: true, instrument: parsed.data };
}

function asTradedType(text: string): InstrumentType | null {
  return text === 'EQ' || text === 'FUT' || text === 'CE' || text === 'PE' ? text : null;
}

const KITE_SPEC: MasterParserSpec = {
  required: KITE_INSTRUMENT_COLUMNS,
  allowExtraFields: false,
  mapRow: (fields) => {
    const row = kiteRowSchema.safeParse(fields);
    return row.success ? mapKiteRow(row.data) : { ok: false, kind: 'bad-row', reason: describeIssues(row.error.issues) };
  },
};

/** Streaming: feed chunks of the (gunzipped) download as they arrive. */
export function createKiteInstrumentsParser(): MasterParser {
  return createMasterParser(KITE_SPEC);
}

export function parseKiteInstrumentsCsv(text: string): { instruments: Instrument[]; summary: MasterSummary } {
  return parseMaster(KITE_SPEC, text);
}
