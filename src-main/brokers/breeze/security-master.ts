/**
 * Breeze's security master files (members of SecurityMaster.zip: NSEScripMaster.txt,
 * BSEScripMaster.txt, FONSEScripMaster.txt, FOBSEScripMaster.txt) → our Instruments,
 * each with the BreezeContract its orders need (ICICI's ShortName is the order's
 * `stock_code`; orders carry no token). Streamed: feed chunks of one member's text.
 *
 * Format (facts §B4): CSV, data fields double-quoted (numbers may be bare), and a
 * header with a space after each comma — `"Token", "ShortName", …` — so header names
 * are read trimmed, unquoted and case-insensitively ("ticksize" / "TickSize").
 * Columns are found by NAME, from the headers the facts sheet quotes ([3P], consistent
 * with the SDK's column positions); a file without them fails with its header error
 * rather than being read by guesswork.
 * - Cash: Token, ShortName, Series, CompanyName, ticksize (rupees, "0.05"), Lotsize,
 *   ExchangeCode (the exchange's symbol, our tradingsymbol; "-<series>" added for
 *   series other than EQ). An index's Token is its name ("NIFTY 50"), which cannot be
 *   a numeric token: skipped as 'unsupported' (the stream names it "4.1!NIFTY 50").
 * - F&O: Token, ShortName (underlying), Series (FUTURE / OPTION), ExpiryDate
 *   (DD-Mon-YYYY), StrikePrice, OptionType (CE / PE / XX), LotSize, TickSize (paise-like:
 *   5 is ₹0.05). The strike's unit is not confirmed (§D10): rupees per the published
 *   rows, configurable; an option strike that is not a whole paisa is a bad row. The
 *   file has no trading symbol; ours is ShortName + DDMONYY + strike + CE/PE, or FUT.
 * - token = Token × 256 + segment code (1 NSE, 2 NFO, 4 BSE, 5 BFO), as for Kotak.
 *   No freeze quantity is given: null.
 */
import { z } from 'zod';
import { instrumentSchema, type Instrument, type InstrumentType } from '../../../src-shared/domain/instrument';
import { CsvReader, type CsvRecord } from '../kite/csv-reader';
import { parseIntegerText, parseScaledDecimal, rupeeTextToPaise } from '../kite/decimal';
import { describeIssues, emptySummary, indexHeader, recordProblem, rowObject, type MasterSummary } from '../kite/master-report';
import { parseDashedMonDate } from '../angel/mon-dates';
import { breezeDashedDate, breezeTrimmedRupees, type BreezeContract, type BreezeExchangeCode } from './contract';

export interface BreezeScrip {
  instrument: Instrument;
  contract: BreezeContract;
}

export interface BreezeMasterOptions {
  /** The strike's unit in FONSE/FOBSE (§D10); rupees unless a live file says otherwise. */
  strikeUnit?: 'rupees' | 'paise';
}

const SEGMENT_CODES: Readonly<Record<BreezeExchangeCode, number>> = { NSE: 1, NFO: 2, BSE: 4, BFO: 5 };
const CASH_COLUMNS = ['token', 'shortname', 'series', 'companyname', 'ticksize', 'lotsize'] as const;
const FNO_COLUMNS = ['token', 'shortname', 'series', 'expirydate', 'strikeprice', 'optiontype', 'lotsize', 'ticksize'] as const;

/** A field trimmed and unquoted: tolerates `, "RELIND"` (a space before the quote) in rows as in the header. */
const cell = z.string().transform((v) => v.trim().replace(/^"(.*)"$/s, '$1').trim());
const cashSchema = z.object({ token: cell, shortname: cell, series: cell, companyname: cell, ticksize: cell, lotsize: cell, exchangecode: cell.optional() });
const fnoSchema = z.object({
  token: cell, shortname: cell, series: cell, expirydate: cell, strikeprice: cell, optiontype: cell, lotsize: cell, ticksize: cell,
  companyname: cell.optional(), instrumentname: cell.optional(),
});

type Outcome = { ok: true; scrip: BreezeScrip } | { ok: false; kind: 'bad-row' | 'unsupported'; reason: string };
const bad = (reason: string): Outcome => ({ ok: false, kind: 'bad-row', reason });
const unsupported = (reason: string): Outcome => ({ ok: false, kind: 'unsupported', reason });

function tokenOf(text: string, exchange: BreezeExchangeCode): number | Outcome {
  if (!/^\d{1,12}$/.test(text)) return unsupported(`token "${text}" is not numeric`);
  return Number(text) * 256 + SEGMENT_CODES[exchange];
}

function finish(candidate: Record<string, unknown>, contract: BreezeContract): Outcome {
  const parsed = instrumentSchema.safeParse({ ...candidate, freezeQty: null });
  return parsed.success ? { ok: true, scrip: { instrument: parsed.data, contract } } : bad(describeIssues(parsed.error.issues));
}

export function mapBreezeCashRow(row: z.infer<typeof cashSchema>, exchange: 'NSE' | 'BSE'): Outcome {
  const token = tokenOf(row.token, exchange);
  if (typeof token !== 'number') return token;
  if (row.shortname === '') return bad('no ShortName');
  const tick = rupeeTextToPaise(row.ticksize);
  if (tick === null || tick <= 0) return unsupported(`tick size ₹${row.ticksize} is not a whole number of paise`);
  const lot = parseIntegerText(row.lotsize);
  if (lot === null || lot <= 0) return bad('lot size is not positive');
  const symbol = row.exchangecode || row.shortname;
  const series = row.series.toUpperCase();
  const tradingsymbol = series === 'EQ' || series === '' ? symbol : `${symbol}-${series}`;
  const contract: BreezeContract = { stockCode: row.shortname, exchangeCode: exchange, kind: 'cash', expiry: null, right: null, strike: null, tickSize: tick };
  return finish(
    { token, exchangeToken: Number(row.token), tradingsymbol, name: row.companyname.slice(0, 128), exchange, segment: exchange, instrumentType: 'EQ', expiry: null, strike: null, lotSize: lot, tickSize: tick },
    contract,
  );
}

