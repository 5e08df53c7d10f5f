import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { ContractError } from '../../src-shared/contract';
import type { ExportFilters, ExportProgress } from '../../src-shared/contract/domains/audit';
import type { Logger } from '../log';
import { exportFileName, exportLedgerCsv } from './csv/export-ledger';

/**
 * Exports started from the UI: each runs in main, writes
 * `${dataDir}/exports/<name>.csv` (via .partial), and reports progress as
 * audit.exportProgress events, throttled so a fast export does not flood the
 * socket. One runs at a time: two would only compete for the same disk.
 * The finished file is handed over by path (Electron: a save dialog copies it)
 * or by the download route /exports/<name> (browser mode).
 */

export const EXPORTS_SUBDIR = 'exports';
/** The names the download route will serve: exactly what exportFileName() makes. */
export const EXPORT_FILE_PATTERN = /^tickdesk-audit-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}(?:-[A-Z0-9_]{1,64})?-\d{8}-\d{6}\.csv$/;
const PROGRESS_EVERY_MS = 150;

export interface ExportJobsOptions {
  pool: () => pg.Pool;
  dataDir: string;
  emit: (progress: ExportProgress) => void;
  log: Logger;
}

export interface ExportJobs {
  start(filters: ExportFilters, bom: boolean): Promise<{ exportId: string; fileName: string; total: number }>;
  cancel(exportId: string): boolean;
  /** Cancels whatever runs and waits for it to clean up (core shutdown). */
  stop(): Promise<void>;
}

interface Running {
  id: string;
  controller: AbortController;
  done: Promise<void>;
}

export function exportsDirOf(dataDir: string): string {
  return join(dataDir, EXPORTS_SUBDIR);
}

export function createExportJobs(options: ExportJobsOptions): ExportJobs {
  let running: Running | null = null;

  return {
    async start(filters, bom) {
      if (running) throw new ContractError('CONFLICT', 'An export is already running; wait for it or cancel it.');
      const dir = exportsDirOf(options.dataDir);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const id = randomUUID();
      const fileName = exportFileName(filters);
      const controller = new AbortController();
      const base: ExportProgress = {
        exportId: id, fileName, state: 'running', rowsDone: 0, total: 0, bytes: 0, sha256: null, path: null, downloadPath: null, message: null,
      };
      let lastEmit = 0;
      let current = base;
      const emit = (next: ExportProgress, force = false) => {
        current = next;
        const now = performance.now();
        if (!force && now - lastEmit < PROGRESS_EVERY_MS) return;
        lastEmit = now;
        options.emit(next);
      };

      let resolveTotal!: (total: number) => void;
      const totalKnown = new Promise<number>((resolve) => (resolveTotal = resolve));
      const run = exportLedgerCsv(options.pool(), {
        filters,
        bom,
        outPath: join(dir, fileName),
        signal: controller.signal,
        onTotal: (total) => {
          resolveTotal(total);
          emit({ ...current, total }, true);
        },
        onProgress: (rowsDone, bytes) => emit({ ...current, rowsDone, bytes }),
      });
      const slot: Running = { id, controller, done: Promise.resolve() };
      running = slot;
      slot.done = run.then(
        (result) => {
          options.log.info('audit export finished', { fileName, rows: result.rows, bytes: result.bytes, ms: result.elapsedMs });
          emit({
            ...current, state: 'done', rowsDone: result.rows, total: result.total, bytes: result.bytes, sha256: result.sha256,
            path: result.path, downloadPath: `/${EXPORTS_SUBDIR}/${fileName}`,
          }, true);
        },
        (error: unknown) => {
          const cancelled = controller.signal.aborted;
          const message = error instanceof Error ? error.message : String(error);
          if (!cancelled) options.log.warn('audit export failed', { fileName, error: message });
          emit({ ...current, state: cancelled ? 'cancelled' : 'failed', message }, true);
        },
      ).finally(() => {
        if (running === slot) running = null;
      });

      // Answer once the count is in (or the export failed before it: bad symbol, no database).
      const first = await Promise.race([totalKnown, run.then(() => null, (error: unknown) => ({ error }))]);
      if (first !== null && typeof first === 'object') throw first.error;
      return { exportId: id, fileName, total: typeof first === 'number' ? first : current.total };
    },

    cancel(exportId) {
      if (!running || running.id !== exportId) return false;
      running.controller.abort();
      return true;
    },

    async stop() {
      const slot = running;
      if (!slot) return;
      slot.controller.abort();
      await slot.done;
    },
  };
}
