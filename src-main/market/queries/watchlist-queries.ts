/**
 * The watchlist as rows of (token, position). Positions stay dense (0..n-1)
 * after every change, so a move is "take it out, put it in at toIndex" and
 * the order on screen is exactly ORDER BY position. Changes that renumber
 * run in one transaction: a crash half-way cannot leave two rows at one place.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { int8ToNumber } from './numeric';
import { withWatchlist } from './watchlist-table';

/** Cap on the list: 500 is what the quotes snapshot and the render benchmark are sized for. */
export const WATCHLIST_MAX = 500;

export interface WatchlistRow {
  token: number;
  position: number;
  addedAt: number;
}

export async function listWatchlist(db: Kysely<Database>): Promise<WatchlistRow[]> {
  const rows = await withWatchlist(db)
    .selectFrom('watchlist')
    .select(['instrument_token', 'position', 'added_at'])
    .orderBy('position')
    .orderBy('instrument_token')
    .execute();
  return rows.map((row) => ({ token: int8ToNumber(row.instrument_token), position: row.position, addedAt: row.added_at.getTime() }));
}

export type AddOutcome = 'added' | 'present' | 'full';

/** Appends at the end; adding a token already there is not an error (a double click). */
export async function addToWatchlist(db: Kysely<Database>, token: number): Promise<AddOutcome> {
  return withWatchlist(db)
    .transaction()
    .execute(async (trx) => {
      // One writer at a time: two concurrent adds would otherwise read the same count.
      await sql`LOCK TABLE watchlist IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
      const present = await trx.selectFrom('watchlist').select('position').where('instrument_token', '=', String(token)).executeTakeFirst();
      if (present) return 'present';
      const { count } = await trx
        .selectFrom('watchlist')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .executeTakeFirstOrThrow();
      if (Number(count) >= WATCHLIST_MAX) return 'full';
      await trx.insertInto('watchlist').values({ instrument_token: String(token), position: Number(count) }).execute();
      return 'added';
    });
}

/** Removes a token and closes the gap it leaves; false when it was not on the list. */
export async function removeFromWatchlist(db: Kysely<Database>, token: number): Promise<boolean> {
  return withWatchlist(db)
    .transaction()
    .execute(async (trx) => {
      await sql`LOCK TABLE watchlist IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
      const removed = await trx.deleteFrom('watchlist').where('instrument_token', '=', String(token)).returning('position').executeTakeFirst();
      if (!removed) return false;
      await trx.updateTable('watchlist').set((eb) => ({ position: eb('position', '-', 1) })).where('position', '>', removed.position).execute();
      return true;
    });
}

/** Moves a token to `toIndex` (clamped to the list); false when it is not on the list. */
export async function moveInWatchlist(db: Kysely<Database>, token: number, toIndex: number): Promise<boolean> {
  return withWatchlist(db)
    .transaction()
    .execute(async (trx) => {
      await sql`LOCK TABLE watchlist IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
      const rows = await trx.selectFrom('watchlist').select('instrument_token').orderBy('position').orderBy('instrument_token').execute();
      const order = rows.map((row) => row.instrument_token);
      const from = order.indexOf(String(token));
      if (from === -1) return false;
      order.splice(from, 1);
      order.splice(Math.max(0, Math.min(toIndex, order.length)), 0, String(token));
      // Rewrites every position in one statement: the list is at most WATCHLIST_MAX rows.
      await sql`
        UPDATE watchlist AS w SET position = (o.ord - 1)::int
        FROM unnest(${order}::bigint[]) WITH ORDINALITY AS o(token, ord)
        WHERE w.instrument_token = o.token`.execute(trx);
      return true;
    });
}
