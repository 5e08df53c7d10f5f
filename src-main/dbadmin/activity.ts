import type { ConnectionInfo } from '../../src-shared/contract/domains/dbadmin';
import { iso, isoOrNull, textOrNull, type Queryable } from './sql-values';

interface ActivityRow {
  pid: number;
  usename: string | null;
  application_name: string | null;
  client_addr: string | null;
  backend_type: string | null;
  datname: string | null;
  state: string | null;
  query_start: Date | null;
  xact_start: Date | null;
  wait_event_type: string | null;
  wait_event: string | null;
  query: string | null;
  is_self: boolean;
  server_time: Date;
}

/** Longest query text kept per connection: enough to recognise it. */
const QUERY_CHARS = 2_000;

/**
 * Every server process (client connections first, the busiest on top, then
 * the background workers): who is connected, what each is running and what
 * it waits for.
 */
export async function readActivity(db: Queryable): Promise<{ serverTime: string; connections: ConnectionInfo[] }> {
  const { rows } = await db.query<ActivityRow>(
    `SELECT pid, usename, application_name, client_addr::text AS client_addr, backend_type, datname, state,
            query_start, xact_start, wait_event_type, wait_event, left(query, $1) AS query,
            pid = pg_backend_pid() AS is_self, clock_timestamp() AS server_time
     FROM pg_catalog.pg_stat_activity
     ORDER BY backend_type IS DISTINCT FROM 'client backend', state IS DISTINCT FROM 'active', query_start NULLS LAST, pid`,
    [QUERY_CHARS],
  );
  return {
    serverTime: iso(rows[0]?.server_time ?? new Date()),
    connections: rows.map((row) => ({
      pid: row.pid,
      user: row.usename,
      application: row.application_name ?? '',
      clientAddr: textOrNull(row.client_addr),
      backendType: row.backend_type ?? '',
      database: row.datname,
      state: row.state,
      queryStart: isoOrNull(row.query_start),
      xactStart: isoOrNull(row.xact_start),
      waitEventType: row.wait_event_type,
      waitEvent: row.wait_event,
      query: row.query ?? '',
      isSelf: row.is_self,
    })),
  };
}
