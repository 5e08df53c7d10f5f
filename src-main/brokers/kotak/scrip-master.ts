/**
 * Kotak Neo's per-segment scrip master CSV → our Instrument rows, WITH the freeze
 * quantity (lFreezeQty), which Kite's dump lacks.
 *
 * The header is untidy as published: a name can carry stray spaces ("dTickSize ")
 * and `dStrikePrice;` really ends in ';'. Names are looked up trimmed and without a
 * trailing ';'.
 *
 * Scales (MARKET-FACTS says only "circuit bands in paise"; the rest is our reading
 * of Kotak's public client code, stated here so it can be checked):
 * - dTickSize and dStrikePrice are in PAISE ("5.000000" = ₹0.05, "2400000" = ₹24,000).
 *   A tick below a paisa (currency, 0.25 paise) cannot be a paise Instrument: the row
 *   is skipped as 'unsupported', as with Kite.
 * - lExpiryDate is epoch seconds; see segments.ts for the per-file epoch. The IST
 *   calendar date of that instant is the expiry. A wrong epoch puts expiries ten years
 *   off, so when the caller passes `today` an expiry outside [today − 7 days,
 *   today + 6 years] (the longest index options run about five years) is refused
 *   rather than stored; without `today`, only 2000–2099 is checked.
 * - lFreezeQty is kept as published. Some masters store `lots × lot + 1`; slicing's
 *   floor((freeze − 1) / lot) × lot is safe under either reading. 0 or empty → null.
 * - Cash rows with an empty ISIN (when the file has pISIN) are indices → INDEX, tick
 *   1 paisa and lot 1 when the file gives 0, as for Kite.
 * - A non-numeric pSymbol (index rows in some files use names) cannot be keyed:
 *   skipped as 'unsupported'.
 */
import { z } from 'zod';
import { instrumentSchema, type Instrument, type InstrumentType } from '../../../src-shared/domain/instrument';
import { istDayOf } from '../../../src-shared/market/ist-calendar';
import { parseScaledDecimal } from '../kite/decimal';
import { createMasterParser, parseMaster, type MasterParser, type MasterParserSpec, type RowOutcome } from '../kite/master-parser';
import { describeIssues, type MasterSummary } from '../kite/master-report';
import { KOTAK_SEGMENTS, asKotakSegment, kotakInstrumentToken } from './segments';

export const KOTAK_REQUIRED_COLUMNS = [
  'pSymbol',
  'pTrdSymbol',
  'pExchSeg',
  'dTickSize',
  'lLotSize',
  'lExpiryDate',
  'dStrikePrice',
  'lFreezeQty',
] as const;

export function normaliseKotakColumn(name: string): string {
  return name.trim().replace(/;+$/, '').trim();
}

const numberText = z.string().trim().regex(/^-?(\d+(\.\d*)?)?$/, 'expected a number');

const kotakRowSchema = z.object({
  pSymbol: z.string().trim().min(1),
  pTrdSymbol: z.string().trim().min(1).max(64),
  pExchSeg: z.string().trim().min(1),
  dTickSize: numberText,
  lLotSize: numberText,
  lExpiryDate: numberText,
  dStrikePrice: numberText,
  lFreezeQty: numberText,
  pSymbolName: z.string().trim().max(128).optional(),
  pDesc: z.string().trim().optional(),
  pOptionType: z.string().trim().optional(),
  pInstType: z.string().trim().optional(),
  pISIN: z.string().trim().optional(),
});
type KotakRow = z.infer<typeof kotakRowSchema>;

export interface KotakMasterOptions {
  /** Today's IST date ("YYYY-MM-DD"): enables the plausible-expiry window. */
  today?: string;
}

interface ExpiryWindow {
  min: string;
  max: string;
}

function expiryWindow(options: KotakMasterOptions): ExpiryWindow {
  if (options.today === undefined) return { min: '2000-01-01', max: '2099-12-31' };
  const start = Date.parse(`${options.today}T00:00:00Z`);
  const min = new Date(start - 7 * 86_400_000).toISOString().slice(0, 10);
  const max = `${Number(options.today.slice(0, 4)) + 6}${options.today.slice(4)}`;
  return { min, max };
}

