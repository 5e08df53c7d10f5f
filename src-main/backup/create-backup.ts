import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type pg from 'pg';
import { clusterDirOf } from '../db/cluster-prepare';
import { passwordFileOf } from '../db/password';
import type { Logger } from '../log';
import { cleanUpAfter, diskFullMessage } from './backup-errors';
import { BackupSession, type BackupStart } from './backup-session';
import { listClusterFiles } from './cluster-files';
import { copyHashed, openDiskSink, throwIfCancelled, writeHashed, type OpenSink } from './file-copy';
import { fsyncDir, removeAbandonedPartials, writeOwner } from './fs-util';
import { backupsDirOf, clusterFolderInBackup, manifestFileName, newBackupId, ownerFileName, partialSuffix, passwordInBackup } from './layout';
import { manifestFormat, type Manifest, type ManifestFile } from './manifest';
import { ProgressCounter, type OnProgress } from './progress';
import { isHistoryFile, segmentsBetween, startSegmentFromLabel } from './wal-files';

export interface CreateBackupOptions {
  dataDir: string;
  label: string;
  /** A new session to the running server as its superuser (closed by us). */
  connect(): Promise<pg.Client>;
  log: Logger;
  signal?: AbortSignal;
  onProgress?: OnProgress;
  /** Test seam: where bytes are written (a sink that fails like a full disk). */
  openSink?: OpenSink;
  now?: () => Date;
  /** Test seams around the copy, e.g. to note what was committed before the backup ended. */
  hooks?: { afterStart?(start: BackupStart): Promise<void>; beforeStop?(): Promise<void> };
}

export interface CreatedBackup {
  dir: string;
  manifest: Manifest;
}

/** pg_control is rewritten in place at each checkpoint; two equal reads show we did not catch it mid-write. */
async function readStable(path: string): Promise<Buffer> {
  let previous = await readFile(path);
  for (let attempt = 0; attempt < 10; attempt++) {
    const next = await readFile(path);
    if (next.equals(previous)) return next;
    previous = next;
  }
  throw new Error(`${path} kept changing while it was read`);
}

/**
 * Takes an online backup into ${dataDir}/backups/<id>/ while the server
 * keeps serving: pg_backup_start, a copy of the cluster's files, pg_backup_stop,
 * then the WAL from the start to the stop segment, so the backup recovers on
 * its own. Everything is written to <id>.partial/ with the manifest last,
 * then renamed; on any failure the partial folder is removed.
 */
