import type { Logger } from '../log';
import type { PostgresBinaries } from './binaries';
import { captureOutput, spawnAs } from './child-process';
import type { RunAs } from './run-as';

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the program could not even be started (ENOENT, EACCES…). */
  error: Error | null;
}

export function describeExit(exit: ServerExit): string {
  if (exit.error) return `could not be started (${exit.error.message})`;
  if (exit.signal) return `signal ${exit.signal}`;
  return `exit code ${exit.code}`;
}

/** One postgres postmaster, started by us and watched until it exits. */
export interface ServerProcess {
  readonly pid: number | null;
  readonly port: number;
  /** Resolves (never rejects) when the process is gone. */
  readonly exited: Promise<ServerExit>;
  hasExited(): boolean;
  /** The last lines the server printed, for an error message. */
  tail(): string[];
  /**
   * SIGINT is PostgreSQL's "fast" shutdown (roll back sessions, checkpoint,
   * exit); SIGQUIT its "immediate" one, which needs crash recovery next time,
   * so only after the timeout; SIGKILL only if even that is ignored.
   */
  stop(fastTimeoutMs?: number): Promise<ServerExit>;
  /** Sends a signal without waiting: for process-exit hooks, which cannot wait. */
  signal(signal: NodeJS.Signals): void;
}

/**
 * Spawns `postgres -D cluster -p port` as a direct child. Its output goes to
 * the logger only: readiness is decided by connecting, never by its log lines.
 */
export function launchServer(
  binaries: PostgresBinaries,
  clusterDir: string,
  port: number,
  runAs: RunAs | null,
  log: Logger,
): ServerProcess {
  const child = spawnAs(binaries.postgres, ['-D', clusterDir, '-p', String(port)], runAs);
  const tail = captureOutput(child, log.child({ source: 'postgres' }));
  let gone: ServerExit | null = null;
  const exited = new Promise<ServerExit>((resolve) => {
    child.once('error', (error) => {
      // 'error' without a pid means the spawn itself failed and no 'exit' follows.
      if (child.pid === undefined && !gone) resolve((gone = { code: null, signal: null, error }));
    });
    child.once('exit', (code, signal) => {
      if (!gone) resolve((gone = { code, signal, error: null }));
    });
  });

  const waitFor = (ms: number) =>
    Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms).unref())]);

  let stopping: Promise<ServerExit> | null = null;
  const stop = (fastTimeoutMs = 10_000) => {
    stopping ??= (async () => {
      if (gone) return gone;
      child.kill('SIGINT');
      const fast = await waitFor(fastTimeoutMs);
      if (fast) return fast;
      log.warn('PostgreSQL did not finish a fast shutdown in time; sending an immediate shutdown', { fastTimeoutMs });
      child.kill('SIGQUIT');
      const immediate = await waitFor(5_000);
      if (immediate) return immediate;
      log.error('PostgreSQL ignored the immediate shutdown; killing it');
      child.kill('SIGKILL');
      return exited;
    })();
    return stopping;
  };

  return {
    pid: child.pid ?? null,
    port,
    exited,
    hasExited: () => gone !== null,
    tail,
    stop,
    signal: (signal) => {
      if (!gone) child.kill(signal);
    },
  };
}
