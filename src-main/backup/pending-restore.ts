import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pendingRestoreSchema, type PendingRestore } from '../../src-shared/contract/domains/backup';
import { fsyncDir } from './fs-util';
import { pendingRestoreDirOf, pendingRestoreMarkerOf, pendingRestorePasswordOf } from './layout';

/**
 * The marker of a staged restore. Written last (via a temporary file and a
 * rename), so a staging that was interrupted has no marker and is ignored.
 */
export async function readPendingRestore(dataDir: string): Promise<PendingRestore | null> {
  let text: string;
  try {
    text = await readFile(pendingRestoreMarkerOf(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = pendingRestoreSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `The restore marker ${pendingRestoreMarkerOf(dataDir)} is unreadable; delete it (and ${pendingRestoreDirOf(dataDir)}) to start with the current database, or stage the restore again.`,
    );
  }
  return parsed.data;
}

export async function writePendingRestore(dataDir: string, pending: PendingRestore): Promise<void> {
  const marker = pendingRestoreMarkerOf(dataDir);
  const temporary = `${marker}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(pending, null, 1)}\n`, { mode: 0o600 });
  await rename(temporary, marker);
  await fsyncDir(resolve(dataDir));
}

/**
 * Forgets a staged restore: the marker first (from then on the rest is inert),
 * then the staged cluster and its password. True when there was one.
 */
export async function discardPendingRestore(dataDir: string): Promise<boolean> {
  const marker = pendingRestoreMarkerOf(dataDir);
  let had = true;
  try {
    await rm(marker);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    had = false;
  }
  await rm(pendingRestoreDirOf(dataDir), { recursive: true, force: true });
  await rm(pendingRestorePasswordOf(dataDir), { force: true });
  return had;
}