export function mapKotakRow(row: KotakRow, window: ExpiryWindow = expiryWindow({})): RowOutcome {
  const bad = (reason: string): RowOutcome => ({ ok: false, kind: 'bad-row', reason });
  const unsupported = (reason: string): RowOutcome => ({ ok: false, kind: 'unsupported', reason });

  const segment = asKotakSegment(row.pExchSeg);
  if (segment === null) return unsupported(`segment "${row.pExchSeg}" is not one the terminal trades`);
  const info = KOTAK_SEGMENTS[segment];
  if (!/^\d+$/.test(row.pSymbol)) return unsupported(`token "${row.pSymbol}" is not numeric`);
  const pSymbol = Number(row.pSymbol);
  if (!Number.isSafeInteger(pSymbol) || pSymbol <= 0) return bad(`token "${row.pSymbol}" is out of range`);

  const type = instrumentTypeOf(row, info.cash);
  if (typeof type !== 'string') return bad(type.error);
  const isIndex = type === 'INDEX';

  const tick = parseScaledDecimal(row.dTickSize || '0', 0);
  if (tick === null) return unsupported(`tick size ${row.dTickSize} paise is below a paisa`);
  const tickSize = isIndex && tick <= 0 ? 1 : tick;
  if (tickSize <= 0) return bad('tick size is not positive');

  const lot = parseScaledDecimal(row.lLotSize || '0', 0);
  const lotSize = isIndex && (lot === null || lot <= 0) ? 1 : lot;
  if (lotSize === null || lotSize <= 0) return bad('lot size is not positive');

  const derivative = type === 'FUT' || type === 'CE' || type === 'PE';
  let expiry: string | null = null;
  if (derivative) {
    const seconds = parseScaledDecimal(row.lExpiryDate || '0', 0);
    if (seconds === null || seconds <= 0) return bad(`${type} without an expiry`);
    expiry = istDayOf((seconds + info.expiryEpochOffsetSeconds) * 1000);
    if (expiry < window.min || expiry > window.max) return bad(`expiry ${expiry} is implausible (epoch of this file misread?)`);
  }

  let strike: number | null = null;
  if (type === 'CE' || type === 'PE') {
    strike = parseScaledDecimal(row.dStrikePrice || '0', 0);
    if (strike === null) return unsupported(`strike ${row.dStrikePrice} paise is below a paisa`);
    if (strike <= 0) return bad('option without a strike');
  }

  const freeze = parseScaledDecimal(row.lFreezeQty || '0', 0);
  const candidate = {
    token: kotakInstrumentToken(segment, pSymbol),
    exchangeToken: pSymbol,
    tradingsymbol: row.pTrdSymbol,
    name: row.pSymbolName || row.pDesc?.slice(0, 128) || '',
    exchange: info.exchange,
    segment,
    instrumentType: type,
    expiry,
    strike,
    lotSize,
    tickSize,
    freezeQty: freeze !== null && freeze > 0 ? freeze : null,
  };
  const parsed = instrumentSchema.safeParse(candidate);
  if (!parsed.success) return bad(describeIssues(parsed.error.issues));
  return { ok: true, instrument: parsed.data };
}

function instrumentTypeOf(row: KotakRow, cash: boolean): InstrumentType | { error: string } {
  if (cash) return row.pISIN !== undefined && row.pISIN === '' ? 'INDEX' : 'EQ';
  const option = (row.pOptionType ?? '').toUpperCase();
  if (option === 'CE' || option === 'PE') return option;
  const instType = (row.pInstType ?? '').toUpperCase();
  if (instType.startsWith('OPT')) return { error: `option (${row.pInstType}) without CE/PE` };
  // Futures carry "XX" (or nothing) as their option type.
  if (option === 'XX' || option === '') return 'FUT';
  return { error: `option type "${row.pOptionType}"` };
}

function kotakSpec(options: KotakMasterOptions): MasterParserSpec {
  const window = expiryWindow(options);
  return {
    required: KOTAK_REQUIRED_COLUMNS,
    normaliseColumn: normaliseKotakColumn,
    // Rows sometimes end with an empty extra field; fewer fields than the header is still broken.
    allowExtraFields: true,
    mapRow: (fields) => {
      const row = kotakRowSchema.safeParse(fields);
      return row.success ? mapKotakRow(row.data, window) : { ok: false, kind: 'bad-row', reason: describeIssues(row.error.issues) };
    },
  };
}

/** Streaming: feed chunks of one segment's file as they arrive. */
export function createKotakScripMasterParser(options: KotakMasterOptions = {}): MasterParser {
  return createMasterParser(kotakSpec(options));
}

export function parseKotakScripMaster(text: string, options: KotakMasterOptions = {}): { instruments: Instrument[]; summary: MasterSummary } {
  return parseMaster(kotakSpec(options), text);
}
