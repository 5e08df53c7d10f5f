import { resolve } from 'node:path';
import { sql } from 'kysely';
import { silentLogger, type Logger } from '../log';
import { findBinaries } from './binaries';
import { superuser } from './cluster-init';
import { clusterDirOf } from './cluster-prepare';
import { folderProblem, inspectClusterFolder } from './folder-check';
import { readSchemaVersion } from './migrator';
import { readPassword } from './password';
import { createPool } from './pool';
import { isProcessAlive, readPostmasterPid } from './postmaster-pid';
import { appDatabase } from './server-launch';

/** What `tickdesk db status --json` prints: found without starting anything. */
export interface DataDirReport {
  running: boolean;
  version: string | null;
  port: number | null;
  pid: number | null;
  dataDir: string;
  sizeBytes: number | null;
  schemaVersion: string | null;
  initialised: boolean;
  problem: string | null;
}

/** The live server of a data folder, from its lock file; null when none runs. */
async function liveServer(dataDir: string): Promise<{ pid: number; port: number } | null> {
  const lock = await readPostmasterPid(clusterDirOf(dataDir));
  if (!lock || lock.port === null || !isProcessAlive(lock.pid)) return null;
  return { pid: lock.pid, port: lock.port };
}

export async function inspectDataDir(dataDirOption: string, log: Logger = silentLogger): Promise<DataDirReport> {
  const dataDir = resolve(dataDirOption);
  const clusterDir = clusterDirOf(dataDir);
  const report: DataDirReport = {
    running: false,
    version: null,
    port: null,
    pid: null,
    dataDir,
    sizeBytes: null,
    schemaVersion: null,
    initialised: false,
    problem: null,
  };
  const binaries = await findBinaries();
  const folder = await inspectClusterFolder(clusterDir, binaries.major);
  report.initialised = folder.kind === 'initialised';
  report.problem = folderProblem(folder, clusterDir, binaries.major);
  if (folder.kind === 'other-version' || folder.kind === 'initialised') report.version = folder.major;

  const live = await liveServer(dataDir);
  if (!live) return report;
  report.running = true;
  report.pid = live.pid;
  report.port = live.port;

  let password: string;
  try {
    password = await readPassword(dataDir);
  } catch (error) {
    report.problem = (error as Error).message;
    return report;
  }
  const handle = createPool({ host: '127.0.0.1', port: live.port, user: superuser, password, database: appDatabase }, log, 1);
  try {
    const version = await sql<{ server_version: string }>`SHOW server_version`.execute(handle.kysely);
    report.version = version.rows[0]?.server_version ?? report.version;
    const size = await sql<{ size: string }>`SELECT pg_database_size(current_database())::text AS size`.execute(handle.kysely);
    report.sizeBytes = size.rows[0] ? Number(size.rows[0].size) : null;
    report.schemaVersion = await readSchemaVersion(handle.kysely);
  } catch (error) {
    report.problem = `The database server (pid ${live.pid}) is running but did not answer: ${(error as Error).message}`;
  } finally {
    await handle.close();
  }
  return report;
}

/**
 * The URL `tickdesk db url` prints for the trader's own tools. The password
 * comes from the data folder, so it never appears on a command line.
 */
export async function connectionUrlFor(dataDirOption: string): Promise<string> {
  const dataDir = resolve(dataDirOption);
  const live = await liveServer(dataDir);
  if (!live) throw new Error("Tickdesk's database is not running; start the app first.");
  const password = await readPassword(dataDir);
  return `postgresql://${superuser}:${encodeURIComponent(password)}@127.0.0.1:${live.port}/${appDatabase}`;
}
