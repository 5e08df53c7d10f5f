import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { isProcessAlive } from './postmaster-pid';

/**
 * What we can learn about another process by its pid, to tell a leftover
 * (whose pid may since have been reused) from a program that really runs.
 * Every answer may be null: "cannot tell" must never be read as "not ours".
 */
export interface ProcessProbe {
  /** Alive and not a zombie waiting to be reaped. */
  isRunning(pid: number): Promise<boolean>;
  /** argv of the process; null where the platform does not tell us. */
  commandLine(pid: number): Promise<string[] | null>;
  /**
   * When the process started, in the kernel's own opaque unit (Linux: clock
   * ticks since boot). Two readings of the same pid that differ mean two
   * processes; null where unknown.
   */
  startMark(pid: number): Promise<string | null>;
}

const exec = promisify(execFile);

async function procFile(pid: number, name: string): Promise<string | null> {
  try {
    return await readFile(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return null;
  }
}

/** Fields of /proc/<pid>/stat after the command name, which may itself hold spaces and ')'. */
export function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).trim().split(/\s+/);
}

async function linuxStat(pid: number): Promise<string[] | null> {
  const stat = await procFile(pid, 'stat');
  return stat === null ? null : statFields(stat);
}

/** ps(1) only gives one space-joined string: paths with spaces then fail to match, which is the safe side. */
async function psCommandLine(pid: number): Promise<string[] | null> {
  try {
    const { stdout } = await exec('ps', ['-o', 'command=', '-p', String(pid)], { timeout: 2_000 });
    const line = stdout.trim();
    return line ? line.split(/\s+/) : null;
  } catch {
    return null;
  }
}

export const systemProbe: ProcessProbe = {
  async isRunning(pid) {
    if (!isProcessAlive(pid)) return false;
    // Field 3 (state): a zombie has exited already; only its parent has not reaped it.
    return (await linuxStat(pid))?.[0] !== 'Z';
  },
  async commandLine(pid) {
    if (process.platform === 'win32') return null;
    const cmdline = await procFile(pid, 'cmdline');
    if (cmdline !== null) return cmdline.split('\0').filter((arg, index, all) => arg !== '' || index < all.length - 1);
    return psCommandLine(pid);
  },
  async startMark(pid) {
    // Field 22 (starttime) is the 20th after the command name.
    return (await linuxStat(pid))?.[19] ?? null;
  },
};
