import type { DbStatus } from '../../src-shared/domain/db-status';
import type { ServerInfo } from '../../src-shared/contract/domains/dbadmin';
import { iso, num, readSettings, type Queryable } from './sql-values';

/** The settings a trader or a DBA asks about first. */
const SERVER_SETTINGS = [
  'server_version',
  'shared_buffers',
  'effective_cache_size',
  'work_mem',
  'maintenance_work_mem',
  'max_connections',
  'synchronous_commit',
  'autovacuum',
  'shared_preload_libraries',
  'TimeZone',
] as const;

interface ServerRow {
  version: string;
  started_at: Date;
  server_time: Date;
  database: string;
  database_bytes: string;
  data_directory: string;
  client_connections: string;
  max_connections: number;
  blks_hit: string | null;
  blks_read: string | null;
  xact_commit: string | null;
  xact_rollback: string | null;
  deadlocks: string | null;
  temp_bytes: string | null;
}

/**
 * The server as PostgreSQL reports it, next to the supervisor's view
 * (db.status: pid, port, restarts). Uptime is the postmaster's, so a restart
 * by the supervisor starts it again.
 */
export async function readServerInfo(db: Queryable, status: DbStatus): Promise<ServerInfo> {
  const { rows } = await db.query<ServerRow>(`
    SELECT version() AS version,
           pg_postmaster_start_time() AS started_at,
           clock_timestamp() AS server_time,
           current_database() AS database,
           pg_database_size(current_database()) AS database_bytes,
           current_setting('data_directory') AS data_directory,
           (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend') AS client_connections,
           current_setting('max_connections')::int AS max_connections,
           d.blks_hit, d.blks_read, d.xact_commit, d.xact_rollback, d.deadlocks, d.temp_bytes
    FROM (SELECT 1) AS one
    LEFT JOIN pg_stat_database d ON d.datname = current_database()`);
  const row = rows[0];
  if (!row) throw new Error('the server answered no row');
  const hit = num(row.blks_hit);
  const read = num(row.blks_read);
  return {
    status,
    version: row.version,
    startedAt: iso(row.started_at),
    serverTime: iso(row.server_time),
    uptimeSeconds: Math.max(0, Math.round((row.server_time.getTime() - row.started_at.getTime()) / 1000)),
    database: row.database,
    databaseBytes: num(row.database_bytes),
    dataDirectory: row.data_directory,
    clientConnections: num(row.client_connections),
    maxConnections: row.max_connections,
    cacheHitRatio: hit + read === 0 ? null : hit / (hit + read),
    commits: num(row.xact_commit),
    rollbacks: num(row.xact_rollback),
    deadlocks: num(row.deadlocks),
    tempBytes: num(row.temp_bytes),
    settings: await readSettings(db, SERVER_SETTINGS),
  };
}
