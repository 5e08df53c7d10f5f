import { resolve } from 'node:path';
import pg from 'pg';
import { formatIstDateTime } from '../../src-shared/time/ist';
import { isCancelled, messageOf } from '../backup/backup-errors';
import { createBackup } from '../backup/create-backup';
import { infoOf, listBackups, openBackup } from '../backup/list-backups';
import { readPendingRestore } from '../backup/pending-restore';
import type { OnProgress } from '../backup/progress';
import { stageRestore } from '../backup/stage-restore';
import { verifyBackup } from '../backup/verify-backup';
import { createAppDatabase } from '../core';
import { connectionUrlFor } from '../db/inspect';
import type { DatabaseService } from '../db/service';
import { createLogger } from '../log';
import type { BackupCommand } from './backup-args';
import { progressLine, formatSize } from './backup-progress';
import { processIo, type CliIo } from './serve';

export interface BackupCliDeps {
  io: CliIo;
  /** Where the progress line goes (stderr); `tty` redraws one line in place. */
  progress: { write(text: string): void; tty: boolean };
}

const defaultDeps: BackupCliDeps = { io: processIo, progress: { write: (text) => process.stderr.write(text), tty: process.stderr.isTTY === true } };

function progressPrinter(deps: BackupCliDeps): OnProgress & { end(): void } {
  let lastLine = '';
  let lastTenth = -1;
  let lastPhase = '';
  const print: OnProgress = (update) => {
    const line = progressLine(update);
    if (deps.progress.tty) {
      if (line !== lastLine) deps.progress.write(`\r${line.padEnd(lastLine.length)}`);
    } else {
      // A log file gets a line per phase and per tenth, not thousands of redraws.
      const tenth = update.bytesTotal > 0 ? Math.floor((10 * update.bytesDone) / update.bytesTotal) : 0;
      if (update.phase !== lastPhase || tenth !== lastTenth) deps.progress.write(`${line}\n`);
      lastTenth = tenth;
      lastPhase = update.phase;
    }
    lastLine = line;
  };
  return Object.assign(print, { end: () => (deps.progress.tty && lastLine ? deps.progress.write('\n') : undefined) });
}

/**
 * Backups need the live server: when the app runs, its server is used
 * through the data folder's connection details (the app keeps the folder's
 * lock); otherwise the database is started here for the duration.
 */
async function withServer<T>(dataDir: string, work: (url: string) => Promise<T>): Promise<T> {
  const live = await connectionUrlFor(dataDir).catch(() => null);
  if (live) return work(live);
  const service: DatabaseService = createAppDatabase(dataDir, null, createLogger({ level: 'warn' }));
  await service.start();
  try {
    return await work(service.connectionUrl());
  } finally {
    await service.stop();
  }
}

async function connectTo(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'tickdesk-backup' });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** Ctrl-C cancels the job (which removes what it wrote) instead of killing it half-way. */
function cancelOnInterrupt(): { signal: AbortSignal; release(): void } {
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { signal: abort.signal, release: () => (process.off('SIGINT', onSignal), process.off('SIGTERM', onSignal)) };
}

export async function runBackupCommand(command: BackupCommand, dataDirOption: string, deps: BackupCliDeps = defaultDeps): Promise<void> {
  const { io } = deps;
  const dataDir = resolve(dataDirOption);
  const log = createLogger({ level: 'warn' });
  const printer = progressPrinter(deps);
  const interrupt = cancelOnInterrupt();
  // Progress goes to stderr even with --json: stdout keeps the one JSON line.
  const jobOptions = { log, signal: interrupt.signal, onProgress: printer };
  try {
    switch (command.action) {
      case 'list': {
        const listing = await listBackups(dataDir);
        const pending = await readPendingRestore(dataDir).catch(() => null);
        if (command.json) return io.out(JSON.stringify({ ...listing, pendingRestore: pending }));
        if (listing.backups.length === 0) io.out(`No backups in ${dataDir}/backups yet; make one with 'tickdesk backup create'.`);
        for (const backup of listing.backups) {
          const check = backup.verification;
          const verified = check === null ? 'never verified' : `${check.ok ? 'verified' : 'FAILED verification'}${check.deep ? ' (deep)' : ''} ${formatIstDateTime(new Date(check.at))}`;
          io.out(`${backup.id}  ${formatIstDateTime(new Date(backup.createdAt))}  ${formatSize(backup.sizeBytes).padStart(9)}  ${verified}`);
        }
        for (const damaged of listing.damaged) io.out(`${damaged.id}  DAMAGED: ${damaged.problem}`);
        if (pending) io.out(`\nA restore of ${pending.backupId} is staged: it replaces the database at the next start.`);
        return;
      }
      case 'create': {
        const created = await withServer(dataDir, (url) => createBackup({ dataDir, label: command.label, connect: () => connectTo(url), ...jobOptions }));
        printer.end();
        const info = infoOf(created.dir, created.manifest, null);
        if (command.json) return io.out(JSON.stringify(info));
        return io.out(`Backup ${info.id} complete: ${formatSize(info.sizeBytes)} in ${info.fileCount} files, at ${info.path}`);
      }
      case 'verify': {
        const backup = await openBackup(dataDir, command.id);
        const verification = await verifyBackup({ backupDir: backup.dir, manifest: backup.manifest, deep: command.deep, ...jobOptions });
        printer.end();
        if (command.json) io.out(JSON.stringify(verification));
        else if (verification.ok) {
          const events = verification.orderEvents === null ? '' : `; a recovered copy holds ${verification.orderEvents} ledger events`;
          io.out(`Backup ${command.id} is good: ${verification.filesChecked} files match the manifest${events}.`);
        } else io.out(`Backup ${command.id} FAILED verification:\n${verification.problems.map((problem) => `  - ${problem}`).join('\n')}`);
        if (!verification.ok) return io.exit(1);
        return;
      }
      case 'restore': {
        const backup = await openBackup(dataDir, command.id);
        const target = resolve(command.into ?? dataDir);
        const pending = await stageRestore({ backupDir: backup.dir, manifest: backup.manifest, dataDir: target, ...jobOptions });
        printer.end();
        if (command.json) return io.out(JSON.stringify(pending));
        const running = await connectionUrlFor(target).then(() => true, () => false);
        io.out(
          `Restore of ${pending.backupId} staged in ${target}. It replaces the database at the next start` +
            `${running ? ' (Tickdesk is running there: restart it to apply)' : ''}; the current database is kept as ${target}/${pending.keepCurrentAs}.`,
        );
        return;
      }
    }
  } catch (error) {
    printer.end();
    if (isCancelled(error)) {
      io.err('Tickdesk: cancelled; nothing was left behind.');
      return io.exit(130);
    }
    io.err(`Tickdesk: ${messageOf(error)}`);
    return io.exit(1);
  } finally {
    interrupt.release();
  }
}
