import type { BackupVerification } from '../../src-shared/contract/domains/backup';
import type { Logger } from '../log';
import { isCancelled, messageOf } from './backup-errors';
import { deepVerify } from './deep-verify';
import { recordVerification } from './list-backups';
import type { Manifest } from './manifest';
import { ProgressCounter, type OnProgress } from './progress';
import { verifyBackupFiles } from './verify-files';

/**
 * Verifies a backup and records the outcome next to it (verification.json),
 * so the list can show when it was last proven good. Deep goes on, only when
 * every hash matched, to recover a copy on a throwaway server.
 */
export async function verifyBackup(options: {
  backupDir: string;
  manifest: Manifest;
  deep: boolean;
  log: Logger;
  signal?: AbortSignal;
  onProgress?: OnProgress;
  now?: () => Date;
}): Promise<BackupVerification> {
  const { backupDir, manifest, deep, log, signal } = options;
  const progress = new ProgressCounter(options.onProgress);
  const problems = await verifyBackupFiles(backupDir, manifest, progress, signal);
  let orderEvents: number | null = null;
  if (deep && problems.length === 0) {
    try {
      const check = await deepVerify({ backupDir, manifest, log, progress, ...(signal ? { signal } : {}) });
      orderEvents = check.orderEvents;
    } catch (error) {
      if (isCancelled(error)) throw error;
      problems.push(`a copy of the backup did not recover: ${messageOf(error)}`);
    }
  }
  const verification: BackupVerification = {
    at: (options.now ?? (() => new Date()))().toISOString(),
    ok: problems.length === 0,
    deep,
    filesChecked: manifest.files.length,
    problems,
    orderEvents,
  };
  await recordVerification(backupDir, verification).catch((error: unknown) =>
    log.warn('could not record the verification next to the backup', { backupDir, error: messageOf(error) }),
  );
  progress.phase('done', verification.ok ? 'the backup is good' : `${problems.length} problem(s) found`);
  log.info('backup verified', { id: manifest.id, ok: verification.ok, deep, problems: problems.length, orderEvents });
  return verification;
}
