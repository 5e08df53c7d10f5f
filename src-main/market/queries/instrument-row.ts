/**
 * An `instruments` row → the shared Instrument (prices in paise). Rows the
 * terminal cannot represent (an exchange it does not trade, a sub-paisa
 * currency tick) map to null and are left out, never shown half-converted.
 * The way back (Instrument → row, and the upsert both writers share) is here too.
 */
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { exchangeSchema, instrumentSchema, type Instrument } from '../../../src-shared/domain/instrument';
import { paiseToRupeesString } from '../../../src-shared/money';
import type { Database, InstrumentsTable } from '../../db/schema';
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

/** The shared Instrument → an `instruments` row to insert (prices back to rupee strings), tagged with `broker`. */
export function instrumentToRow(i: Instrument, broker: string): Insertable<InstrumentsTable> {
  return {
    instrument_token: String(i.token),
    exchange_token: String(i.exchangeToken),
    tradingsymbol: i.tradingsymbol,
    name: i.name,
    exchange: i.exchange,
    segment: i.segment,
    instrument_type: i.instrumentType,
    expiry: i.expiry,
    strike: i.strike === null ? null : paiseToRupeesString(i.strike),
    lot_size: i.lotSize,
    tick_size: paiseToRupeesString(i.tickSize),
    freeze_qty: i.freezeQty,
    broker,
  };
}

/**
 * INSERT … ON CONFLICT (instrument_token) DO UPDATE for `rows`, every column
 * taken from the new row; with `freezeQty: 'keep-stored'` a null freeze quantity
 * in the new row keeps the one already stored.
 */
export function upsertInstrumentRows(db: Kysely<Database>, rows: ReadonlyArray<Insertable<InstrumentsTable>>, freezeQty: 'replace' | 'keep-stored') {
  return db
    .insertInto('instruments')
    .values([...rows])
    .onConflict((oc) =>
      oc.column('instrument_token').doUpdateSet((eb) => ({
        exchange_token: eb.ref('excluded.exchange_token'),
        tradingsymbol: eb.ref('excluded.tradingsymbol'),
        name: eb.ref('excluded.name'),
        exchange: eb.ref('excluded.exchange'),
        segment: eb.ref('excluded.segment'),
        instrument_type: eb.ref('excluded.instrument_type'),
        expiry: eb.ref('excluded.expiry'),
        strike: eb.ref('excluded.strike'),
        lot_size: eb.ref('excluded.lot_size'),
        tick_size: eb.ref('excluded.tick_size'),
        freeze_qty: freezeQty === 'keep-stored' ? sql<number | null>`COALESCE(excluded.freeze_qty, instruments.freeze_qty)` : eb.ref('excluded.freeze_qty'),
        broker: eb.ref('excluded.broker'),
        updated_at: sql<Date>`now()`,
      })),
    );
}

/**
 * Makes room for `rows` under the unique (exchange, tradingsymbol) key, which an
 * upsert by token cannot do: a stored row holding one of their symbols under
 * ANOTHER token (the simulated universe's made-up tokens, a relisting, another
 * broker's master) is deleted — the day's master is the authority. Within the
 * batch the last row of a symbol wins, since ON CONFLICT cannot touch a row twice.
 * A new row without a freeze quantity (Kite's dump has none) takes the one of the
 * row it replaces: the freeze limit belongs to the symbol, not to a token.
 */
export async function replaceSymbolHolders(
  db: Kysely<Database>,
  rows: ReadonlyArray<Insertable<InstrumentsTable>>,
): Promise<Array<Insertable<InstrumentsTable>>> {
  const key = (exchange: string, symbol: string) => `${exchange}\u0000${symbol}`;
  const bySymbol = new Map<string, Insertable<InstrumentsTable>>();
  for (const row of rows) {
    const k = key(row.exchange, row.tradingsymbol);
    bySymbol.delete(k); // keep the batch's order for the last holder
    bySymbol.set(k, row);
  }
  const byToken = new Map<string, Insertable<InstrumentsTable>>();
  for (const row of bySymbol.values()) byToken.set(String(row.instrument_token), row);
  const kept = [...byToken.values()];
  if (kept.length === 0) return kept;
  const pairs = sql.join(kept.map((r) => sql`(${r.exchange}, ${r.tradingsymbol})`));
  const tokens = kept.map((r) => String(r.instrument_token));
  const removed = await sql<{ exchange: string; tradingsymbol: string; freeze_qty: number | null }>`
    DELETE FROM instruments
     WHERE (exchange, tradingsymbol) IN (${pairs})
       AND instrument_token <> ALL(${tokens}::bigint[])
    RETURNING exchange, tradingsymbol, freeze_qty`.execute(db);
  const freezeOf = new Map(removed.rows.map((r) => [key(r.exchange, r.tradingsymbol), r.freeze_qty]));
  return kept.map((row) => {
    const freeze = freezeOf.get(key(row.exchange, row.tradingsymbol));
    return (row.freeze_qty ?? null) === null && freeze != null ? { ...row, freeze_qty: freeze } : row;
  });
}
