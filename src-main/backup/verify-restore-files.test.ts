import { appendFile, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { silentLogger } from '../log';
import { listBackups } from './list-backups';
import { readPendingRestore } from './pending-restore';
import { ProgressCounter } from './progress';
import { stageRestore } from './stage-restore';
import { writeFakeBackup } from '../testing/fakes/backup-folder';
import { verifyBackup } from './verify-backup';
import { verifyBackupFiles } from './verify-files';

const id = '20261120T040000Z-fake';
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tickdesk-backup-unit-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('verifying the files of a backup', () => {
  test('an untouched backup has no problems, and progress reaches every byte', async () => {
    const { dir, manifest } = await writeFakeBackup(dataDir, id);
    const progress = new ProgressCounter();
    expect(await verifyBackupFiles(dir, manifest, progress)).toEqual([]);
    expect(progress.state).toMatchObject({ bytesDone: manifest.totalBytes, bytesTotal: manifest.totalBytes, filesDone: manifest.files.length });
  });

  test('names a changed file, a truncated one, a missing one and one that does not belong', async () => {
    const { dir, manifest } = await writeFakeBackup(dataDir, id);
    await writeFile(join(dir, 'pg/PG_VERSION'), '17\n');
    await appendFile(join(dir, 'pg/base/5/16384'), 'more');
    await rm(join(dir, 'pg/pg_wal/000000010000000000000002'));
    await writeFile(join(dir, 'pg/stray'), 'x');
    expect(await verifyBackupFiles(dir, manifest, new ProgressCounter())).toEqual([
      'pg/PG_VERSION does not match its SHA-256 in the manifest',
      'pg/base/5/16384 has 10004 bytes; the manifest says 10000',
      'pg/pg_wal/000000010000000000000002 is missing',
      'pg/stray is not part of the backup',
    ]);
  });

  test('the outcome is recorded next to the backup and shown in the list', async () => {
    const { dir, manifest } = await writeFakeBackup(dataDir, id);
    await writeFile(join(dir, 'pg/PG_VERSION'), '17\n');
    const verification = await verifyBackup({ backupDir: dir, manifest, deep: false, log: silentLogger, now: () => new Date('2026-11-21T00:00:00Z') });
    expect(verification).toMatchObject({ ok: false, deep: false, at: '2026-11-21T00:00:00.000Z', orderEvents: null });
    const listed = await listBackups(dataDir);
    expect(listed.backups[0]?.verification).toEqual(verification);
  });
});

describe('listing backups', () => {
  test('newest first; partial folders never; an unreadable manifest as damaged', async () => {
    await writeFakeBackup(dataDir, '20261120T040000Z-old');
    await writeFakeBackup(dataDir, '20261121T040000Z-new');
    const broken = await writeFakeBackup(dataDir, '20261122T040000Z-broken');
    await writeFile(join(broken.dir, 'manifest.json'), '{"format":');
    const partial = await writeFakeBackup(dataDir, '20261123T040000Z-half');
    await rm(join(partial.dir, 'manifest.json'));
    await rename(partial.dir, `${partial.dir}.partial`);
    const listing = await listBackups(dataDir);
    expect(listing.backups.map((backup) => backup.id)).toEqual(['20261121T040000Z-new', '20261120T040000Z-old']);
    expect(listing.damaged).toEqual([{ id: '20261122T040000Z-broken', problem: 'manifest.json is not valid JSON' }]);
  });

  test('no backups folder yet: an empty list', async () => {
    expect(await listBackups(dataDir)).toEqual({ backups: [], damaged: [] });
  });
});

describe('staging a restore', () => {
  test('writes the cluster, its password and the marker (last)', async () => {
    const { dir, manifest } = await writeFakeBackup(dataDir, id);
    const pending = await stageRestore({ backupDir: dir, manifest, dataDir, log: silentLogger, now: () => new Date('2026-11-21T10:00:00Z') });
    expect(pending).toEqual({ backupId: id, stagedAt: '2026-11-21T10:00:00.000Z', keepCurrentAs: 'pg.before-restore-20261121T100000Z', dataDir });
    expect(await readPendingRestore(dataDir)).toEqual(pending);
    expect(await readFile(join(dataDir, 'pg.restore-pending', 'base/5/16384'), 'utf8')).toBe('x'.repeat(10_000));
    expect(await readdir(join(dataDir, 'pg.restore-pending', 'pg_wal'))).toEqual(['000000010000000000000002', 'archive_status']);
    expect(await readFile(join(dataDir, 'pg.restore-pending.password'), 'utf8')).toBe('secret\n');
  });

  test('a damaged backup is refused and nothing is left staged', async () => {
    const { dir, manifest } = await writeFakeBackup(dataDir, id);
    await writeFile(join(dir, 'pg/global/pg_control'), 'CONTROL');
    await expect(stageRestore({ backupDir: dir, manifest, dataDir, log: silentLogger })).rejects.toThrow(
      `The backup ${id} is damaged: pg/global/pg_control differs from its manifest; nothing was left behind.`,
    );
    expect((await readdir(dataDir)).sort()).toEqual(['backups']);
  });
});
