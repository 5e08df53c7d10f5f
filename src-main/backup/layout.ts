import { join, resolve } from 'node:path';
import { backupIdPattern } from '../../src-shared/contract/domains/backup';

/**
 * Where backups and staged restores live in the data folder:
 *
 *   ${dataDir}/backups/<id>/            a complete backup (manifest.json written last)
 *   ${dataDir}/backups/<id>.partial/    one being written; renamed only when complete
 *   ${dataDir}/pg.restore-pending/      a restored cluster waiting for the next start
 *   ${dataDir}/pg.restore-pending.json  its marker, written last (no marker: ignored)
 *   ${dataDir}/pg.before-restore-<ts>/  the cluster a restore replaced (never deleted)
 */
export const manifestFileName = 'manifest.json';
export const verificationFileName = 'verification.json';
/** Inside a partial backup: who writes it, so a dead writer's leftovers can be cleared. */
export const ownerFileName = '.owner';
export const partialSuffix = '.partial';
/** The cluster's files sit under this folder of a backup; pg-password next to it. */
export const clusterFolderInBackup = 'pg';
export const passwordInBackup = 'pg-password';

export function backupsDirOf(dataDir: string): string {
  return join(resolve(dataDir), 'backups');
}

export function backupDirOf(dataDir: string, id: string): string {
  if (!isBackupId(id)) throw new Error(`"${id}" is not a backup id.`);
  return join(backupsDirOf(dataDir), id);
}

export function isBackupId(name: string): boolean {
  return backupIdPattern.test(name);
}

export function pendingRestoreDirOf(dataDir: string): string {
  return join(resolve(dataDir), 'pg.restore-pending');
}

export function pendingRestoreMarkerOf(dataDir: string): string {
  return `${pendingRestoreDirOf(dataDir)}.json`;
}

export function pendingRestorePasswordOf(dataDir: string): string {
  return `${pendingRestoreDirOf(dataDir)}.password`;
}

/** "20261120T093015Z": UTC, sortable, no characters a file system minds. */
export function compactUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** "Before Expiry!" -> "before-expiry"; the id part of a label the trader typed. */
export function labelSlug(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** The id for a backup started at `at`; `taken` holds names already used (a second backup in the same second). */
export function newBackupId(at: Date, label: string, taken: ReadonlySet<string>): string {
  const slug = labelSlug(label);
  const base = slug ? `${compactUtc(at)}-${slug}` : compactUtc(at);
  for (let n = 1; n < 1000; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(id) && !taken.has(`${id}${partialSuffix}`)) return id;
  }
  throw new Error('Too many backups in one second; wait a moment and try again.');
}

/** The name the current cluster gets when a restore replaces it. */
export function keepCurrentNameFor(at: Date): string {
  return `pg.before-restore-${compactUtc(at)}`;
}