export function mapBreezeFnoRow(row: z.infer<typeof fnoSchema>, exchange: 'NFO' | 'BFO', options: BreezeMasterOptions = {}): Outcome {
  const token = tokenOf(row.token, exchange);
  if (typeof token !== 'number') return token;
  const series = row.series.toUpperCase();
  const right = row.optiontype.toUpperCase();
  let type: InstrumentType;
  if (series === 'FUTURE') type = 'FUT';
  else if (series === 'OPTION' && (right === 'CE' || right === 'PE')) type = right;
  else return unsupported(`series "${row.series}" with option type "${row.optiontype}"`);
  const expiry = parseDashedMonDate(row.expirydate);
  if (expiry === null) return bad(`expiry "${row.expirydate}" is not DD-Mon-YYYY`);
  const tick = parseScaledDecimal(row.ticksize, 0);
  if (tick === null || tick <= 0) return bad(`tick size "${row.ticksize}" is not a positive number of paise`);
  const lot = parseIntegerText(row.lotsize);
  if (lot === null || lot <= 0) return bad('lot size is not positive');
  let strike: number | null = null;
  if (type !== 'FUT') {
    strike = parseScaledDecimal(row.strikeprice, options.strikeUnit === 'paise' ? 0 : 2);
    if (strike === null || strike <= 0) return bad(`strike "${row.strikeprice}" is not a positive whole number of paise`);
  }
  const [day, mon, year] = breezeDashedDate(expiry).split('-');
  const tail = type === 'FUT' ? 'FUT' : `${breezeTrimmedRupees(strike as number)}${type}`;
  const contract: BreezeContract = {
    stockCode: row.shortname,
    exchangeCode: exchange,
    kind: type === 'FUT' ? 'futures' : 'options',
    expiry,
    right: type === 'CE' ? 'call' : type === 'PE' ? 'put' : null,
    strike,
    tickSize: tick,
  };
  return finish(
    {
      token, exchangeToken: Number(row.token), tradingsymbol: `${row.shortname}${day}${mon?.toUpperCase()}${year?.slice(2)}${tail}`, name: (row.companyname || row.shortname).slice(0, 128),
      exchange, segment: `${exchange}-${type === 'FUT' ? 'FUT' : 'OPT'}`, instrumentType: type, expiry, strike, lotSize: lot, tickSize: tick,
    },
    contract,
  );
}

export interface BreezeMasterParser {
  push(chunk: string): BreezeScrip[];
  end(): BreezeScrip[];
  summary(): MasterSummary;
}

const normaliseColumn = (name: string) => name.trim().replace(/^"+|"+$/g, '').trim().toLowerCase();

/** One member file: NSE or BSE (cash), NFO (FONSE) or BFO (FOBSE). */
export function createBreezeMasterParser(exchange: BreezeExchangeCode, options: BreezeMasterOptions = {}): BreezeMasterParser {
  const cash = exchange === 'NSE' || exchange === 'BSE';
  const reader = new CsvReader();
  const summary = emptySummary();
  let columns: Map<string, number> | null = null;
  let width = 0;
  const mapRow = (fields: Record<string, string>): Outcome => {
    if (cash) {
      const row = cashSchema.safeParse(fields);
      return row.success ? mapBreezeCashRow(row.data, exchange) : bad(describeIssues(row.error.issues));
    }
    const row = fnoSchema.safeParse(fields);
    return row.success ? mapBreezeFnoRow(row.data, exchange, options) : bad(describeIssues(row.error.issues));
  };
  const take = (records: CsvRecord[]): BreezeScrip[] => {
    const out: BreezeScrip[] = [];
    for (const record of records) {
      if (summary.headerError !== null) return out;
      if (columns === null) {
        const header = indexHeader(record.fields, cash ? CASH_COLUMNS : FNO_COLUMNS, normaliseColumn);
        if (header.missing.length > 0) summary.headerError = `line ${record.line}: missing columns ${header.missing.join(', ')}`;
        else {
          columns = header.columns;
          width = record.fields.length;
        }
        continue;
      }
      summary.rows += 1;
      // Stray spaces around quotes are tolerated (cell); a quote never closed is not.
      const broken = record.malformed === 'quote never closed' ? record.malformed : record.fields.length < width ? `${record.fields.length} fields, header has ${width}` : null;
      const outcome: Outcome = broken !== null ? bad(broken) : mapRow(rowObject(record.fields, columns));
      if (outcome.ok) {
        summary.instruments += 1;
        out.push(outcome.scrip);
      } else recordProblem(summary, { line: record.line, kind: outcome.kind, reason: outcome.reason });
    }
    return out;
  };
  return {
    push: (chunk) => take(reader.push(chunk)),
    end: () => {
      const out = take(reader.end());
      if (columns === null && summary.headerError === null) summary.headerError = 'the file is empty: no header';
      return out;
    },
    summary: () => summary,
  };
}

export function parseBreezeMaster(exchange: BreezeExchangeCode, text: string, options: BreezeMasterOptions = {}): { scrips: BreezeScrip[]; summary: MasterSummary } {
  const parser = createBreezeMasterParser(exchange, options);
  const scrips = [...parser.push(text), ...parser.end()];
  return { scrips, summary: parser.summary() };
}
