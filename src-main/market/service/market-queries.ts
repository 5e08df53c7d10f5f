/**
 * The few reads and writes the market service makes through the shared pool
 * at start-up: the session calendar (holidays and special sessions from
 * market_sessions), the previous closes for the watchlist's change figures,
 * and the feed's instrument list into `instruments` (the watchlist searches it).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Instrument } from '../../../src-shared/domain/instrument';
import { istDayStartUtc, type IstDay } from '../../../src-shared/market/ist-calendar';
import type { PhaseWindow } from '../../../src-shared/market/nse-hours';
import type { NseCalendarInput, SpecialSession } from '../../../src-shared/market/nse-session';
import { rupeesToPaise } from '../../../src-shared/money';
import { TERMINAL_STATUSES } from '../../../src-shared/orders/order-types';
import type { Database, InstrumentsTable } from '../../db/schema';
import { instrumentToRow, upsertInstrumentRows } from '../queries/instrument-row';
import type { PreviousClose } from './quote-book';

const hhmm = (time: string) => time.slice(0, 5);

/** Holidays and special sessions as nse-session wants them; rows that do not make sense are skipped. */
export async function loadSessionCalendar(db: Kysely<Database>): Promise<Required<Pick<NseCalendarInput, 'holidays' | 'specialSessions'>> & { holidays: IstDay[] }> {
  const rows = await db.selectFrom('market_sessions').select(['trading_date', 'session_type', 'pre_open_start', 'normal_open', 'normal_close']).execute();
  const holidays: IstDay[] = [];
  const specialSessions: SpecialSession[] = [];
  for (const row of rows) {
    if (row.session_type === 'HOLIDAY') {
      holidays.push(row.trading_date);
      continue;
    }
    if (!row.normal_open || !row.normal_close) continue;
    const windows: PhaseWindow[] = [];
    if (row.pre_open_start) windows.push({ phase: 'pre-open', from: hhmm(row.pre_open_start), to: hhmm(row.normal_open) });
    windows.push({ phase: 'open', from: hhmm(row.normal_open), to: hhmm(row.normal_close) });
    specialSessions.push({ day: row.trading_date, windows });
  }
  return { holidays, specialSessions };
}

/** Per token, the close of the newest stored 1d candle before `day`. */
export async function loadPreviousCloses(db: Kysely<Database>, day: IstDay): Promise<Map<number, PreviousClose>> {
  const before = new Date(istDayStartUtc(day));
  const { rows } = await sql<{ token: string; bucket: Date; close: string }>`
    SELECT DISTINCT ON (token) token, bucket, close FROM candles
    WHERE timeframe = '1d' AND bucket < ${before}
    ORDER BY token, bucket DESC`.execute(db);
  const out = new Map<number, PreviousClose>();
  for (const row of rows) out.set(Number(row.token), { dayStart: row.bucket.getTime(), close: rupeesToPaise(row.close) });
  return out;
}

/** Upserts the feed's universe into `instruments` (tagged with the feed's name). */
export async function saveInstruments(db: Kysely<Database>, instruments: readonly Instrument[], broker: string): Promise<void> {
  if (instruments.length === 0) return;
  const rows = instruments.map((i) => instrumentToRow(i, broker));
  await db.transaction().execute(async (trx) => {
    for (let k = 0; k < rows.length; k += 1_000) {
      await upsertInstrumentRows(trx, rows.slice(k, k + 1_000), 'replace').execute();
    }
  });
}

/** Instruments stored in `instruments` for the given tokens (a replay's universe). */
export async function loadInstruments(db: Kysely<Database>, tokens: readonly number[]): Promise<Instrument[]> {
  if (tokens.length === 0) return [];
  const rows = await db.selectFrom('instruments').selectAll().where('instrument_token', 'in', tokens.map(String)).execute();
  return rows.map(instrumentOfRow);
}

/** Every instrument a broker's master put in `instruments` (the Kite feed's universe). */
export async function loadBrokerInstruments(db: Kysely<Database>, broker: string): Promise<Instrument[]> {
  const rows = await db.selectFrom('instruments').selectAll().where('broker', '=', broker).orderBy('instrument_token').execute();
  return rows.map(instrumentOfRow);
}

function instrumentOfRow(row: Selectable<InstrumentsTable>): Instrument {
  return {
    token: Number(row.instrument_token),
    exchangeToken: Number(row.exchange_token ?? row.instrument_token),
    tradingsymbol: row.tradingsymbol,
    name: row.name,
    exchange: row.exchange === 'NCO' ? 'MCX' : row.exchange,
    segment: row.segment,
    instrumentType: row.instrument_type,
    expiry: row.expiry,
    strike: row.strike === null ? null : rupeesToPaise(row.strike),
    lotSize: row.lot_size,
    // NUMERIC(12,4) prints '0.0500'; paise need at most two decimals.
    tickSize: rupeesToPaise(row.tick_size.replace(/(\.\d\d)0+$/, '$1')),
    freezeQty: row.freeze_qty,
  };
}

/**
 * The tokens a broker's feed streams besides the charts (subscription-policy.ts):
 * the watchlist in its order, open positions, and orders still working.
 * One round trip; the tables are small (≤ 500 watchlist rows, one position row per
 * token × product × strategy).
 */
export async function loadSubscriptionSources(db: Kysely<Database>): Promise<{ watchlist: number[]; positions: number[]; orders: number[] }> {
  const { rows } = await sql<{ source: 'w' | 'p' | 'o'; token: string }>`
    SELECT source, token FROM (
      SELECT 'w' AS source, instrument_token::text AS token, position AS ord FROM watchlist
      UNION ALL
      SELECT DISTINCT 'p', token::text, 0 FROM positions WHERE net_qty <> 0
      UNION ALL
      SELECT DISTINCT 'o', token::text, 0 FROM orders WHERE NOT (status = ANY(${[...TERMINAL_STATUSES]}::text[]))
    ) s
    ORDER BY source, ord, token`.execute(db);
  const out = { watchlist: [] as number[], positions: [] as number[], orders: [] as number[] };
  for (const row of rows) {
    const token = Number(row.token);
    if (row.source === 'w') out.watchlist.push(token);
    else if (row.source === 'p') out.positions.push(token);
    else out.orders.push(token);
  }
  return out;
}
