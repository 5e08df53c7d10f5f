import type { Logger } from '../log';
import { superuser } from './cluster-init';
import type { PreparedCluster } from './cluster-prepare';
import { findFreePort, isPortInUse } from './port';
import { isProcessAlive, readPostmasterPid } from './postmaster-pid';
import { ServerExitedError, waitUntilReady, type ConnectionTarget } from './readiness';
import { describeExit, launchServer, type ServerProcess } from './server-process';

/** The database Tickdesk's tables live in (created on first start). */
export const appDatabase = 'tickdesk';

export interface LaunchOptions {
  /** The port the trader asked for; null lets us pick. */
  fixedPort: number | null;
  /** A port to try first when picking (the previous one, so URLs stay valid across restarts). */
  preferredPort: number | null;
  readyTimeoutMs: number;
  stopTimeoutMs: number;
}

export interface LaunchedServer {
  server: ServerProcess;
  port: number;
  version: string;
  ms: number;
}

export function connectionTarget(cluster: PreparedCluster, port: number, database = appDatabase): ConnectionTarget {
  return { host: '127.0.0.1', port, user: superuser, password: cluster.password, database };
}

function portInUse(port: number, cause?: unknown): Error {
  return new Error(`PostgreSQL cannot listen on port ${port}: port ${port} is in use by another program; stop that program or choose another database port.`, {
    cause,
  });
}

async function choosePort(options: LaunchOptions, avoid: Set<number>): Promise<number> {
  if (options.fixedPort !== null) {
    if (await isPortInUse(options.fixedPort)) throw portInUse(options.fixedPort);
    return options.fixedPort;
  }
  const preferred = options.preferredPort;
  if (preferred !== null && !avoid.has(preferred) && !(await isPortInUse(preferred))) return preferred;
  return findFreePort();
}

/**
 * Starts the postmaster and waits for a real login. A server that exits
 * early on a busy port is retried on another port when the port is ours to
 * choose; every other failure is explained with the server's last words.
 */
export async function launchUntilReady(cluster: PreparedCluster, options: LaunchOptions, log: Logger, onSpawn: (server: ServerProcess) => void): Promise<LaunchedServer> {
  const tried = new Set<number>();
  for (;;) {
    const port = await choosePort(options, tried);
    tried.add(port);
    const started = performance.now();
    const server = launchServer(cluster.binaries, cluster.clusterDir, port, cluster.runAs, log);
    onSpawn(server);
    try {
      const client = await waitUntilReady(connectionTarget(cluster, port, 'postgres'), server.exited, {
        timeoutMs: options.readyTimeoutMs,
        intervalMs: 25,
      });
      try {
        const version = await client.query<{ server_version: string }>('SHOW server_version');
        const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [appDatabase]);
        if (existing.rowCount === 0) {
          await client.query(`CREATE DATABASE ${appDatabase}`);
          log.info('created the tickdesk database');
        }
        return { server, port, version: version.rows[0]?.server_version ?? 'unknown', ms: Math.round(performance.now() - started) };
      } finally {
        await client.end().catch(() => {});
      }
    } catch (error) {
      await server.stop(options.stopTimeoutMs);
      if (!(error instanceof ServerExitedError)) throw error;
      if (await isPortInUse(port)) {
        if (options.fixedPort === null && tried.size < 4) {
          log.warn('the chosen port was taken before PostgreSQL could bind it; trying another', { port });
          continue;
        }
        throw portInUse(port, error);
      }
      const lock = await readPostmasterPid(cluster.clusterDir);
      if (lock && lock.pid !== server.pid && isProcessAlive(lock.pid)) {
        throw new Error(
          `Another PostgreSQL (pid ${lock.pid}) is already running on the data folder ${cluster.clusterDir}, probably another Tickdesk or one that did not shut down; close it (or kill -INT ${lock.pid}) and start again.`,
          { cause: error },
        );
      }
      const lastWords = server.tail().slice(-3).join(' | ');
      throw new Error(`PostgreSQL stopped while starting (${describeExit(error.exit)})${lastWords ? `: ${lastWords}` : ''}; see the log for details.`, {
        cause: error,
      });
    }
  }
}
