import { stat } from 'node:fs/promises';
import { availableParallelism, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from '../log';
import { findBinaries, type PostgresBinaries } from './binaries';
import { initialiseCluster, writeClusterFile } from './cluster-init';
import { ensureReachable } from './folder-access';
import { ensureWritableDataDir, folderProblem, inspectClusterFolder } from './folder-check';
import { ensurePasswordFile, readPassword } from './password';
import { renderTuningConf, socketDirFor, tuningFile } from './postgres-conf';
import { resolveRunAs, type RunAs } from './run-as';

/** Everything needed to launch the server, worked out once per start(). */
export interface PreparedCluster {
  binaries: PostgresBinaries;
  dataDir: string;
  clusterDir: string;
  runAs: RunAs | null;
  password: string;
  /** True when this start ran initdb. */
  initialised: boolean;
}

export function clusterDirOf(dataDir: string): string {
  return join(resolve(dataDir), 'pg');
}

/**
 * Checks the data folder and makes it ready to launch: refuses folders it
 * must not touch (other major version, half-initialised, wrong owner), runs
 * initdb on a new one, and rewrites tickdesk.conf for this machine.
 */
export async function prepareCluster(dataDirOption: string, log: Logger): Promise<PreparedCluster> {
  const binaries = await findBinaries();
  const dataDir = resolve(dataDirOption);
  const clusterDir = clusterDirOf(dataDir);
  await ensureWritableDataDir(dataDir);
  const runAs = await resolveRunAs(log);
  if (runAs) await ensureReachable(dataDir, dirname(binaries.postgres), runAs, log);

  const folder = await inspectClusterFolder(clusterDir, binaries.major);
  const problem = folderProblem(folder, clusterDir, binaries.major);
  if (problem) throw new Error(problem);

  let password: string;
  if (folder.kind === 'new') {
    password = await ensurePasswordFile(dataDir);
    const started = performance.now();
    await initialiseCluster(dataDir, clusterDir, password, binaries, runAs, log);
    log.info('initialised a new PostgreSQL cluster', { clusterDir, ms: Math.round(performance.now() - started) });
  } else {
    if (runAs) {
      const owner = (await stat(clusterDir)).uid;
      if (owner !== runAs.uid) {
        throw new Error(
          `The data folder ${clusterDir} belongs to uid ${owner}, but PostgreSQL runs as "${runAs.user}" (uid ${runAs.uid}); give it to that user (chown -R ${runAs.user}: ${clusterDir}) or choose another --data-dir.`,
        );
      }
    }
    password = await readPassword(dataDir);
  }

  const conf = renderTuningConf({ totalMemoryBytes: totalmem(), cpuCount: availableParallelism(), socketDir: socketDirFor(clusterDir) });
  await writeClusterFile(join(clusterDir, tuningFile), conf, runAs);
  return { binaries, dataDir, clusterDir, runAs, password, initialised: folder.kind === 'new' };
}
