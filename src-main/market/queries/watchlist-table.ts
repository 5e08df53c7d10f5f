/**
 * Kysely type of the `watchlist` table (migrations/0009_watchlist.sql).
 * It lives here, next to its only queries, and is added to the core
 * Database with `withTables` until schema.ts and schema-spec.ts list it (the
 * schema test asks for every table). It is written with schema.ts's own
 * column types, so moving it there changes nothing for these queries.
 */
import type { Kysely } from 'kysely';
import type { Database, Int8, TimestamptzDefault } from '../../db/schema';

export interface WatchlistTable {
  instrument_token: Int8;
  /** 0..n-1, dense: the order on screen. */
  position: number;
  added_at: TimestamptzDefault;
}

export type WatchlistDatabase = Database & { watchlist: WatchlistTable };

export function withWatchlist(db: Kysely<Database>): Kysely<WatchlistDatabase> {
  return db.withTables<{ watchlist: WatchlistTable }>();
}
