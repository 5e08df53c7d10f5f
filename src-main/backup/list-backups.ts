import { readdir, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupInfo, BackupVerification } from '../../src-shared/contract/domains/backup';
import { backupDirOf, backupsDirOf, isBackupId, verificationFileName } from './layout';
import { readManifest, readVerification, type Manifest } from './manifest';

export interface BackupListing {
  backups: BackupInfo[];
  damaged: Array<{ id: string; problem: string }>;
}

export function infoOf(dir: string, manifest: Manifest, verification: BackupVerification | null): BackupInfo {
  return {
    id: manifest.id,
    label: manifest.label,
    createdAt: manifest.createdAt,
    completedAt: manifest.completedAt,
    sizeBytes: manifest.totalBytes,
    fileCount: manifest.files.length,
    postgresVersion: manifest.postgresVersion,
    schemaVersion: manifest.schemaVersion,
    startLsn: manifest.startLsn,
    stopLsn: manifest.stopLsn,
    path: dir,
    verification,
  };
}

/**
 * The completed backups, newest first. Partial folders are never listed;
 * a folder named like a backup whose manifest cannot be read is reported as
 * damaged, so it is neither offered for restore nor silently forgotten.
 */
export async function listBackups(dataDir: string): Promise<BackupListing> {
  let names: string[];
  try {
    names = await readdir(backupsDirOf(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { backups: [], damaged: [] };
    throw error;
  }
  const backups: BackupInfo[] = [];
  const damaged: BackupListing['damaged'] = [];
  for (const name of names.filter(isBackupId).sort().reverse()) {
    const dir = backupDirOf(dataDir, name);
    try {
      const manifest = await readManifest(dir);
      if (manifest.id !== name) throw new Error(`its manifest belongs to ${manifest.id}`);
      backups.push(infoOf(dir, manifest, await readVerification(dir)));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      damaged.push({ id: name, problem: code === 'ENOENT' ? 'manifest.json is missing' : (error as Error).message });
    }
  }
  return { backups, damaged };
}

/** Opens a backup by id; throws a sentence when it does not exist or is unreadable. */
export async function openBackup(dataDir: string, id: string): Promise<{ dir: string; manifest: Manifest }> {
  if (!isBackupId(id)) throw new Error(`"${id}" is not a backup id.`);
  const dir = backupDirOf(dataDir, id);
  try {
    return { dir, manifest: await readManifest(dir) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw Object.assign(new Error(`There is no backup ${id} in ${backupsDirOf(dataDir)}.`), { notFound: true });
    throw new Error(`The backup ${id} cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

export async function recordVerification(backupDir: string, verification: BackupVerification): Promise<void> {
  const path = join(backupDir, verificationFileName);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(verification, null, 1)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}
