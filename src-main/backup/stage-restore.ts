import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { PendingRestore } from '../../src-shared/contract/domains/backup';
import { resolveRunAs } from '../db/run-as';
import type { Logger } from '../log';
import { BackupFailure, cleanUpAfter } from './backup-errors';
import { copyHashed, openDiskSink, type OpenSink } from './file-copy';
import { fsyncDir } from './fs-util';
import { keepCurrentNameFor, passwordInBackup, pendingRestoreDirOf, pendingRestoreMarkerOf, pendingRestorePasswordOf } from './layout';
import type { Manifest } from './manifest';
import { clusterBytesOf, materialiseCluster } from './materialise';
import { discardPendingRestore, writePendingRestore } from './pending-restore';
import { ProgressCounter, type OnProgress } from './progress';

export const restoreDiskFullMessage = 'The disk is full: the restore was not staged; nothing was left behind and the current database stays as it is.';

/**
 * Stages a backup to replace the cluster of `dataDir` at its next start:
 * the cluster is written (hash-checked) to pg.restore-pending/, the backup's
 * password next to it, and the marker last. The running database is not
 * touched; applyPendingRestore() swaps the folders before the next launch.
 */
export async function stageRestore(options: {
  backupDir: string;
  manifest: Manifest;
  /** The data folder whose cluster the backup replaces (may be a fresh, empty one). */
  dataDir: string;
  log: Logger;
  signal?: AbortSignal;
  onProgress?: OnProgress;
  openSink?: OpenSink;
  now?: () => Date;
}): Promise<PendingRestore> {
  const { backupDir, manifest, log, signal } = options;
  const openSink = options.openSink ?? openDiskSink;
  const dataDir = resolve(options.dataDir);
  const pendingDir = pendingRestoreDirOf(dataDir);
  const pendingPassword = pendingRestorePasswordOf(dataDir);
  const progress = new ProgressCounter(options.onProgress);
  const stagedAt = (options.now ?? (() => new Date()))();

  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // A restore staged earlier (or half-staged) gives way to this one.
  await discardPendingRestore(dataDir);
  try {
    const { bytes, files } = clusterBytesOf(manifest);
    progress.addTotal(bytes, files + 1);
    progress.phase('copying', `writing ${manifest.id} to ${pendingDir}`);
    const runAs = await resolveRunAs(log);
    await materialiseCluster({ backupDir, manifest, targetClusterDir: pendingDir, runAs, progress, openSink, ...(signal ? { signal } : {}) });

    const expected = manifest.files.find((file) => file.path === passwordInBackup);
    const password = await copyHashed(join(backupDir, passwordInBackup), pendingPassword, openSink, progress.bytes, signal);
    if (!expected || !password || password.sha256 !== expected.sha256) {
      throw new BackupFailure(`The backup ${manifest.id} is damaged: its ${passwordInBackup} is missing or differs from its manifest`);
    }
    progress.fileDone();

    progress.phase('finishing');
    const pending: PendingRestore = {
      backupId: manifest.id,
      stagedAt: stagedAt.toISOString(),
      keepCurrentAs: keepCurrentNameFor(stagedAt),
      dataDir,
    };
    await fsyncDir(dataDir);
    await writePendingRestore(dataDir, pending);
    progress.phase('done');
    log.info('restore staged; it replaces the database at the next start', { ...pending });
    return pending;
  } catch (error) {
    throw await cleanUpAfter(
      error,
      [pendingRestoreMarkerOf(dataDir), pendingDir, pendingPassword],
      { failed: 'The restore could not be staged', diskFull: restoreDiskFullMessage },
      log,
    );
  }
}
