/**
 * Maintenance the trader starts from the database panel: VACUUM (ANALYZE)
 * or ANALYZE of one table, or a partition manager pass. Each run is written
 * to system_log (source 'maintenance'), which is the panel's log and
 * survives restarts. One run at a time: a second request while one runs is
 * refused rather than queued behind it.
 */
import { ContractError } from '../../src-shared/contract';
import type { MaintenanceAction, MaintenanceEntry } from '../../src-shared/contract/domains/dbadmin';
import type { DatabaseService } from '../db/service';
import type { Logger } from '../log';
import { iso, num } from './sql-values';

export const MAINTENANCE_SOURCE = 'maintenance';

/** What the panel needs of a partition manager pass (src-main/maintenance's report has more). */
export interface PartitionPassSummary {
  table: string;
  created: readonly string[];
  dropped: readonly string[];
  fromDefault: readonly unknown[];
  failed: readonly unknown[];
}

export interface MaintenanceRunnerOptions {
  db: DatabaseService;
  /** The partition manager's run-now; null where the core has none. */
  runPartitions: (() => Promise<readonly PartitionPassSummary[]>) | null;
  log: Logger;
}

export interface MaintenanceRunner {
  run(action: MaintenanceAction, table: string | undefined): Promise<MaintenanceEntry>;
  entries(limit: number): Promise<MaintenanceEntry[]>;
}

const ACTIONS = new Set<string>(['vacuum-analyze', 'analyze', 'partitions']);

function summarise(reports: readonly PartitionPassSummary[]): string {
  if (reports.length === 0) return 'Partition pass: nothing to do.';
  return reports
    .map((r) => `${r.table}: ${r.created.length} created, ${r.dropped.length} dropped, ${r.fromDefault.length} moved out of DEFAULT${r.failed.length ? `, ${r.failed.length} failed` : ''}`)
    .join('; ');
}

/** The table's name quoted by the server, only if it is a table of ours: nothing from the caller is spliced as is. */
async function quotedTable(db: DatabaseService, table: string | undefined): Promise<string> {
  if (!table) throw new ContractError('VALIDATION', 'Choose a table to vacuum or analyse.');
  const { rows } = await db.pool().query<{ quoted: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS quoted
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relname = $1 AND c.relkind IN ('r', 'p', 'm')`,
    [table],
  );
  const quoted = rows[0]?.quoted;
  if (!quoted) throw new ContractError('NOT_FOUND', `No table "${table}" in the database.`);
  return quoted;
}

async function perform(options: MaintenanceRunnerOptions, action: MaintenanceAction, table: string | undefined): Promise<{ target: string | null; message: string }> {
  if (action === 'partitions') {
    if (!options.runPartitions) throw new ContractError('UNAVAILABLE', 'The partition manager is not part of this core.');
    return { target: null, message: summarise(await options.runPartitions()) };
  }
  const quoted = await quotedTable(options.db, table);
  // VACUUM refuses to run inside a transaction block: a client of its own, in autocommit.
  const client = await options.db.pool().connect();
  try {
    await client.query(action === 'vacuum-analyze' ? `VACUUM (ANALYZE) ${quoted}` : `ANALYZE ${quoted}`);
  } finally {
    client.release();
  }
  return { target: table ?? null, message: action === 'vacuum-analyze' ? `VACUUM (ANALYZE) ${quoted} done.` : `ANALYZE ${quoted} done.` };
}

/** Writes the run to system_log; a run that cannot be logged is still answered (unsaved). */
async function record(options: MaintenanceRunnerOptions, entry: Omit<MaintenanceEntry, 'id' | 'at'>): Promise<MaintenanceEntry> {
  const at = new Date().toISOString();
  try {
    const { rows } = await options.db.pool().query<{ id: string; at: Date }>(
      `INSERT INTO system_log (level, source, message, details) VALUES ($1, $2, $3, $4::jsonb) RETURNING id, at`,
      [entry.ok ? 'info' : 'error', MAINTENANCE_SOURCE, entry.message, JSON.stringify({ action: entry.action, target: entry.target, ok: entry.ok, ms: entry.ms })],
    );
    const row = rows[0];
    if (row) return { ...entry, id: String(row.id), at: iso(row.at) };
  } catch (error) {
    options.log.warn('a maintenance run could not be logged', { error: error instanceof Error ? error.message : String(error) });
  }
  return { ...entry, id: `unsaved-${Date.now()}`, at };
}

/** The panel's log: the latest runs, newest first. */
async function readEntries(db: DatabaseService, limit: number): Promise<MaintenanceEntry[]> {
  const { rows } = await db.pool().query<{ id: string; at: Date; level: string; message: string; details: Record<string, unknown> | null }>(
    'SELECT id, at, level, message, details FROM system_log WHERE source = $1 ORDER BY id DESC LIMIT $2',
    [MAINTENANCE_SOURCE, limit],
  );
  return rows.map((row) => {
    const details = row.details ?? {};
    const action = typeof details.action === 'string' && ACTIONS.has(details.action) ? (details.action as MaintenanceAction) : 'partitions';
    return {
      id: String(row.id),
      at: iso(row.at),
      action,
      target: typeof details.target === 'string' ? details.target : null,
      ok: typeof details.ok === 'boolean' ? details.ok : row.level !== 'error',
      ms: num(details.ms),
      message: row.message,
    };
  });
}

export function createMaintenanceRunner(options: MaintenanceRunnerOptions): MaintenanceRunner {
  let busy: string | null = null;
  return {
    async run(action, table) {
      if (!ACTIONS.has(action)) throw new ContractError('VALIDATION', `Unknown maintenance action "${action}"`);
      if (busy) throw new ContractError('CONFLICT', `Maintenance is already running (${busy}); wait for it to finish.`);
      busy = table ? `${action} ${table}` : action;
      const started = performance.now();
      try {
        const done = await perform(options, action, table);
        return await record(options, { action, target: done.target, ok: true, ms: Math.round(performance.now() - started), message: done.message });
      } catch (error) {
        // Refusals before anything ran are the caller's to show; a failed run is logged.
        if (error instanceof ContractError) throw error;
        const message = `${action}${table ? ` ${table}` : ''} failed: ${error instanceof Error ? error.message : String(error)}`;
        options.log.warn('maintenance run failed', { action, table, error: message });
        return record(options, { action, target: table ?? null, ok: false, ms: Math.round(performance.now() - started), message });
      } finally {
        busy = null;
      }
    },
    entries: (limit) => readEntries(options.db, limit),
  };
}
