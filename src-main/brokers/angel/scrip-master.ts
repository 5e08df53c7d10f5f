/**
 * Angel One's OpenAPIScripMaster.json (a JSON array of flat objects, every value a
 * string) → our Instrument rows, streamed: feed the download's text in chunks and
 * memory stays at one element (json-array-stream.ts), whatever the file's size.
 *
 * Row fields: token, symbol, name, expiry, strike, lotsize, instrumenttype, exch_seg,
 * tick_size. Decisions a reader should know:
 * - strike and tick_size are in 1/100 rupee (paise) — "306000.000000" is a ₹3,060
 *   strike, "5.000000" a ₹0.05 tick — and in 1/10,000,000 rupee for currency (CDS).
 *   A value below a paisa (a ₹0.0025 currency tick) cannot be a paise Instrument: the
 *   row is skipped as 'unsupported', as Kite's and Kotak's masters do.
 * - exch_seg comes as "NFO" in real rows and "nse_fo" in the docs (§D7): both read.
 * - instrumenttype "" is a cash share, AMXIDX an index (tick 1 paisa and lot 1 when
 *   the file gives 0), FUT… a future and OPT… an option. The file has no option-type
 *   field, so CE/PE is the symbol's last two letters — the only thing read from the
 *   symbol (its format differs by exchange, §D8). Other types are 'unsupported'.
 * - expiry is DDMMMYYYY ("25FEB2021"); a derivative without one is a bad row.
 * - Angel's master has no freeze quantity: freezeQty is null, and slicing must not
 *   read that as "no limit" (MARKET-FACTS).
 * - token = symboltoken × 256 + segment code (segments.ts); exchangeToken keeps
 *   Angel's symboltoken for orders and the socket.
 */
import { z } from 'zod';
import { instrumentSchema, type Instrument, type InstrumentType } from '../../../src-shared/domain/instrument';
import { parseScaledDecimal } from '../kite/decimal';
import { describeIssues, emptySummary, recordProblem, type MasterSummary } from '../kite/master-report';
import { JsonArraySplitter } from './json-array-stream';
import { parseCompactMonDate } from './mon-dates';
import { angelInstrumentToken, angelRawToPaise, angelSegmentOfMaster, type AngelSegment } from './segments';

const field = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

const angelScripSchema = z.looseObject({
  token: field,
  symbol: field.pipe(z.string().min(1).max(64)),
  name: field.pipe(z.string().max(128)).default(''),
  expiry: field.default(''),
  strike: field.default(''),
  lotsize: field.default(''),
  instrumenttype: field.default(''),
  exch_seg: field,
  tick_size: field.default(''),
});
export type AngelScripRow = z.infer<typeof angelScripSchema>;

type Outcome = { ok: true; instrument: Instrument } | { ok: false; kind: 'bad-row' | 'unsupported'; reason: string };

/** A master price (raw units of its segment) → paise; null when not a number or finer than a paisa. */
function masterPaise(text: string, segment: AngelSegment): number | null {
  const raw = parseScaledDecimal(text === '' ? '0' : text, 0);
  if (raw === null) return null;
  const converted = angelRawToPaise(raw, segment);
  return converted.exact ? converted.paise : null;
}

function instrumentTypeOf(row: AngelScripRow, cash: boolean): InstrumentType | null {
  const type = row.instrumenttype.toUpperCase();
  if (type === 'AMXIDX') return 'INDEX';
  if (type === '') return cash ? 'EQ' : null;
  if (type.startsWith('FUT')) return 'FUT';
  if (type.startsWith('OPT')) {
    const right = row.symbol.slice(-2).toUpperCase();
    return right === 'CE' || right === 'PE' ? right : null;
  }
  return null;
}

