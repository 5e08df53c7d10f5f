import type { StatementInfo } from '../../src-shared/contract/domains/dbadmin';
import { isoOrNull, num, type Queryable } from './sql-values';

export type StatementOrder = 'total' | 'mean' | 'calls';

/** Fixed column names: the order is never spliced from the caller's text. */
const ORDER_COLUMNS: Record<StatementOrder, string> = {
  total: 's.total_exec_time',
  mean: 's.mean_exec_time',
  calls: 's.calls',
};

const QUERY_CHARS = 4_000;

interface StatementRow {
  query_id: string | null;
  query: string | null;
  user: string | null;
  calls: string;
  total_ms: number;
  mean_ms: number;
  max_ms: number;
  rows: string;
  hit: string;
  read: string;
}

export interface StatementsResult {
  available: boolean;
  reason: string | null;
  statsReset: string | null;
  statements: StatementInfo[];
}

/** Installed by migration 0001 and preloaded by postgres-conf.ts; either may be missing on a hand-made cluster. */
async function unavailableReason(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ installed: boolean; loaded: boolean }>(
    `SELECT EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extname = 'pg_stat_statements') AS installed,
            'pg_stat_statements' = ANY (string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ',')) AS loaded`,
  );
  const row = rows[0];
  if (!row?.loaded) return 'pg_stat_statements is not in shared_preload_libraries; it takes effect after a server restart.';
  if (!row.installed) return 'The pg_stat_statements extension is not installed in this database.';
  return null;
}

/** The statements that cost the most, in this database only. */
export async function readStatements(db: Queryable, orderBy: StatementOrder, limit: number): Promise<StatementsResult> {
  const reason = await unavailableReason(db);
  if (reason) return { available: false, reason, statsReset: null, statements: [] };
  const { rows } = await db.query<StatementRow>(
    `SELECT s.queryid::text AS query_id, left(s.query, $2) AS query, r.rolname AS user,
            s.calls, s.total_exec_time AS total_ms, s.mean_exec_time AS mean_ms, s.max_exec_time AS max_ms,
            s.rows, s.shared_blks_hit AS hit, s.shared_blks_read AS read
     FROM pg_stat_statements s
     LEFT JOIN pg_catalog.pg_roles r ON r.oid = s.userid
     WHERE s.dbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
     ORDER BY ${ORDER_COLUMNS[orderBy]} DESC, s.queryid
     LIMIT $1`,
    [limit, QUERY_CHARS],
  );
  return {
    available: true,
    reason: null,
    statsReset: await statsReset(db),
    statements: rows.map((row) => {
      const hit = num(row.hit);
      const read = num(row.read);
      return {
        queryId: row.query_id ?? '',
        query: row.query ?? '',
        user: row.user,
        calls: num(row.calls),
        totalMs: num(row.total_ms),
        meanMs: num(row.mean_ms),
        maxMs: num(row.max_ms),
        rows: num(row.rows),
        cacheHitRatio: hit + read === 0 ? null : hit / (hit + read),
      };
    }),
  };
}

async function statsReset(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ stats_reset: Date | null }>('SELECT stats_reset FROM pg_stat_statements_info');
  return isoOrNull(rows[0]?.stats_reset);
}

/** Clears every statement's counters (all databases: the function has no narrower form worth the trouble). */
export async function resetStatements(db: Queryable): Promise<{ statsReset: string | null }> {
  const reason = await unavailableReason(db);
  if (reason) throw new Error(reason);
  await db.query('SELECT pg_stat_statements_reset()');
  return { statsReset: await statsReset(db) };
}
