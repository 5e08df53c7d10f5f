import { chown, lstat, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunAs } from '../db/run-as';
import type { Logger } from '../log';
import { ownerFileName, partialSuffix } from './layout';

/** Makes a folder's entries (a rename, a new file) survive a power cut. */
export async function fsyncDir(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems refuse fsync on a directory; the data itself was synced.
    if (!['EINVAL', 'EISDIR', 'EBADF', 'ENOTSUP'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Hands a whole tree to the server's user (we run as root; PostgreSQL refuses to). */
export async function chownTree(path: string, runAs: RunAs): Promise<void> {
  await chown(path, runAs.uid, runAs.gid);
  const info = await lstat(path);
  if (!info.isDirectory()) return;
  for (const name of await readdir(path)) await chownTree(join(path, name), runAs);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function writeOwner(partialDir: string): Promise<void> {
  await writeFile(join(partialDir, ownerFileName), `${JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() })}\n`, { mode: 0o600 });
}

/**
 * Removes partial backups whose writer is gone (killed, power cut). A partial
 * folder whose writer still runs (a CLI backup next to the app) is left alone.
 */
export async function removeAbandonedPartials(backupsDir: string, log: Logger): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(backupsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names.filter((entry) => entry.endsWith(partialSuffix))) {
    const dir = join(backupsDir, name);
    let pid: number | null;
    try {
      const owner = JSON.parse(await readFile(join(dir, ownerFileName), 'utf8')) as { pid?: unknown };
      pid = typeof owner.pid === 'number' ? owner.pid : null;
    } catch {
      pid = null;
    }
    if (pid !== null && pid !== process.pid && isAlive(pid)) continue;
    if (pid === process.pid) continue;
    await rm(dir, { recursive: true, force: true });
    log.warn('removed a partial backup left by an interrupted run', { dir });
    removed.push(dir);
  }
  return removed;
}