export function mapAngelScrip(row: AngelScripRow): Outcome {
  const bad = (reason: string): Outcome => ({ ok: false, kind: 'bad-row', reason });
  const unsupported = (reason: string): Outcome => ({ ok: false, kind: 'unsupported', reason });
  const segment = angelSegmentOfMaster(row.exch_seg);
  if (segment === null || segment.ours === null) return unsupported(`segment "${row.exch_seg}" is not one the terminal trades`);
  if (!/^\d+$/.test(row.token)) return unsupported(`token "${row.token}" is not numeric`);
  const token = angelInstrumentToken(segment, Number(row.token));
  if (token === null) return bad(`token "${row.token}" is out of range`);
  const type = instrumentTypeOf(row, segment.cash);
  if (type === null) return unsupported(`instrument type "${row.instrumenttype}" (${row.symbol})`);
  const isIndex = type === 'INDEX';

  const tick = masterPaise(row.tick_size, segment);
  if (tick === null) return unsupported(`tick size ${row.tick_size} is below a paisa`);
  const tickSize = isIndex && tick <= 0 ? 1 : tick;
  if (tickSize <= 0) return bad('tick size is not positive');

  const lot = parseScaledDecimal(row.lotsize === '' ? '0' : row.lotsize, 0);
  const lotSize = isIndex && (lot === null || lot <= 0) ? 1 : lot;
  if (lotSize === null || lotSize <= 0) return bad('lot size is not positive');

  const derivative = type === 'FUT' || type === 'CE' || type === 'PE';
  const expiry = derivative ? parseCompactMonDate(row.expiry) : null;
  if (derivative && expiry === null) return bad(`${type} without a DDMMMYYYY expiry ("${row.expiry}")`);

  let strike: number | null = null;
  if (type === 'CE' || type === 'PE') {
    strike = masterPaise(row.strike, segment);
    if (strike === null) return unsupported(`strike ${row.strike} is below a paisa`);
    if (strike <= 0) return bad('option without a strike');
  }

  const parsed = instrumentSchema.safeParse({
    token,
    exchangeToken: Number(row.token),
    tradingsymbol: row.symbol,
    name: row.name,
    exchange: segment.ours,
    segment: segment.segment,
    instrumentType: type,
    expiry,
    strike,
    lotSize,
    tickSize,
    freezeQty: null,
  });
  return parsed.success ? { ok: true, instrument: parsed.data } : bad(describeIssues(parsed.error.issues));
}

export interface AngelMasterParser {
  /** Feeds a chunk of the file's text; returns the instruments it completed. */
  push(chunk: string): Instrument[];
  end(): Instrument[];
  /** Problems' `line` is the element's 1-based position in the array. */
  summary(): MasterSummary;
}

export function createAngelScripMasterParser(): AngelMasterParser {
  const splitter = new JsonArraySplitter();
  const summary = emptySummary();
  const take = (elements: ReturnType<JsonArraySplitter['push']>): Instrument[] => {
    const out: Instrument[] = [];
    for (const element of elements) {
      summary.rows += 1;
      const line = element.index + 1;
      if (!element.ok) {
        recordProblem(summary, { line, kind: 'bad-row', reason: element.reason });
        continue;
      }
      const row = angelScripSchema.safeParse(element.value);
      const outcome: Outcome = row.success ? mapAngelScrip(row.data) : { ok: false, kind: 'bad-row', reason: describeIssues(row.error.issues) };
      if (outcome.ok) {
        summary.instruments += 1;
        out.push(outcome.instrument);
      } else recordProblem(summary, { line, kind: outcome.kind, reason: outcome.reason });
    }
    summary.headerError = splitter.error;
    return out;
  };
  return {
    push: (chunk) => take(splitter.push(chunk)),
    end: () => take(splitter.end()),
    summary: () => summary,
  };
}

export function parseAngelScripMaster(text: string): { instruments: Instrument[]; summary: MasterSummary } {
  const parser = createAngelScripMasterParser();
  const instruments = [...parser.push(text), ...parser.end()];
  return { instruments, summary: parser.summary() };
}
