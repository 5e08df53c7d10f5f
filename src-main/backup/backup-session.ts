import { randomBytes } from 'node:crypto';
import type pg from 'pg';

export interface BackupStart {
  startLsn: string;
  timeline: number;
  walSegmentBytes: number;
  postgresVersion: string;
  systemIdentifier: string;
  schemaVersion: string | null;
}

export interface BackupStop {
  stopLsn: string;
  /** Becomes backup_label in the copy: where recovery starts. */
  labelFile: string;
  /** Becomes tablespace_map when non-empty (never, with no tablespaces). */
  spcmapFile: string;
  /** The WAL file holding stopLsn. */
  stopSegment: string;
}

async function one<T extends pg.QueryResultRow>(client: pg.Client, text: string, values: unknown[] = []): Promise<T> {
  const result = await client.query<T>(text, values);
  const row = result.rows[0];
  if (!row) throw new Error(`The server answered nothing to: ${text}`);
  return row;
}

/**
 * One session, open from pg_backup_start to pg_backup_stop: PostgreSQL's
 * non-exclusive backup belongs to the session that started it and is
 * aborted if that session ends, so a crash of ours never leaves the server
 * in backup mode.
 *
 * Without WAL archiving nothing stops a checkpoint during a long copy from
 * recycling the WAL the backup needs. A temporary physical replication slot,
 * made on this session just before the start, pins that WAL until the
 * segments are copied; being temporary, it vanishes with the session.
 */
export class BackupSession {
  readonly #client: pg.Client;
  readonly #slot = `tickdesk_backup_${process.pid}_${randomBytes(4).toString('hex')}`;

  constructor(client: pg.Client) {
    this.#client = client;
  }

  async start(label: string): Promise<BackupStart> {
    const client = this.#client;
    // A checkpoint under load can take long; no session default may cut it short.
    await client.query('SET statement_timeout = 0');
    const { wal_level: walLevel } = await one<{ wal_level: string }>(client, 'SHOW wal_level');
    if (walLevel === 'minimal') {
      throw new Error('PostgreSQL runs with wal_level = minimal, which allows no online backup; remove that setting (ALTER SYSTEM RESET wal_level) and restart Tickdesk.');
    }
    await client.query('SELECT pg_create_physical_replication_slot($1, true, true)', [this.#slot]);
    // fast => true: an immediate checkpoint, so the backup starts now rather than at the next scheduled one.
    const started = await one<{ lsn: string }>(client, 'SELECT pg_backup_start($1, fast => true)::text AS lsn', [label.slice(0, 1000)]);
    const facts = await one<{ timeline: number; segment: string; version: string; system: string; migrations: boolean }>(
      client,
      `SELECT (SELECT timeline_id FROM pg_control_checkpoint()) AS timeline,
              (SELECT setting FROM pg_settings WHERE name = 'wal_segment_size') AS segment,
              current_setting('server_version') AS version,
              (SELECT system_identifier::text FROM pg_control_system()) AS system,
              to_regclass('kysely_migration') IS NOT NULL AS migrations`,
    );
    let schemaVersion: string | null = null;
    if (facts.migrations) {
      const last = await client.query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1');
      schemaVersion = last.rows[0]?.name ?? null;
    }
    return {
      startLsn: started.lsn,
      timeline: Number(facts.timeline),
      walSegmentBytes: Number(facts.segment),
      postgresVersion: facts.version,
      systemIdentifier: facts.system,
      schemaVersion,
    };
  }

  /**
   * Ends the backup. pg_backup_stop also switches to a new WAL file, so the
   * file holding the stop point is complete and no longer written.
   */
  async stop(): Promise<BackupStop> {
    const row = await one<{ lsn: string; labelfile: string; spcmapfile: string | null; stop_file: string }>(
      this.#client,
      'SELECT s.lsn::text AS lsn, s.labelfile, s.spcmapfile, pg_walfile_name(s.lsn) AS stop_file FROM pg_backup_stop(wait_for_archive => false) AS s',
    );
    return { stopLsn: row.lsn, labelFile: row.labelfile, spcmapFile: row.spcmapfile ?? '', stopSegment: row.stop_file };
  }

  /** Lets the server recycle the WAL again once the segments are copied. */
  async releaseWal(): Promise<void> {
    await this.#client.query('SELECT pg_drop_replication_slot($1)', [this.#slot]);
  }
}
