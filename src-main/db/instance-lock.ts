import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Logger } from '../log';
import { systemProbe, type ProcessProbe } from './process-info';

export const lockFileName = 'tickdesk.lock';

/** The content of tickdesk.lock: who uses the data folder. */
export interface LockOwner {
  pid: number;
  startedAt: string;
  hostname: string;
  cmd: string;
  /** Tells this lock from any other, so a stale one is never confused with its successor. */
  token: string;
  /** The owner's start mark (process-info.ts), so a reused pid is recognised. */
  procStart: string | null;
}

export interface InstanceLock {
  readonly path: string;
  /** The lock found and replaced because its owner was gone; null when the folder was free or the lock unreadable. */
  readonly previousOwner: LockOwner | null;
  /** True when a stale lock was replaced: its owner ended without stop(). */
  readonly previousOwnerDied: boolean;
  /** The owner that replaced ours (only ever a takeover after we were thought dead); null while we hold it. */
  takenOverBy(): Promise<LockOwner | null>;
  release(): Promise<void>;
  /** For process 'exit' hooks, which cannot wait. */
  releaseSync(): void;
}

export type LockVerdict = { live: true; foreignHost: boolean } | { live: false; why: string };

export function parseLockOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner> | null;
    if (!value || !Number.isInteger(value.pid) || (value.pid ?? 0) <= 0 || typeof value.token !== 'string') return null;
    return {
      pid: value.pid as number,
      startedAt: String(value.startedAt ?? ''),
      hostname: String(value.hostname ?? ''),
      cmd: String(value.cmd ?? ''),
      token: value.token,
      procStart: typeof value.procStart === 'string' ? value.procStart : null,
    };
  } catch {
    return null;
  }
}

/** A Tickdesk runs as node (CLI, tests), as electron, or as the packaged app named after it. */
export function looksLikeTickdesk(argv: string[]): boolean {
  return /node|electron|tickdesk/i.test(argv.join(' '));
}

/**
 * Is the owner written in a lock still running? Only a process we can see
 * can be judged: a lock from another machine (a shared folder) counts as live.
 */
export async function judgeLock(owner: LockOwner, probe: ProcessProbe, thisHost = hostname()): Promise<LockVerdict> {
  if (owner.hostname && owner.hostname !== thisHost) return { live: true, foreignHost: true };
  if (!(await probe.isRunning(owner.pid))) return { live: false, why: `pid ${owner.pid} is no longer running` };
  const mark = owner.procStart === null ? null : await probe.startMark(owner.pid);
  if (mark !== null && mark !== owner.procStart) return { live: false, why: `pid ${owner.pid} now belongs to a newer process` };
  const argv = await probe.commandLine(owner.pid);
  if (argv !== null && !looksLikeTickdesk(argv)) return { live: false, why: `pid ${owner.pid} now runs ${basename(argv[0] ?? '?')}` };
  return { live: true, foreignHost: false };
}

