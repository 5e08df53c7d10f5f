import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * postmaster.pid, the lock file PostgreSQL keeps in the cluster folder while
 * it runs (src/include/utils/pidfile.h), one value per line:
 *   1 postmaster PID          5 first Unix socket directory ('' when none)
 *   2 data directory          6 first listen address ('' when none)
 *   3 start time (epoch s)    7 shared memory key and id
 *   4 port                    8 status: "starting", "stopping", "ready", "standby"
 * We only ever read it: PostgreSQL decides itself whether a leftover is stale.
 */
export interface PostmasterPid {
  pid: number;
  dataDir: string;
  startedAt: Date | null;
  port: number | null;
  socketDir: string | null;
  listenAddress: string | null;
  status: string | null;
}

export function parsePostmasterPid(text: string): PostmasterPid | null {
  const lines = text.split('\n');
  const pid = Number(lines[0]?.trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const field = (index: number) => {
    const value = lines[index]?.trim();
    return value ? value : null;
  };
  const port = Number(field(3));
  const started = Number(field(2));
  return {
    pid,
    dataDir: field(1) ?? '',
    startedAt: Number.isFinite(started) && started > 0 ? new Date(started * 1000) : null,
    port: Number.isInteger(port) && port > 0 ? port : null,
    socketDir: field(4),
    listenAddress: field(5),
    status: field(7),
  };
}

export async function readPostmasterPid(clusterDir: string): Promise<PostmasterPid | null> {
  try {
    return parsePostmasterPid(await readFile(join(clusterDir, 'postmaster.pid'), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Signal 0 checks existence without touching the process; EPERM still means alive. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
