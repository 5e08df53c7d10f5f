import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { findBinaries } from '../db/binaries';
import { superuser, writeClusterFile } from '../db/cluster-init';
import type { PreparedCluster } from '../db/cluster-prepare';
import { ensureReachable } from '../db/folder-access';
import { renderTuningConf, socketDirFor, tuningFile } from '../db/postgres-conf';
import { resolveRunAs } from '../db/run-as';
import { appDatabase, launchUntilReady } from '../db/server-launch';
import type { ServerProcess } from '../db/server-process';
import type { Logger } from '../log';
import { CancelledError } from './file-copy';
import { passwordInBackup } from './layout';
import type { Manifest } from './manifest';
import { clusterBytesOf, materialiseCluster } from './materialise';
import type { ProgressCounter } from './progress';

export interface DeepCheck {
  orderEvents: number;
}

/** A throwaway server needs little memory: it only replays WAL and counts rows. */
const throwawayMemoryBytes = 512 * 1024 * 1024;

/**
 * The proof that a backup restores: copy it (checking every hash) into a
 * temporary folder, start a throwaway PostgreSQL on a free port, let it
 * recover to the backup's end, count the ledger, stop it, remove the folder.
 * The live server and its data folder are never touched.
 */
export async function deepVerify(options: {
  backupDir: string;
  manifest: Manifest;
  log: Logger;
  progress: ProgressCounter;
  signal?: AbortSignal;
  /** How long recovery may take before we give up. */
  readyTimeoutMs?: number;
}): Promise<DeepCheck> {
  const { backupDir, manifest, log, progress, signal } = options;
  const binaries = await findBinaries();
  const runAs = await resolveRunAs(log);
  const scratch = await mkdtemp(join(tmpdir(), 'tickdesk-verify-'));
  let server: ServerProcess | null = null;
  const onAbort = () => void server?.stop(5_000);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (runAs) {
      await chown(scratch, runAs.uid, runAs.gid);
      await ensureReachable(scratch, dirname(binaries.postgres), runAs, log);
    }
    const clusterDir = join(scratch, 'pg');
    const { bytes, files } = clusterBytesOf(manifest);
    progress.addTotal(bytes, files);
    progress.phase('copying', 'copying the backup to a temporary folder');
    await materialiseCluster({ backupDir, manifest, targetClusterDir: clusterDir, runAs, progress, ...(signal ? { signal } : {}) });
    // The copied tickdesk.conf points the socket at the live cluster's folder: give the copy its own.
    const conf = renderTuningConf({ totalMemoryBytes: throwawayMemoryBytes, cpuCount: 2, socketDir: socketDirFor(clusterDir) });
    await writeClusterFile(join(clusterDir, tuningFile), conf, runAs);
    const password = (await readFile(join(backupDir, passwordInBackup), 'utf8')).trim();

    progress.phase('recovering', 'starting a throwaway PostgreSQL on the copy and letting it recover');
    const cluster: PreparedCluster = { binaries, dataDir: scratch, clusterDir, runAs, password, initialised: false };
    const launched = await launchUntilReady(
      cluster,
      { fixedPort: null, preferredPort: null, readyTimeoutMs: options.readyTimeoutMs ?? 600_000, stopTimeoutMs: 10_000 },
      log.child({ part: 'verify-server' }),
      (spawned) => (server = spawned),
    );
    const client = new pg.Client({ host: '127.0.0.1', port: launched.port, user: superuser, password, database: appDatabase });
    client.on('error', () => {});
    await client.connect();
    try {
      const recovery = await client.query<{ in_recovery: boolean }>('SELECT pg_is_in_recovery() AS in_recovery');
      if (recovery.rows[0]?.in_recovery !== false) throw new Error('the copy is still in recovery after starting');
      const counted = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM order_events');
      return { orderEvents: Number(counted.rows[0]?.n ?? 0) };
    } finally {
      await client.end().catch(() => {});
    }
  } catch (error) {
    if (signal?.aborted) throw new CancelledError();
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await (server as ServerProcess | null)?.stop(10_000);
    await rm(scratch, { recursive: true, force: true });
  }
}
