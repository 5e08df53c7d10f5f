import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { ContractError } from '../../src-shared/contract/errors';
import type { DbStatus } from '../../src-shared/domain/db-status';
import type { Logger } from '../log';
import { superuser } from './cluster-init';
import { prepareCluster, type PreparedCluster } from './cluster-prepare';
import { claimDataDir } from './data-dir-claim';
import type { InstanceLock } from './instance-lock';
import { bundledMigrations, readSchemaVersion, runMigrations, type MigrationSources } from './migrator';
import { passwordFileOf } from './password';
import { createPool, type PoolHandle } from './pool';
import { RestartPolicy, defaultRestartPolicy, type RestartPolicyOptions } from './restart-policy';
import type { Database } from './schema';
import { appDatabase, connectionTarget, launchUntilReady, type LaunchOptions } from './server-launch';
import { describeExit, type ServerExit, type ServerProcess } from './server-process';
import type { DatabaseOptions, DatabaseService } from './service';
import { StatusStore } from './status-store';

export interface DatabaseServiceOptions extends DatabaseOptions {
  /** Migrations applied at start; false skips migrating (tests of the supervisor alone). */
  migrations?: MigrationSources | false;
  restartPolicy?: RestartPolicyOptions;
  readyTimeoutMs?: number;
  /** How long a fast shutdown may take before an immediate one. */
  stopTimeoutMs?: number;
  /** How often sizeBytes is re-measured while ready. */
  sizeRefreshMs?: number;
  /**
   * Runs at each start with the data folder's lock held, before the cluster is prepared
   * or launched, so it may swap the cluster's files (core.ts hands in backup's pending
   * restore). A rejection fails the start like any other start-up error.
   */
  beforeLaunch?: (dataDir: string, log: Logger) => Promise<unknown>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), done()), { once: true });
  });
}

/**
 * The supervised PostgreSQL: prepares the folder, launches the server, waits
 * for a real login, migrates, and from then on brings the server back with
 * backoff whenever it dies without being asked to.
 */
