import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../log';
import type { ConnectionTarget } from './readiness';
import type { Database } from './schema';

const oids = { int8: 20, numeric: 1700, date: 1082, int8Array: 1016, numericArray: 1231, dateArray: 1182, textArray: 1009 } as const;
const keptAsText = new Set<number>([oids.int8, oids.numeric, oids.date]);
const keptAsTextArray = new Set<number>([oids.int8Array, oids.numericArray, oids.dateArray]);

// pg-types declares its oids as an enum without the array types; any oid works at run time.
const builtinParser = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => (value: string) => unknown;
const asString = (value: string): string => value;
// pg's default for numeric[] parses floats; text[]'s parser keeps every element exact.
const asStringArray = builtinParser(oids.textArray, 'text');

/**
 * Per-pool type parsers: int8 and numeric always come back as strings (money
 * and counters are exact; a float would round), and so does date ('YYYY-MM-DD':
 * an IST trading day, which pg would turn into a Date at the host's local
 * midnight). Set here rather than on the global pg.types, so no other
 * module's setting can change what we get.
 */
export const exactTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (keptAsText.has(oid)) return asString;
    if (keptAsTextArray.has(oid)) return asStringArray;
    return builtinParser(oid, format ?? 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PoolHandle {
  pool: pg.Pool;
  kysely: Kysely<Database>;
  /** Closes the pool, giving checked-out clients `timeoutMs` to come back. */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * The core's connection pool. Every pool and every client it makes gets an
 * 'error' listener: a server restart or pg_terminate_backend drops
 * connections, and an unlistened 'error' event would crash the process.
 */
export function createPool(target: ConnectionTarget, log: Logger, max = 10): PoolHandle {
  const pool = new pg.Pool({
    ...target,
    max,
    types: exactTypes,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    application_name: 'tickdesk',
  });
  pool.on('error', (error) => log.warn('an idle database connection was dropped', { error: error.message }));
  pool.on('connect', (client) => {
    client.on('error', (error) => log.warn('a database connection was dropped', { error: error.message }));
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closing: Promise<void> | null = null;
  const close = (timeoutMs = 3_000) => {
    // pool.end() waits for every checked-out client; a caller that never
    // releases one must not block shutdown forever.
    closing ??= Promise.race([
      pool.end().catch((error: unknown) => log.warn('closing the database pool failed', { error: (error as Error).message })),
      new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
    ]);
    return closing;
  };
  return { pool, kysely, close };
}
