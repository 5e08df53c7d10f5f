import { resolve } from 'node:path';
import type { Logger } from '../log';
import { clusterDirOf } from './cluster-prepare';
import { ensureWritableDataDir } from './folder-check';
import { acquireInstanceLock, type InstanceLock } from './instance-lock';
import { stopOrphanPostmaster } from './orphan-postmaster';

/**
 * Makes the data folder ours before anything in it is touched: refuses it
 * while another live Tickdesk uses it, and otherwise stops the PostgreSQL a
 * killed predecessor left running, so a trader can simply start again.
 */
export async function claimDataDir(dataDirOption: string, stopTimeoutMs: number, log: Logger): Promise<InstanceLock> {
  const dataDir = resolve(dataDirOption);
  // First, so an unusable place is one clear sentence rather than a lock-file error.
  await ensureWritableDataDir(dataDir);
  const lock = await acquireInstanceLock(dataDir, log);
  try {
    // Also when no lock was found at all: a Tickdesk that predates the lock, or a lost lock file.
    await stopOrphanPostmaster(clusterDirOf(dataDir), lock, stopTimeoutMs, log);
  } catch (error) {
    await lock.release();
    throw error;
  }
  return lock;
}