export function createDatabaseService(options: DatabaseServiceOptions, log: Logger): DatabaseService {
  const status = new StatusStore(resolve(options.dataDir), log);
  const migrations = options.migrations ?? bundledMigrations;
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  const launchOptions = (preferredPort: number | null): LaunchOptions => ({
    fixedPort: options.port,
    preferredPort,
    readyTimeoutMs: options.readyTimeoutMs ?? 30_000,
    stopTimeoutMs,
  });

  let cluster: PreparedCluster | null = null;
  /** tickdesk.lock, held from start() to stop() (also while failed: the app still runs). */
  let lock: InstanceLock | null = null;
  let server: ServerProcess | null = null;
  let handle: PoolHandle | null = null;
  let poolPort: number | null = null;
  /** True between start() and stop(): an exit while wanted is a crash. */
  let wanted = false;
  let abort = new AbortController();
  let starting: Promise<void> | null = null;
  let stopping: Promise<void> | null = null;
  let restarting: Promise<void> | null = null;
  let policy = new RestartPolicy(options.restartPolicy ?? defaultRestartPolicy);
  let sizeTimer: NodeJS.Timeout | null = null;

  // A process that exits without stop() (an uncaught error, process.exit)
  // would orphan the postmaster; SIGINT makes it finish a fast shutdown alone.
  const onProcessExit = () => {
    server?.signal('SIGINT');
    lock?.releaseSync();
  };

  async function releaseLock(): Promise<void> {
    const held = lock;
    lock = null;
    await held?.release();
  }

  /**
   * A Tickdesk that was thought dead (a long freeze) may find another one has
   * taken the folder over and stopped its server: it must not restart one.
   */
  async function folderTakenOver(): Promise<boolean> {
    const owner = await lock?.takenOverBy();
    if (!owner) return false;
    lock = null;
    const reason = `Another Tickdesk (pid ${owner.pid}) took over the data folder ${status.get().dataDir}; this one no longer uses it. Close one of them and start again.`;
    log.error(reason);
    status.update({ state: 'failed', reason, pid: null, port: null, readySince: null });
    return true;
  }

  function track(next: ServerProcess): void {
    server = next;
  }

  function ensurePool(port: number): PoolHandle {
    if (handle && poolPort === port) return handle;
    void handle?.close(1_000);
    handle = createPool(connectionTarget(requireCluster(), port), log.child({ part: 'pool' }));
    poolPort = port;
    return handle;
  }

  function requireCluster(): PreparedCluster {
    if (!cluster) throw new Error('The database cluster was not prepared; call start() first.');
    return cluster;
  }

  async function measureSize(db: Kysely<Database>): Promise<number> {
    const result = await sql<{ size: string }>`SELECT pg_database_size(current_database())::text AS size`.execute(db);
    return Number(result.rows[0]?.size ?? 0);
  }

  function startSizeRefresh(): void {
    sizeTimer ??= setInterval(() => {
      if (status.get().state !== 'ready' || !handle) return;
      measureSize(handle.kysely).then(
        (sizeBytes) => status.update({ sizeBytes }),
        (error: unknown) => log.debug('could not measure the database size', { error: messageOf(error) }),
      );
    }, options.sizeRefreshMs ?? 60_000);
    sizeTimer.unref();
  }

  /** Called once a server is ready: from now on its exit is a crash to recover from. */
  function watch(current: ServerProcess): void {
    void current.exited.then((exit) => {
      if (server !== current || !wanted || status.get().state !== 'ready') return;
      server = null;
      onCrash(current, exit);
    });
  }

  function onCrash(crashed: ServerProcess, exit: ServerExit): void {
    const reason = `PostgreSQL exited (${describeExit(exit)}); restarting`;
    log.warn(reason, { pid: crashed.pid, lastOutput: crashed.tail().slice(-5) });
    status.update({ state: 'restarting', reason, pid: null, readySince: null });
    restarting = restartLoop(reason).finally(() => (restarting = null));
  }

  async function restartLoop(firstReason: string): Promise<void> {
    let lastReason = firstReason;
    for (;;) {
      const delay = policy.next(Date.now());
      if (delay === null) {
        const reason = `PostgreSQL kept stopping (${policy.recentFailures} times in a short while; last: ${lastReason}); restart Tickdesk and check the log for the cause.`;
        log.error(reason);
        status.update({ state: 'failed', reason, pid: null });
        return;
      }
      await sleep(delay, abort.signal);
      if (!wanted || (await folderTakenOver())) return;
      try {
        const launched = await launchUntilReady(requireCluster(), launchOptions(status.get().port), log, track);
        if (!wanted) return;
        ensurePool(launched.port);
        const restarts = status.get().restarts + 1;
        status.update({
          state: 'ready',
          reason: null,
          pid: launched.server.pid,
          port: launched.port,
          version: launched.version,
          restarts,
          readySince: new Date().toISOString(),
        });
        log.info('PostgreSQL restarted', { ms: launched.ms, restarts, pid: launched.server.pid, port: launched.port });
        watch(launched.server);
        return;
      } catch (error) {
        if (!wanted) return;
        lastReason = messageOf(error);
        log.warn('restarting PostgreSQL failed; trying again', { error: lastReason });
        status.update({ state: 'restarting', reason: `PostgreSQL could not be restarted yet (${lastReason}); retrying` });
      }
    }
  }

  async function teardown(): Promise<void> {
    const pool = handle;
    handle = null;
    poolPort = null;
    await pool?.close();
    const current = server;
    server = null;
    if (current) {
      const started = performance.now();
      const exit = await current.stop(stopTimeoutMs);
      log.info('PostgreSQL stopped', { ms: Math.round(performance.now() - started), how: describeExit(exit), pid: current.pid });
    }
  }

  async function doStart(): Promise<void> {
    const started = performance.now();
    wanted = true;
    abort = new AbortController();
    policy = new RestartPolicy(options.restartPolicy ?? defaultRestartPolicy);
    process.on('exit', onProcessExit);
    status.update({ state: 'starting', reason: null, pid: null, readySince: null });
    try {
      lock ??= await claimDataDir(options.dataDir, stopTimeoutMs, log);
      if (!wanted) throw new Error('stopped');
      // With the folder's lock held and before anything reads the cluster (a staged restore swaps it here).
      await options.beforeLaunch?.(options.dataDir, log);
      cluster = await prepareCluster(options.dataDir, log);
      if (!wanted) throw new Error('stopped');
      const launched = await launchUntilReady(cluster, launchOptions(null), log, track);
      log.info('PostgreSQL accepts connections', { ms: launched.ms, pid: launched.server.pid, port: launched.port, version: launched.version });
      if (!wanted) throw new Error('stopped');
      const pool = ensurePool(launched.port);
      let schemaVersion: string | null;
      if (migrations === false) {
        schemaVersion = await readSchemaVersion(pool.kysely);
      } else {
        const migrateStarted = performance.now();
        const outcome = await runMigrations(pool.kysely, migrations);
        schemaVersion = outcome.schemaVersion;
        log.info('migrations applied', { ms: Math.round(performance.now() - migrateStarted), applied: outcome.applied, schemaVersion });
      }
      const sizeBytes = await measureSize(pool.kysely);
      if (!wanted) throw new Error('stopped');
      status.update({
        state: 'ready',
        reason: null,
        version: launched.version,
        port: launched.port,
        pid: launched.server.pid,
        sizeBytes,
        schemaVersion,
        readySince: new Date().toISOString(),
      });
      log.info('database ready', { ms: Math.round(performance.now() - started), firstStart: cluster.initialised });
      startSizeRefresh();
      watch(launched.server);
    } catch (error) {
      await teardown();
      await releaseLock();
      process.off('exit', onProcessExit);
      if (!wanted) throw new Error("Tickdesk's database was stopped while it was starting.", { cause: error });
      wanted = false;
      const reason = messageOf(error);
      log.error('the database could not start', { reason });
      status.update({ state: 'failed', reason, pid: null, port: null, readySince: null });
      throw error;
    }
  }

  async function doStop(): Promise<void> {
    wanted = false;
    abort.abort();
    if (sizeTimer) clearInterval(sizeTimer);
    sizeTimer = null;
    // Stop whatever runs now (this also ends a start() waiting on it), then
    // let an in-flight start or restart settle and stop what it left behind.
    await teardown();
    await Promise.allSettled([starting, restarting]);
    await teardown();
    await releaseLock();
    process.off('exit', onProcessExit);
    if (status.get().state !== 'failed') status.update({ state: 'stopped', reason: null });
    status.update({ pid: null, port: null, readySince: null, sizeBytes: null });
  }

  function unavailable(): ContractError {
    const { state, reason } = status.get();
    const why: Record<DbStatus['state'], string> = {
      stopped: "Tickdesk's database is not running.",
      starting: "Tickdesk's database is starting; try again in a moment.",
      restarting: `Tickdesk's database is not available right now (${reason ?? 'PostgreSQL is restarting'}); try again in a moment.`,
      failed: `Tickdesk's database failed: ${reason ?? 'unknown reason'}`,
      ready: "Tickdesk's database is not available.",
    };
    return new ContractError('UNAVAILABLE', why[state]);
  }

  return {
    async start() {
      if (stopping) await stopping;
      if (status.get().state === 'ready') return;
      starting ??= doStart().finally(() => (starting = null));
      return starting;
    },
    stop() {
      stopping ??= doStop().finally(() => (stopping = null));
      return stopping;
    },
    status: () => status.get(),
    onStatus: (listener) => status.subscribe(listener),
    kysely() {
      if (status.get().state !== 'ready' || !handle) throw unavailable();
      return handle.kysely;
    },
    pool(): pg.Pool {
      if (status.get().state !== 'ready' || !handle) throw unavailable();
      return handle.pool;
    },
    connectionUrl() {
      const { state, port } = status.get();
      if ((state !== 'ready' && state !== 'restarting') || port === null) throw new ContractError('UNAVAILABLE', "Tickdesk's database is not running; start the app first.");
      const password = readFileSync(passwordFileOf(status.get().dataDir), 'utf8').trim();
      return `postgresql://${superuser}:${encodeURIComponent(password)}@127.0.0.1:${port}/${appDatabase}`;
    },
  };
}
