import pg from 'pg';
import { ContractError } from '../../src-shared/contract/errors';
import type { BackupInfo, BackupProgress, BackupVerification, PendingRestore } from '../../src-shared/contract/domains/backup';
import type { Logger } from '../log';
import { BackupJobs, toContractError, type Outcome } from './backup-jobs';
import { createBackup } from './create-backup';
import type { OpenSink } from './file-copy';
import { infoOf, listBackups, openBackup, type BackupListing } from './list-backups';
import { discardPendingRestore, readPendingRestore } from './pending-restore';
import { stageRestore } from './stage-restore';
import { verifyBackup } from './verify-backup';

export type { Outcome } from './backup-jobs';

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

/**
 * One backup job at a time per Tickdesk (create, verify or restore): they
 * compete for the same disk, and a restore staged from a backup being
 * verified would be a race. Progress is pushed as backup.progress.
 */
export function createBackupService(options: BackupServiceOptions): BackupService {
  const { dataDir, log } = options;
  const jobs = new BackupJobs(options.emit, log);

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
      return jobs.run('create', null, async (signal, onProgress) => {
        const created = await createBackup({ dataDir, label: text, connect, log, signal, onProgress, ...(options.openSink ? { openSink: options.openSink } : {}) });
        return infoOf(created.dir, created.manifest, null);
      });
    },
    async verify(id, deep) {
      const backup = await open(id);
      return jobs.run('verify', id, (signal, onProgress) => verifyBackup({ backupDir: backup.dir, manifest: backup.manifest, deep, log, signal, onProgress }));
    },
    async restore(id) {
      const backup = await open(id);
      return jobs.run('restore', id, (signal, onProgress) =>
        stageRestore({ backupDir: backup.dir, manifest: backup.manifest, dataDir, log, signal, onProgress, ...(options.openSink ? { openSink: options.openSink } : {}) }),
      );
    },
    cancel() {
      const running = jobs.running;
      if (!running || running.abort.signal.aborted) return false;
      running.abort.abort();
      return true;
    },
    async discardRestore() {
      if (jobs.running?.progress.operation === 'restore') throw new ContractError('CONFLICT', 'A restore is being staged; cancel it instead.');
      return discardPendingRestore(dataDir);
    },
    async list() {
      const [listing, pendingRestore] = await Promise.all([listBackups(dataDir), readPendingRestore(dataDir).catch(() => null)]);
      const running = jobs.running;
      return { ...listing, pendingRestore, running: running ? { ...running.progress } : null };
    },
    stop: () => jobs.stop(),
  };
}
