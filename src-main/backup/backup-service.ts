import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ContractError } from '../../src-shared/contract/errors';
import type {
  BackupInfo,
  BackupOperation,
  BackupProgress,
  BackupVerification,
  PendingRestore,
} from '../../src-shared/contract/domains/backup';
import type { Logger } from '../log';
import { BackupFailure, isCancelled, messageOf } from './backup-errors';
import { createBackup } from './create-backup';
import type { OpenSink } from './file-copy';
import { infoOf, listBackups, openBackup, type BackupListing } from './list-backups';
import { discardPendingRestore, readPendingRestore } from './pending-restore';
import { throttleProgress, type OnProgress, type ProgressUpdate } from './progress';
import { stageRestore } from './stage-restore';
import { verifyBackup } from './verify-backup';

export type Outcome<T> = { status: 'done'; value: T } | { status: 'cancelled' };

export interface BackupServiceOptions {
  dataDir: string;
  /** postgresql:// URL of the running server; throws when it is not running. */
  connectionUrl(): string;
  log: Logger;
  /** Where backup.progress goes (the event bus; the CLI's progress line). */
  emit(progress: BackupProgress): void;
  openSink?: OpenSink;
}

export interface BackupService {
  create(label: string | undefined): Promise<Outcome<BackupInfo>>;
  verify(id: string, deep: boolean): Promise<Outcome<BackupVerification>>;
  restore(id: string): Promise<Outcome<PendingRestore>>;
  cancel(): boolean;
  discardRestore(): Promise<boolean>;
  list(): Promise<BackupListing & { pendingRestore: PendingRestore | null; running: BackupProgress | null }>;
  /** Cancels a running job and waits until it has cleaned up (core shutdown). */
  stop(): Promise<void>;
}

interface Job {
  progress: BackupProgress;
  abort: AbortController;
  done: Promise<unknown>;
}

/** Turns a job's failure into the envelope the renderer shows. */
function toContractError(error: unknown): ContractError {
  if (error instanceof ContractError) return error;
  if (error instanceof BackupFailure) return new ContractError(error.diskFull ? 'UNAVAILABLE' : 'INTERNAL', error.message);
  if ((error as { notFound?: boolean }).notFound) return new ContractError('NOT_FOUND', messageOf(error));
  return new ContractError('INTERNAL', messageOf(error));
}

/**
 * One backup job at a time per Tickdesk (create, verify or restore): they
 * compete for the same disk, and a restore staged from a backup being
 * verified would be a race. Progress is pushed as backup.progress.
 */
export function createBackupService(options: BackupServiceOptions): BackupService {
  const { dataDir, log } = options;
  let job: Job | null = null;

  async function run<T>(operation: BackupOperation, backupId: string | null, work: (signal: AbortSignal, onProgress: OnProgress) => Promise<T>): Promise<Outcome<T>> {
    if (job) {
      const { operation: busy, bytesDone, bytesTotal } = job.progress;
      const percent = bytesTotal > 0 ? ` (${Math.floor((100 * bytesDone) / bytesTotal)}%)` : '';
      throw new ContractError('CONFLICT', `A backup ${busy} is already running${percent}; wait for it or cancel it.`);
    }
    const abort = new AbortController();
    const progress: BackupProgress = {
      jobId: randomBytes(6).toString('hex'),
      operation,
      backupId,
      phase: 'starting',
      bytesDone: 0,
      bytesTotal: 0,
      filesDone: 0,
      filesTotal: 0,
      message: null,
    };
    const current: Job = { progress, abort, done: Promise.resolve() };
    const push = throttleProgress((update: ProgressUpdate) => options.emit({ ...current.progress, ...update }));
    const onProgress: OnProgress = (update) => {
      current.progress = { ...current.progress, ...update };
      push(update);
    };
    job = current;
    options.emit(progress);
    const finish = (phase: 'done' | 'failed' | 'cancelled', message: string | null) =>
      options.emit({ ...current.progress, phase, message: message ?? current.progress.message });
    const done = work(abort.signal, onProgress);
    current.done = done.catch(() => {});
    try {
      const value = await done;
      finish('done', null);
      return { status: 'done', value };
    } catch (error) {
      if (isCancelled(error)) {
        finish('cancelled', 'Cancelled; nothing was left behind.');
        return { status: 'cancelled' };
      }
      const failure = toContractError(error);
      finish('failed', failure.message);
      log.error(`backup ${operation} failed`, { backupId, error: failure.message });
      throw failure;
    } finally {
      job = null;
    }
  }

  async function open(id: string) {
    try {
      return await openBackup(dataDir, id);
    } catch (error) {
      throw toContractError(error);
    }
  }

  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: options.connectionUrl(), application_name: 'tickdesk-backup' });
    // A session dropped mid-backup surfaces as the failed query; this only keeps the process alive.
    client.on('error', (error) => log.warn('the backup session was dropped', { error: error.message }));
    await client.connect();
    return client;
  };

  return {
    async create(label) {
      // Fail before any folder is made when the server is not there.
      try {
        options.connectionUrl();
      } catch (error) {
        throw toContractError(error);
      }
      const text = label?.trim() || 'manual';
      return run('create', null, async (signal, onProgress) => {
        const created = await createBackup({ dataDir, label: text, connect, log, signal, onProgress, ...(options.openSink ? { openSink: options.openSink } : {}) });
        return infoOf(created.dir, created.manifest, null);
      });
    },
    async verify(id, deep) {
      const backup = await open(id);
      return run('verify', id, (signal, onProgress) => verifyBackup({ backupDir: backup.dir, manifest: backup.manifest, deep, log, signal, onProgress }));
    },
    async restore(id) {
      const backup = await open(id);
      return run('restore', id, (signal, onProgress) =>
        stageRestore({ backupDir: backup.dir, manifest: backup.manifest, dataDir, log, signal, onProgress, ...(options.openSink ? { openSink: options.openSink } : {}) }),
      );
    },
    cancel() {
      if (!job || job.abort.signal.aborted) return false;
      job.abort.abort();
      return true;
    },
    async discardRestore() {
      if (job?.progress.operation === 'restore') throw new ContractError('CONFLICT', 'A restore is being staged; cancel it instead.');
      return discardPendingRestore(dataDir);
    },
    async list() {
      const [listing, pendingRestore] = await Promise.all([listBackups(dataDir), readPendingRestore(dataDir).catch(() => null)]);
      return { ...listing, pendingRestore, running: job ? { ...job.progress } : null };
    },
    async stop() {
      const running = job;
      if (!running) return;
      running.abort.abort();
      await running.done;
    },
  };
}