function refusal(owner: LockOwner, dataDir: string, path: string, foreignHost: boolean): Error {
  if (foreignHost) {
    return new Error(
      `Another Tickdesk (pid ${owner.pid} on ${owner.hostname}) is already using the data folder ${dataDir}; close it first, or choose another --data-dir. If it no longer runs, delete ${path}.`,
    );
  }
  return new Error(`Another Tickdesk (pid ${owner.pid}) is already using the data folder ${dataDir}; close it first, or choose another --data-dir.`);
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * Creates the lock only if none exists. The content is written to a private
 * file first and hard-linked into place, so no reader ever sees a half-written
 * lock; where links are unsupported, an exclusive create has to do.
 */
async function createExclusive(path: string, text: string, scratch: string): Promise<boolean> {
  await writeFile(scratch, text);
  try {
    await link(scratch, path);
    return true;
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP'].includes(errno(error) ?? '')) throw error;
    try {
      await writeFile(path, text, { flag: 'wx' });
      return true;
    } catch (inner) {
      if (errno(inner) === 'EEXIST') return false;
      throw inner;
    }
  } finally {
    await unlink(scratch).catch(() => {});
  }
}

/** A takeover needs milliseconds; a claim older than this was left by a starter that died. */
const abandonedClaimMs = 10_000;

/**
 * Replaces a stale lock unless another starter does. Two starters that both
 * judged the same lock stale race for a claim file named after it: only the
 * holder may replace that lock, and only while it is still that very lock.
 */
async function takeOver(path: string, staleText: string, text: string, scratch: string): Promise<boolean> {
  const claim = `${path}.takeover-${createHash('sha256').update(staleText).digest('hex').slice(0, 16)}`;
  try {
    await writeFile(claim, text, { flag: 'wx' });
  } catch (error) {
    if (errno(error) !== 'EEXIST') throw error;
    const age = await stat(claim).then((info) => Date.now() - info.mtimeMs, () => 0);
    if (age > abandonedClaimMs) await unlink(claim).catch(() => {});
    return false;
  }
  try {
    if ((await readText(path)) !== staleText) return false;
    await writeFile(scratch, text);
    await rename(scratch, path);
    return true;
  } finally {
    await unlink(claim).catch(() => {});
    await unlink(scratch).catch(() => {});
  }
}

async function describeSelf(probe: ProcessProbe): Promise<LockOwner> {
  return {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    hostname: hostname(),
    cmd: process.argv.join(' ').slice(0, 500),
    token: randomBytes(12).toString('hex'),
    procStart: await probe.startMark(process.pid),
  };
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Takes ${dataDir}/tickdesk.lock for this process, or refuses when a live
 * Tickdesk holds it. A lock whose owner died (kill -9, power cut) is replaced:
 * previousOwnerDied tells the caller to look for the server it left running.
 */
export async function acquireInstanceLock(dataDirOption: string, log: Logger, probe: ProcessProbe = systemProbe): Promise<InstanceLock> {
  const dataDir = resolve(dataDirOption);
  const path = join(dataDir, lockFileName);
  const me = await describeSelf(probe);
  const text = `${JSON.stringify(me)}\n`;
  const scratch = `${path}.${process.pid}.${me.token}.tmp`;
  let unreadableSeen = false;

  for (let attempt = 0; attempt < 20; attempt++) {
    if (await createExclusive(path, text, scratch)) return heldLock(path, me, null, false);
    const found = await readText(path);
    if (found === null) continue; // released between our two looks
    const owner = parseLockOwner(found);
    let why: string;
    if (owner) {
      const verdict = await judgeLock(owner, probe);
      if (verdict.live) throw refusal(owner, dataDir, path, verdict.foreignHost);
      why = verdict.why;
    } else {
      // Only the fallback create can be caught half-written; give it a moment first.
      if (!unreadableSeen) {
        unreadableSeen = true;
        await pause(100);
        continue;
      }
      why = 'the lock file is unreadable';
    }
    if (await takeOver(path, found, text, scratch)) {
      // A starter that judged an older lock stale may still overwrite ours: look again.
      const now = parseLockOwner((await readText(path)) ?? '');
      if (now?.token !== me.token) continue;
      log.warn('the previous Tickdesk on this data folder did not exit cleanly; taking the folder over', {
        previousPid: owner?.pid ?? null,
        previousStartedAt: owner?.startedAt ?? null,
        why,
      });
      return heldLock(path, me, owner, true);
    }
    await pause(25 + Math.random() * 50);
  }
  throw new Error(`Could not take the lock ${path}: other programs keep changing it; close other Tickdesk windows and start again.`);
}

function heldLock(path: string, me: LockOwner, previousOwner: LockOwner | null, previousOwnerDied: boolean): InstanceLock {
  let released = false;
  const ours = (text: string | null) => text !== null && parseLockOwner(text)?.token === me.token;
  return {
    path,
    previousOwner,
    previousOwnerDied,
    async takenOverBy() {
      const owner = parseLockOwner((await readText(path).catch(() => null)) ?? '');
      return owner && owner.token !== me.token ? owner : null;
    },
    async release() {
      if (released) return;
      released = true;
      // Never remove a lock that another Tickdesk took over: it is theirs now.
      if (ours(await readText(path).catch(() => null))) await unlink(path).catch(() => {});
    },
    releaseSync() {
      if (released) return;
      released = true;
      try {
        if (ours(readFileSync(path, 'utf8'))) unlinkSync(path);
      } catch {
        // Exiting anyway: a lock left behind is judged stale by the next start.
      }
    },
  };
}
