import { realpath } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Logger } from '../log';
import type { InstanceLock } from './instance-lock';
import { readPostmasterPid } from './postmaster-pid';
import { systemProbe, type ProcessProbe } from './process-info';

export type ShutdownKind = 'fast' | 'immediate' | 'kill';

/** Is this argv a postmaster serving one of these (equivalent) cluster paths? */
export function isPostmasterOf(argv: string[], clusterPaths: string[]): boolean {
  // Split on both separators: the argv may come from a platform other than the one path.basename knows.
  const program = (argv[0] ?? '').split(/[\\/]/).pop() ?? '';
  if (program.replace(/\.exe$/i, '') !== 'postgres') return false;
  const wanted = new Set(clusterPaths.map((path) => resolve(path)));
  return argv.some((arg, index) => {
    const dir = arg === '-D' ? argv[index + 1] : arg.startsWith('-D') ? arg.slice(2) : undefined;
    return dir !== undefined && wanted.has(resolve(dir));
  });
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function waitUntilGone(pid: number, timeoutMs: number, probe: ProcessProbe): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!(await probe.isRunning(pid))) return true;
    if (Date.now() >= deadline) return false;
    await pause(50);
  }
}

/** False when the process was already gone. */
function send(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/**
 * Stops a postmaster we did not start, the way PostgreSQL documents: SIGINT
 * (fast: sessions rolled back, checkpoint), then SIGQUIT (immediate: the next
 * start recovers from the WAL), SIGKILL only if both are ignored. It removes
 * its own postmaster.pid; we never touch that file.
 */
export async function stopForeignPostmaster(pid: number, fastTimeoutMs: number, probe: ProcessProbe = systemProbe): Promise<ShutdownKind> {
  const steps: Array<[NodeJS.Signals, ShutdownKind, number]> = [
    ['SIGINT', 'fast', fastTimeoutMs],
    ['SIGQUIT', 'immediate', 5_000],
    ['SIGKILL', 'kill', 5_000],
  ];
  for (const [signal, kind, timeoutMs] of steps) {
    if (!send(pid, signal)) return kind;
    if (await waitUntilGone(pid, timeoutMs, probe)) return kind;
  }
  throw new Error(`PostgreSQL (pid ${pid}) did not stop even when killed; restart the computer and start Tickdesk again.`);
}

function describe(kind: ShutdownKind): string {
  if (kind === 'fast') return 'a fast shutdown';
  if (kind === 'immediate') return 'an immediate shutdown (it recovers from its WAL on this start)';
  return 'SIGKILL, as it ignored the shutdown requests';
}

/**
 * After a Tickdesk was killed (kill -9, a crash), its postmaster runs on as an
 * orphan and would block this start. Only a process that provably is a
 * postmaster of this very cluster is stopped, and only while we hold the
 * instance lock (no live Tickdesk owns it); anything we cannot identify is
 * left alone for launchUntilReady to explain.
 */
export async function stopOrphanPostmaster(
  clusterDir: string,
  lock: InstanceLock,
  fastTimeoutMs: number,
  log: Logger,
  probe: ProcessProbe = systemProbe,
): Promise<{ pid: number; kind: ShutdownKind } | null> {
  const entry = await readPostmasterPid(clusterDir);
  if (!entry || !(await probe.isRunning(entry.pid))) return null; // a stale file is PostgreSQL's to judge
  const argv = await probe.commandLine(entry.pid);
  const paths = [clusterDir, await realpath(clusterDir).catch(() => clusterDir)];
  if (argv === null || !isPostmasterOf(argv, paths)) {
    log.warn('postmaster.pid names a running process that is not recognisably this folder\'s PostgreSQL; leaving it alone', {
      pid: entry.pid,
      program: argv ? basename(argv[0] ?? '') : null,
    });
    return null;
  }
  const newOwner = await lock.takenOverBy();
  if (newOwner) {
    throw new Error(`Another Tickdesk (pid ${newOwner.pid}) took over the data folder while this one was starting; close it first, or choose another --data-dir.`);
  }
  const started = performance.now();
  let kind: ShutdownKind;
  try {
    kind = await stopForeignPostmaster(entry.pid, fastTimeoutMs, probe);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
    throw new Error(
      `PostgreSQL (pid ${entry.pid}) is still running on the data folder ${clusterDir} from an earlier Tickdesk, and this user may not stop it; stop it (kill -INT ${entry.pid}) and start again.`,
      { cause: error },
    );
  }
  log.warn(`the previous Tickdesk exited without stopping PostgreSQL (pid ${entry.pid}); stopped it with ${describe(kind)}`, {
    pid: entry.pid,
    ms: Math.round(performance.now() - started),
  });
  return { pid: entry.pid, kind };
}
