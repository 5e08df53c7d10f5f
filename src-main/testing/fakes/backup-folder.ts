import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { backupDirOf, manifestFileName } from '../../backup/layout';
import { manifestFormat, type Manifest } from '../../backup/manifest';

/**
 * For unit tests: a backup folder made by hand (no PostgreSQL), with a
 * manifest that matches its files, to exercise verify, list and restore.
 */
export async function writeFakeBackup(dataDir: string, id: string, files: Record<string, string> = {}): Promise<{ dir: string; manifest: Manifest }> {
  const content: Record<string, string> = {
    'pg/PG_VERSION': '18\n',
    'pg/global/pg_control': 'control',
    'pg/base/5/16384': 'x'.repeat(10_000),
    'pg/backup_label': 'START WAL LOCATION: 0/2000028 (file 000000010000000000000002)\n',
    'pg/pg_wal/000000010000000000000002': 'wal',
    'pg-password': 'secret\n',
    ...files,
  };
  const dir = backupDirOf(dataDir, id);
  const dirs = new Set<string>(['pg', 'pg/pg_wal', 'pg/pg_wal/archive_status']);
  for (const [path, text] of Object.entries(content)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
    for (let parent = dirname(path); parent !== '.'; parent = dirname(parent)) dirs.add(parent);
  }
  await mkdir(join(dir, 'pg/pg_wal/archive_status'), { recursive: true });
  const manifest: Manifest = {
    format: manifestFormat,
    id,
    label: 'fake',
    createdAt: '2026-11-20T04:00:00.000Z',
    completedAt: '2026-11-20T04:00:05.000Z',
    postgresVersion: '18.4',
    systemIdentifier: '7000000000000000000',
    schemaVersion: '0010_order_ledger_paper_book',
    startLsn: '0/2000028',
    stopLsn: '0/2000100',
    timeline: 1,
    walSegmentBytes: 16 * 1024 * 1024,
    walFiles: ['000000010000000000000002'],
    dirs: [...dirs].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b)),
    files: Object.entries(content).map(([path, text]) => ({
      path,
      size: Buffer.byteLength(text),
      sha256: createHash('sha256').update(text).digest('hex'),
    })),
    totalBytes: Object.values(content).reduce((sum, text) => sum + Buffer.byteLength(text), 0),
  };
  await writeFile(join(dir, manifestFileName), JSON.stringify(manifest));
  return { dir, manifest };
}
