/**
 * Instrument search for the watchlist box. Candidates come through the GIN
 * trigram indexes of 0002 (ILIKE '%q%' and the pg_trgm `%` operator on
 * tradingsymbol and name), so a typo still finds "RELIANCE". Ranking puts
 * what a trader means first: the exact symbol, then symbols starting with
 * the text, then names starting with it, then substring and fuzzy matches;
 * within a rank cash and indices before futures before options, then by
 * similarity and the shorter symbol.
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Instrument } from '../../../src-shared/domain/instrument';
import type { Database } from '../../db/schema';
import { instrumentColumns, instrumentFromRow } from './instrument-row';

/** LIKE treats % _ and \ as pattern characters; the search box means them literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

export async function searchInstruments(db: Kysely<Database>, query: string, limit: number): Promise<Instrument[]> {
  const q = query.trim();
  if (q === '') return [];
  const contains = `%${escapeLike(q)}%`;
  const prefix = `${escapeLike(q)}%`;
  const rows = await db
    .selectFrom('instruments')
    .select(instrumentColumns)
    .where((eb) =>
      eb.or([
        eb('tradingsymbol', 'ilike', contains),
        eb('name', 'ilike', contains),
        sql<SqlBool>`tradingsymbol % ${q}`,
        sql<SqlBool>`name % ${q}`,
      ]),
    )
    .orderBy(
      sql`CASE
            WHEN upper(tradingsymbol) = upper(${q}) THEN 0
            WHEN tradingsymbol ILIKE ${prefix} THEN 1
            WHEN name ILIKE ${prefix} THEN 2
            WHEN tradingsymbol ILIKE ${contains} OR name ILIKE ${contains} THEN 3
            ELSE 4
          END`,
    )
    .orderBy(sql`CASE instrument_type WHEN 'INDEX' THEN 0 WHEN 'EQ' THEN 1 WHEN 'FUT' THEN 2 ELSE 3 END`)
    .orderBy(sql`greatest(similarity(tradingsymbol, ${q}), similarity(name, ${q}))`, 'desc')
    .orderBy('expiry', (ob) => ob.asc().nullsFirst())
    .orderBy(sql`length(tradingsymbol)`)
    .orderBy('tradingsymbol')
    .limit(limit)
    .execute();
  const found: Instrument[] = [];
  for (const row of rows) {
    const instrument = instrumentFromRow(row);
    if (instrument) found.push(instrument);
  }
  return found;
}

/** The master's rows for some tokens (watchlist display, NOT_FOUND checks), keyed by token. */
export async function instrumentsByToken(db: Kysely<Database>, tokens: readonly number[]): Promise<Map<number, Instrument>> {
  const found = new Map<number, Instrument>();
  if (tokens.length === 0) return found;
  const rows = await db.selectFrom('instruments').select(instrumentColumns).where('instrument_token', 'in', tokens.map(String)).execute();
  for (const row of rows) {
    const instrument = instrumentFromRow(row);
    if (instrument) found.set(instrument.token, instrument);
  }
  return found;
}
