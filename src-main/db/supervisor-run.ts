/**
 * Starting and stopping the supervised PostgreSQL: take the data folder, run the start
 * hook (a staged restore), prepare the cluster (initdb on first use), launch, wait for a
 * real login, migrate, then watch the server. Stopping ends whatever runs now (and a
 * start or restart in flight), closes the pool first and releases the folder last.
 */
import { claimDataDir } from './data-dir-claim';
import { prepareCluster } from './cluster-prepare';
import { readSchemaVersion, runMigrations } from './migrator';
import type { PoolHandle } from './pool';
import { RestartPolicy, defaultRestartPolicy } from './restart-policy';
import { describeExit } from './server-process';
import { launchUntilReady } from './server-launch';
import { ensurePool, launchOptions, measureSize, messageOf, releaseLock, track, type DbContext } from './supervisor-context';
import { startSizeRefresh, watch } from './supervisor-restart';

export async function startDatabase(ctx: DbContext): Promise<void> {
  const { options, log, status } = ctx;
  const started = performance.now();
  ctx.wanted = true;
  ctx.abort = new AbortController();
  ctx.policy = new RestartPolicy(options.restartPolicy ?? defaultRestartPolicy);
  process.on('exit', ctx.onProcessExit);
  status.update({ state: 'starting', reason: null, pid: null, readySince: null });
  try {
    ctx.lock ??= await claimDataDir(options.dataDir, ctx.stopTimeoutMs, log);
    if (!ctx.wanted) throw new Error('stopped');
    // With the folder's lock held and before anything reads the cluster (a staged restore swaps it here).
    await options.beforeLaunch?.(options.dataDir, log);
    const cluster = await prepareCluster(options.dataDir, log);
    ctx.cluster = cluster;
    if (!ctx.wanted) throw new Error('stopped');
    const launched = await launchUntilReady(cluster, launchOptions(ctx, null), log, track(ctx));
    log.info('PostgreSQL accepts connections', { ms: launched.ms, pid: launched.server.pid, port: launched.port, version: launched.version });
    if (!ctx.wanted) throw new Error('stopped');
    const pool = ensurePool(ctx, launched.port);
    const schemaVersion = await migrate(ctx, pool);
    const sizeBytes = await measureSize(pool.kysely);
    if (!ctx.wanted) throw new Error('stopped');
    status.update({ state: 'ready', reason: null, version: launched.version, port: launched.port, pid: launched.server.pid, sizeBytes, schemaVersion, readySince: new Date().toISOString() });
    log.info('database ready', { ms: Math.round(performance.now() - started), firstStart: cluster.initialised });
    startSizeRefresh(ctx);
    watch(ctx, launched.server);
  } catch (error) {
    await teardown(ctx);
    await releaseLock(ctx);
    process.off('exit', ctx.onProcessExit);
    if (!ctx.wanted) throw new Error("Tickdesk's database was stopped while it was starting.", { cause: error });
    ctx.wanted = false;
    const reason = messageOf(error);
    log.error('the database could not start', { reason });
    status.update({ state: 'failed', reason, pid: null, port: null, readySince: null });
    throw error;
  }
}

/** Applies the migrations (unless told not to) and answers the schema version. */
async function migrate(ctx: DbContext, pool: PoolHandle): Promise<string | null> {
  if (ctx.migrations === false) return readSchemaVersion(pool.kysely);
  const started = performance.now();
  const outcome = await runMigrations(pool.kysely, ctx.migrations);
  ctx.log.info('migrations applied', { ms: Math.round(performance.now() - started), applied: outcome.applied, schemaVersion: outcome.schemaVersion });
  return outcome.schemaVersion;
}

/** Closes the pool, then stops the server that runs now (if any). */
async function teardown(ctx: DbContext): Promise<void> {
  const pool = ctx.handle;
  ctx.handle = null;
  ctx.poolPort = null;
  await pool?.close();
  const current = ctx.server;
  ctx.server = null;
  if (current) {
    const started = performance.now();
    const exit = await current.stop(ctx.stopTimeoutMs);
    ctx.log.info('PostgreSQL stopped', { ms: Math.round(performance.now() - started), how: describeExit(exit), pid: current.pid });
  }
}

export async function stopDatabase(ctx: DbContext): Promise<void> {
  ctx.wanted = false;
  ctx.abort.abort();
  if (ctx.sizeTimer) clearInterval(ctx.sizeTimer);
  ctx.sizeTimer = null;
  // Stop whatever runs now (this also ends a start() waiting on it), then
  // let an in-flight start or restart settle and stop what it left behind.
  await teardown(ctx);
  await Promise.allSettled([ctx.starting, ctx.restarting]);
  await teardown(ctx);
  await releaseLock(ctx);
  process.off('exit', ctx.onProcessExit);
  if (ctx.status.get().state !== 'failed') ctx.status.update({ state: 'stopped', reason: null });
  ctx.status.update({ pid: null, port: null, readySince: null, sizeBytes: null });
}
