import { copyFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { clusterDirOf } from '../db/cluster-prepare';
import { passwordFileOf } from '../db/password';
import type { Logger } from '../log';
import { exists, fsyncDir } from './fs-util';
import { pendingRestoreDirOf, pendingRestoreMarkerOf, pendingRestorePasswordOf } from './layout';
import { readPendingRestore } from './pending-restore';

export interface AppliedRestore {
  backupId: string;
  /** Where the replaced cluster now is; null when the data folder had none. */
  keptAs: string | null;
}

async function freeName(dataDir: string, name: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = join(dataDir, n === 1 ? name : `${name}-${n}`);
    if (!(await exists(candidate))) return candidate;
  }
}

/**
 * Runs at start-up, with the data folder's lock held and before the cluster
 * is prepared: if a restore was staged, the current cluster is moved aside
 * (never deleted) and the restored one renamed into its place, with the
 * backup's password. Every step is a rename checked against what is already
 * done, so a crash half-way is finished by the next start.
 */
export async function applyPendingRestore(dataDirOption: string, log: Logger): Promise<AppliedRestore | null> {
  const dataDir = resolve(dataDirOption);
  const pendingDir = pendingRestoreDirOf(dataDir);
  const pending = await readPendingRestore(dataDir);
  if (!pending) {
    if (await exists(pendingDir)) log.warn('found an unfinished restore staging (no marker); it is ignored and replaced by the next restore', { pendingDir });
    return null;
  }
  const clusterDir = clusterDirOf(dataDir);
  const pendingPassword = pendingRestorePasswordOf(dataDir);
  const password = passwordFileOf(dataDir);
  let keptAs: string | null = null;

  if (await exists(pendingDir)) {
    if (await exists(clusterDir)) {
      keptAs = await freeName(dataDir, pending.keepCurrentAs);
      // The kept cluster opens only with its own password: keep a copy next to it.
      if (await exists(password)) await copyFile(password, `${keptAs}.pg-password`);
      await rename(clusterDir, keptAs);
    }
    if (await exists(pendingPassword)) await rename(pendingPassword, password);
    await rename(pendingDir, clusterDir);
  } else if (await exists(pendingPassword)) {
    // A start that stopped between the two renames above.
    await rename(pendingPassword, password);
  }
  await fsyncDir(dataDir);
  await rm(pendingRestoreMarkerOf(dataDir), { force: true });
  await fsyncDir(dataDir);
  log.info('restored a backup: it replaces the previous database', { backupId: pending.backupId, keptAs, stagedAt: pending.stagedAt });
  return { backupId: pending.backupId, keptAs };
}