export async function createBackup(options: CreateBackupOptions): Promise<CreatedBackup> {
  const { log, signal } = options;
  const openSink = options.openSink ?? openDiskSink;
  const dataDir = resolve(options.dataDir);
  const clusterDir = clusterDirOf(dataDir);
  const backupsDir = backupsDirOf(dataDir);
  const progress = new ProgressCounter(options.onProgress);
  const createdAt = (options.now ?? (() => new Date()))();

  await mkdir(backupsDir, { recursive: true, mode: 0o700 });
  await removeAbandonedPartials(backupsDir, log);
  const id = newBackupId(createdAt, options.label, new Set(await readdir(backupsDir)));
  const finalDir = join(backupsDir, id);
  const partialDir = `${finalDir}${partialSuffix}`;
  const inBackup = (relative: string) => join(partialDir, relative);
  const files: ManifestFile[] = [];
  let client: pg.Client | null = null;

  try {
    await mkdir(partialDir, { mode: 0o700 });
    await writeOwner(partialDir);
    throwIfCancelled(signal);
    client = await options.connect();
    const session = new BackupSession(client);
    const start = await session.start(`tickdesk ${id}`);
    log.info('backup started', { id, startLsn: start.startLsn });
    await options.hooks?.afterStart?.(start);

    const listing = await listClusterFiles(clusterDir);
    const dirs = [clusterFolderInBackup, ...listing.dirs.map((dir) => `${clusterFolderInBackup}/${dir}`)];
    for (const dir of dirs) await mkdir(inBackup(dir), { mode: 0o700 });
    progress.addTotal(
      listing.files.reduce((sum, file) => sum + file.size, 0),
      listing.files.length,
    );
    progress.phase('copying');
    for (const file of listing.files) {
      throwIfCancelled(signal);
      const relative = `${clusterFolderInBackup}/${file.path}`;
      const source = join(clusterDir, file.path);
      const hashed =
        file.path === 'global/pg_control'
          ? await writeHashed(inBackup(relative), await readStable(source), openSink).then((done) => (progress.bytes(done.size), done))
          : await copyHashed(source, inBackup(relative), openSink, progress.bytes, signal);
      // null: dropped while we copied (a retired partition); the WAL replay drops it too.
      if (hashed) files.push({ path: relative, ...hashed });
      progress.fileDone();
    }

    await options.hooks?.beforeStop?.();
    progress.phase('finishing', 'ending the backup (pg_backup_stop)');
    const stop = await session.stop();
    files.push({ path: `${clusterFolderInBackup}/backup_label`, ...(await writeHashed(inBackup(`${clusterFolderInBackup}/backup_label`), stop.labelFile, openSink)) });
    if (stop.spcmapFile !== '') {
      files.push({ path: `${clusterFolderInBackup}/tablespace_map`, ...(await writeHashed(inBackup(`${clusterFolderInBackup}/tablespace_map`), stop.spcmapFile, openSink)) });
    }

    // The WAL from the start to the stop point, so the copy recovers on its own.
    const walNames = segmentsBetween(startSegmentFromLabel(stop.labelFile), stop.stopSegment, start.walSegmentBytes);
    const walDir = join(clusterDir, 'pg_wal');
    const history = (await readdir(walDir)).filter(isHistoryFile).sort();
    progress.addTotal(walNames.length * start.walSegmentBytes, walNames.length + history.length);
    progress.phase('wal', `copying ${walNames.length} WAL file(s)`);
    for (const name of [...history, ...walNames]) {
      throwIfCancelled(signal);
      const relative = `${clusterFolderInBackup}/pg_wal/${name}`;
      const hashed = await copyHashed(join(walDir, name), inBackup(relative), openSink, progress.bytes, signal);
      if (!hashed) throw new Error(`the WAL file ${name} the backup needs is gone from ${walDir}`);
      files.push({ path: relative, ...hashed });
      progress.fileDone();
    }
    // Not fatal: the slot is temporary and goes with the session anyway.
    await session.releaseWal().catch((error: unknown) => log.warn('could not drop the backup slot early', { error: String(error) }));
    await client.end();
    client = null;

    // The superuser's password lives outside the cluster; without it a restored cluster cannot be opened.
    const password = await readFile(passwordFileOf(dataDir));
    files.push({ path: passwordInBackup, ...(await writeHashed(inBackup(passwordInBackup), password, openSink)) });

    const manifest: Manifest = {
      format: manifestFormat,
      id,
      label: options.label,
      createdAt: createdAt.toISOString(),
      completedAt: new Date().toISOString(),
      postgresVersion: start.postgresVersion,
      systemIdentifier: start.systemIdentifier,
      schemaVersion: start.schemaVersion,
      startLsn: start.startLsn,
      stopLsn: stop.stopLsn,
      timeline: start.timeline,
      walSegmentBytes: start.walSegmentBytes,
      walFiles: walNames,
      dirs,
      files,
      totalBytes: files.reduce((sum, file) => sum + file.size, 0),
    };
    for (const dir of [...dirs].reverse()) await fsyncDir(inBackup(dir));
    // Last: a folder holding a manifest is complete, and only a complete one is renamed into the list.
    await writeHashed(inBackup(manifestFileName), `${JSON.stringify(manifest, null, 1)}\n`, openSink);
    await fsyncDir(partialDir);
    await rename(partialDir, finalDir);
    // From here the backup is complete and listed; tidying up may fail without undoing that.
    await rm(join(finalDir, ownerFileName), { force: true }).catch(() => {});
    await fsyncDir(backupsDir).catch((error: unknown) => log.warn('could not sync the backups folder', { error: String(error) }));
    progress.phase('done');
    log.info('backup complete', { id, bytes: manifest.totalBytes, files: files.length, stopLsn: stop.stopLsn });
    return { dir: finalDir, manifest };
  } catch (error) {
    // Ending the session aborts a backup still in progress on the server.
    await client?.end().catch(() => {});
    throw await cleanUpAfter(error, [partialDir], { failed: 'The backup failed', diskFull: diskFullMessage }, log);
  }
}
