import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { backupVerificationSchema, type BackupVerification } from '../../src-shared/contract/domains/backup';
import { manifestFileName, verificationFileName } from './layout';

export const manifestFormat = 'tickdesk-backup/1';

const fileSchema = z.object({
  /** Relative to the backup folder, "/" separated: "pg/base/5/16384", "pg-password". */
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestFile = z.infer<typeof fileSchema>;

/**
 * The backup's table of contents, written last: a folder without a readable
 * manifest is not a backup. Every path is checked to stay inside the backup,
 * since a restore writes where the manifest says.
 */
export const manifestSchema = z.object({
  format: z.literal(manifestFormat),
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  completedAt: z.string(),
  postgresVersion: z.string(),
  /** The cluster's system identifier: tells this database's backups from another's. */
  systemIdentifier: z.string(),
  schemaVersion: z.string().nullable(),
  startLsn: z.string(),
  stopLsn: z.string(),
  timeline: z.number().int().positive(),
  walSegmentBytes: z.number().int().positive(),
  walFiles: z.array(z.string()),
  /** Folders to create (relative to the backup), parents first; empty ones included. */
  dirs: z.array(z.string()),
  files: z.array(fileSchema),
  totalBytes: z.number().int().nonnegative(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Refuses absolute paths and any ".." segment. */
export function isSafeRelativePath(path: string): boolean {
  if (path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

export function parseManifest(text: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('manifest.json is not valid JSON');
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new Error(`manifest.json is not a Tickdesk backup manifest (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  const unsafe = [...parsed.data.dirs, ...parsed.data.files.map((file) => file.path)].find((path) => !isSafeRelativePath(path));
  if (unsafe !== undefined) throw new Error(`manifest.json names a path outside the backup: ${unsafe}`);
  return parsed.data;
}

export async function readManifest(backupDir: string): Promise<Manifest> {
  return parseManifest(await readFile(join(backupDir, manifestFileName), 'utf8'));
}

/** The last verification's result, or null when none was recorded (or it is unreadable). */
export async function readVerification(backupDir: string): Promise<BackupVerification | null> {
  try {
    const parsed = backupVerificationSchema.safeParse(JSON.parse(await readFile(join(backupDir, verificationFileName), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
