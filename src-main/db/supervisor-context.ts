/**
 * The supervised PostgreSQL's state, in one object its parts share (start and stop in
 * supervisor-run.ts, crash recovery in supervisor-restart.ts), plus the small steps they
 * all take: the pool on the current port, the folder's lock, the database's size.
 * Built once per service by createDatabaseService (database.ts).
 */
import { resolve } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Logger } from '../log';
import type { PreparedCluster } from './cluster-prepare';
import type { InstanceLock } from './instance-lock';
import { bundledMigrations, type MigrationSources } from './migrator';
import { createPool, type PoolHandle } from './pool';
import { RestartPolicy, defaultRestartPolicy, type RestartPolicyOptions } from './restart-policy';
import type { Database } from './schema';
import { connectionTarget, type LaunchOptions } from './server-launch';
import type { ServerProcess } from './server-process';
import type { DatabaseOptions } from './service';
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

export interface DbContext {
  readonly options: DatabaseServiceOptions;
  readonly log: Logger;
  readonly status: StatusStore;
  readonly migrations: MigrationSources | false;
  readonly stopTimeoutMs: number;
  cluster: PreparedCluster | null;
  /** tickdesk.lock, held from start() to stop() (also while failed: the app still runs). */
  lock: InstanceLock | null;
  server: ServerProcess | null;
  handle: PoolHandle | null;
  poolPort: number | null;
  /** True between start() and stop(): an exit while wanted is a crash. */
  wanted: boolean;
  abort: AbortController;
  starting: Promise<void> | null;
  stopping: Promise<void> | null;
  restarting: Promise<void> | null;
  policy: RestartPolicy;
  sizeTimer: NodeJS.Timeout | null;
  /**
   * A process that exits without stop() (an uncaught error, process.exit) would orphan
   * the postmaster; SIGINT makes it finish a fast shutdown alone.
   */
  readonly onProcessExit: () => void;
}

export function createDbContext(options: DatabaseServiceOptions, log: Logger): DbContext {
  const ctx: DbContext = {
    options,
    log,
    status: new StatusStore(resolve(options.dataDir), log),
    migrations: options.migrations ?? bundledMigrations,
    stopTimeoutMs: options.stopTimeoutMs ?? 10_000,
    cluster: null,
    lock: null,
    server: null,
    handle: null,
    poolPort: null,
    wanted: false,
    abort: new AbortController(),
    starting: null,
    stopping: null,
    restarting: null,
    policy: new RestartPolicy(options.restartPolicy ?? defaultRestartPolicy),
    sizeTimer: null,
    onProcessExit: () => {
      ctx.server?.signal('SIGINT');
      ctx.lock?.releaseSync();
    },
  };
  return ctx;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function launchOptions(ctx: DbContext, preferredPort: number | null): LaunchOptions {
  return { fixedPort: ctx.options.port, preferredPort, readyTimeoutMs: ctx.options.readyTimeoutMs ?? 30_000, stopTimeoutMs: ctx.stopTimeoutMs };
}

/** Where a launch reports the server it started, so a stop during the launch can reach it. */
export function track(ctx: DbContext): (server: ServerProcess) => void {
  return (server) => {
    ctx.server = server;
  };
}

export function requireCluster(ctx: DbContext): PreparedCluster {
  if (!ctx.cluster) throw new Error('The database cluster was not prepared; call start() first.');
  return ctx.cluster;
}

/** The pool for the server on `port`, replacing one on another port. */
export function ensurePool(ctx: DbContext, port: number): PoolHandle {
  if (ctx.handle && ctx.poolPort === port) return ctx.handle;
  void ctx.handle?.close(1_000);
  ctx.handle = createPool(connectionTarget(requireCluster(ctx), port), ctx.log.child({ part: 'pool' }));
  ctx.poolPort = port;
  return ctx.handle;
}

export async function releaseLock(ctx: DbContext): Promise<void> {
  const held = ctx.lock;
  ctx.lock = null;
  await held?.release();
}

/**
 * A Tickdesk that was thought dead (a long freeze) may find another one has
 * taken the folder over and stopped its server: it must not restart one.
 */
export async function folderTakenOver(ctx: DbContext): Promise<boolean> {
  const owner = await ctx.lock?.takenOverBy();
  if (!owner) return false;
  ctx.lock = null;
  const reason = `Another Tickdesk (pid ${owner.pid}) took over the data folder ${ctx.status.get().dataDir}; this one no longer uses it. Close one of them and start again.`;
  ctx.log.error(reason);
  ctx.status.update({ state: 'failed', reason, pid: null, port: null, readySince: null });
  return true;
}

export async function measureSize(db: Kysely<Database>): Promise<number> {
  const result = await sql<{ size: string }>`SELECT pg_database_size(current_database())::text AS size`.execute(db);
  return Number(result.rows[0]?.size ?? 0);
}
