/**
 * From the moment a server is ready, its exit without stop() is a crash: the
 * supervisor brings PostgreSQL back with backoff (restart-policy.ts), on the same port
 * when it can, and gives up with a clear reason when it keeps dying. While ready, the
 * database's size is re-measured now and then for the status line.
 */
import type { ServerExit, ServerProcess } from './server-process';
import { describeExit } from './server-process';
import { launchUntilReady } from './server-launch';
import { ensurePool, folderTakenOver, launchOptions, measureSize, messageOf, requireCluster, track, type DbContext } from './supervisor-context';

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), done()), { once: true });
  });
}

/** Called once a server is ready: from now on its exit is a crash to recover from. */
export function watch(ctx: DbContext, current: ServerProcess): void {
  void current.exited.then((exit) => {
    if (ctx.server !== current || !ctx.wanted || ctx.status.get().state !== 'ready') return;
    ctx.server = null;
    onCrash(ctx, current, exit);
  });
}

function onCrash(ctx: DbContext, crashed: ServerProcess, exit: ServerExit): void {
  const reason = `PostgreSQL exited (${describeExit(exit)}); restarting`;
  ctx.log.warn(reason, { pid: crashed.pid, lastOutput: crashed.tail().slice(-5) });
  ctx.status.update({ state: 'restarting', reason, pid: null, readySince: null });
  ctx.restarting = restartLoop(ctx, reason).finally(() => (ctx.restarting = null));
}

async function restartLoop(ctx: DbContext, firstReason: string): Promise<void> {
  const { log, status } = ctx;
  let lastReason = firstReason;
  for (;;) {
    const delay = ctx.policy.next(Date.now());
    if (delay === null) {
      const reason = `PostgreSQL kept stopping (${ctx.policy.recentFailures} times in a short while; last: ${lastReason}); restart Tickdesk and check the log for the cause.`;
      log.error(reason);
      status.update({ state: 'failed', reason, pid: null });
      return;
    }
    await sleep(delay, ctx.abort.signal);
    if (!ctx.wanted || (await folderTakenOver(ctx))) return;
    try {
      const launched = await launchUntilReady(requireCluster(ctx), launchOptions(ctx, status.get().port), log, track(ctx));
      if (!ctx.wanted) return;
      ensurePool(ctx, launched.port);
      const restarts = status.get().restarts + 1;
      status.update({ state: 'ready', reason: null, pid: launched.server.pid, port: launched.port, version: launched.version, restarts, readySince: new Date().toISOString() });
      log.info('PostgreSQL restarted', { ms: launched.ms, restarts, pid: launched.server.pid, port: launched.port });
      watch(ctx, launched.server);
      return;
    } catch (error) {
      if (!ctx.wanted) return;
      lastReason = messageOf(error);
      log.warn('restarting PostgreSQL failed; trying again', { error: lastReason });
      status.update({ state: 'restarting', reason: `PostgreSQL could not be restarted yet (${lastReason}); retrying` });
    }
  }
}

export function startSizeRefresh(ctx: DbContext): void {
  ctx.sizeTimer ??= setInterval(() => {
    const handle = ctx.handle;
    if (ctx.status.get().state !== 'ready' || !handle) return;
    measureSize(handle.kysely).then(
      (sizeBytes) => ctx.status.update({ sizeBytes }),
      (error: unknown) => ctx.log.debug('could not measure the database size', { error: messageOf(error) }),
    );
  }, ctx.options.sizeRefreshMs ?? 60_000);
  ctx.sizeTimer.unref();
}
