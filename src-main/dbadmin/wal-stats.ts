import type { WalInfo } from '../../src-shared/contract/domains/dbadmin';
import { numOrNull, readSettings, statRecord, type Queryable } from './sql-values';

const WAL_SETTINGS = [
  'wal_level',
  'max_wal_size',
  'min_wal_size',
  'checkpoint_timeout',
  'checkpoint_completion_target',
  'wal_compression',
  'synchronous_commit',
  'full_page_writes',
  'archive_mode',
] as const;

/**
 * Checkpoints and WAL. The statistics views are read whole (to_jsonb), since
 * their columns move between versions: checkpoint counters left
 * pg_stat_bgwriter for pg_stat_checkpointer in PostgreSQL 17, and WAL write
 * timings moved to pg_stat_io in 18.
 */
export async function readWal(db: Queryable): Promise<WalInfo> {
  const { rows } = await db.query<{ version_num: number; lsn: string; wal_file: string | null; wal_bytes: string | null; control: unknown }>(`
    SELECT current_setting('server_version_num')::int AS version_num,
           pg_current_wal_lsn()::text AS lsn,
           pg_walfile_name(pg_current_wal_lsn()) AS wal_file,
           (SELECT sum(size) FROM pg_ls_waldir()) AS wal_bytes,
           (SELECT to_jsonb(c) FROM pg_control_checkpoint() c) AS control`);
  const row = rows[0];
  if (!row) throw new Error('the server answered no row');
  const view = async (name: string) => {
    const result = await db.query<{ stats: unknown }>(`SELECT to_jsonb(v) AS stats FROM ${name} v`);
    return statRecord(result.rows[0]?.stats);
  };
  const bgwriter = await view('pg_catalog.pg_stat_bgwriter');
  return {
    currentLsn: row.lsn,
    walFile: row.wal_file,
    walBytesOnDisk: numOrNull(row.wal_bytes),
    lastCheckpoint: statRecord(row.control),
    checkpointer: row.version_num >= 170000 ? await view('pg_catalog.pg_stat_checkpointer') : bgwriter,
    wal: await view('pg_catalog.pg_stat_wal'),
    bgwriter,
    settings: await readSettings(db, WAL_SETTINGS),
  };
}
