import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { hashFile, throwIfCancelled } from './file-copy';
import { manifestFileName, ownerFileName, verificationFileName } from './layout';
import type { Manifest } from './manifest';
import type { ProgressCounter } from './progress';

/** Files that sit in a backup folder without being part of the backup itself. */
const sidecars = new Set([manifestFileName, verificationFileName, ownerFileName]);

async function filesUnder(root: string, relative = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(relative ? join(root, relative) : root, { withFileTypes: true })) {
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await filesUnder(root, path)));
    else found.push(path);
  }
  return found;
}

/** At most this many problems are listed; past it, one line says how many more. */
const maxListed = 20;

/**
 * Re-hashes every file of a backup against its manifest and looks for what
 * does not belong. Returns every problem as a sentence; none means the files
 * are exactly what was written when the backup completed.
 */
export async function verifyBackupFiles(backupDir: string, manifest: Manifest, progress: ProgressCounter, signal?: AbortSignal): Promise<string[]> {
  const problems: string[] = [];
  progress.addTotal(manifest.totalBytes, manifest.files.length);
  progress.phase('copying', 'checking every file against the manifest');
  for (const file of manifest.files) {
    throwIfCancelled(signal);
    const hashed = await hashFile(join(backupDir, file.path), progress.bytes, signal);
    if (!hashed) problems.push(`${file.path} is missing`);
    else if (hashed.size !== file.size) problems.push(`${file.path} has ${hashed.size} bytes; the manifest says ${file.size}`);
    else if (hashed.sha256 !== file.sha256) problems.push(`${file.path} does not match its SHA-256 in the manifest`);
    progress.fileDone();
  }
  const listed = new Set(manifest.files.map((file) => file.path));
  for (const name of manifest.walFiles) {
    if (!listed.has(`pg/pg_wal/${name}`)) problems.push(`the WAL file ${name} is not in the manifest's files`);
  }
  for (const path of await filesUnder(backupDir)) {
    if (!listed.has(path) && !sidecars.has(path)) problems.push(`${path} is not part of the backup`);
  }
  if (problems.length <= maxListed) return problems;
  return [...problems.slice(0, maxListed), `… and ${problems.length - maxListed} more problems`];
}
