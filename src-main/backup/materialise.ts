import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunAs } from '../db/run-as';
import { BackupFailure } from './backup-errors';
import { copyHashed, openDiskSink, throwIfCancelled, type OpenSink } from './file-copy';
import { chownTree, fsyncDir } from './fs-util';
import { clusterFolderInBackup } from './layout';
import type { Manifest } from './manifest';
import type { ProgressCounter } from './progress';

const prefix = `${clusterFolderInBackup}/`;

/** The bytes a materialise copies: the cluster's files, without the password next to them. */
export function clusterBytesOf(manifest: Manifest): { bytes: number; files: number } {
  const files = manifest.files.filter((file) => file.path.startsWith(prefix));
  return { bytes: files.reduce((sum, file) => sum + file.size, 0), files: files.length };
}

/**
 * Writes the backup's cluster into `targetClusterDir` (which must not exist),
 * checking every file against the manifest's hash as it goes: a damaged
 * backup is refused before anything could start on it. The copy is handed
 * to the server's user, and synced, since a restore replaces the original.
 */
export async function materialiseCluster(options: {
  backupDir: string;
  manifest: Manifest;
  targetClusterDir: string;
  runAs: RunAs | null;
  progress: ProgressCounter;
  signal?: AbortSignal;
  openSink?: OpenSink;
}): Promise<void> {
  const { backupDir, manifest, targetClusterDir, progress, signal } = options;
  const openSink = options.openSink ?? openDiskSink;
  const target = (path: string) => join(targetClusterDir, path.slice(prefix.length));

  await mkdir(targetClusterDir, { mode: 0o700 });
  const dirs = manifest.dirs.filter((dir) => dir.startsWith(prefix));
  for (const dir of dirs) await mkdir(target(dir), { mode: 0o700 });

  for (const file of manifest.files) {
    if (!file.path.startsWith(prefix)) continue;
    throwIfCancelled(signal);
    const copied = await copyHashed(join(backupDir, file.path), target(file.path), openSink, progress.bytes, signal);
    if (!copied) throw new BackupFailure(`The backup ${manifest.id} is damaged: ${file.path} is missing`);
    if (copied.sha256 !== file.sha256 || copied.size !== file.size) {
      throw new BackupFailure(`The backup ${manifest.id} is damaged: ${file.path} differs from its manifest`);
    }
    progress.fileDone();
  }
  for (const dir of [...dirs].reverse()) await fsyncDir(target(dir));
  await fsyncDir(targetClusterDir);
  if (options.runAs) await chownTree(targetClusterDir, options.runAs);
}
