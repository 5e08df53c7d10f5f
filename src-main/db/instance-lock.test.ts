import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { acquireInstanceLock, judgeLock, lockFileName, type LockOwner } from './instance-lock';
import type { ProcessProbe } from './process-info';
import { recordingLogger } from '../testing/kits/logger';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tickdesk-lock-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid;
}

function owner(fields: Partial<LockOwner> = {}): LockOwner {
  return { pid: 4242, startedAt: '2025-01-01T00:00:00.000Z', hostname: hostname(), cmd: 'node tickdesk', token: 'old', procStart: null, ...fields };
}

const lockPath = () => join(dataDir, lockFileName);
const refusal = (pid: number) => `Another Tickdesk (pid ${pid}) is already using the data folder ${dataDir}; close it first, or choose another --data-dir.`;

describe('acquireInstanceLock', () => {
  test('a free folder: writes who holds it, and release frees it for the next start', async () => {
    const lock = await acquireInstanceLock(dataDir, recordingLogger().log);
    expect(lock.previousOwnerDied).toBe(false);
    const written = JSON.parse(await readFile(lockPath(), 'utf8')) as LockOwner;
    expect(written).toMatchObject({ pid: process.pid, hostname: hostname() });
    expect(Date.parse(written.startedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(written.cmd).toContain('node');
    expect(await lock.takenOverBy()).toBeNull();
    await lock.release();
    expect(await readdir(dataDir)).toEqual([]);
    const again = await acquireInstanceLock(dataDir, recordingLogger().log);
    await again.release();
  });

  test('a live Tickdesk (here: ourselves) keeps the folder; the lock is not touched', async () => {
    const held = await acquireInstanceLock(dataDir, recordingLogger().log);
    const before = await readFile(lockPath(), 'utf8');
    await expect(acquireInstanceLock(dataDir, recordingLogger().log)).rejects.toThrow(refusal(process.pid));
    expect(await readFile(lockPath(), 'utf8')).toBe(before);
    await held.release();
  });

  test('a lock whose owner died is taken over, and said so', async () => {
    const pid = deadPid();
    await writeFile(lockPath(), JSON.stringify(owner({ pid })));
    const recorder = recordingLogger();
    const lock = await acquireInstanceLock(dataDir, recorder.log);
    expect(lock.previousOwnerDied).toBe(true);
    expect(lock.previousOwner?.pid).toBe(pid);
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toMatchObject({ pid: process.pid });
    expect(recorder.records()).toContainEqual(
      expect.objectContaining({ level: 'warn', previousPid: pid, why: `pid ${pid} is no longer running` }),
    );
    // Nothing is left behind but the lock itself.
    expect(await readdir(dataDir)).toEqual([lockFileName]);
    await lock.release();
  });

  test('an unreadable lock (e.g. emptied by a power cut) is taken over', async () => {
    await writeFile(lockPath(), '');
    const lock = await acquireInstanceLock(dataDir, recordingLogger().log);
    expect(lock.previousOwnerDied).toBe(true);
    expect(lock.previousOwner).toBeNull();
    await lock.release();
  });

  test('a lock on another machine is refused with the way out', async () => {
    await writeFile(lockPath(), JSON.stringify(owner({ hostname: 'elsewhere' })));
    await expect(acquireInstanceLock(dataDir, recordingLogger().log)).rejects.toThrow(
      `Another Tickdesk (pid 4242 on elsewhere) is already using the data folder ${dataDir}; close it first, or choose another --data-dir. If it no longer runs, delete ${lockPath()}.`,
    );
  });

  test('two starters racing for one stale lock: exactly one wins, the other is refused', async () => {
    await writeFile(lockPath(), JSON.stringify(owner({ pid: deadPid() })));
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => acquireInstanceLock(dataDir, recordingLogger().log)));
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    for (const outcome of refused) expect(String(outcome.reason)).toContain(refusal(process.pid));
    if (won[0]?.status === 'fulfilled') await won[0].value.release();
    expect(await readdir(dataDir)).toEqual([]);
  });

  test("release never removes a lock another Tickdesk took over; it is reported instead", async () => {
    const lock = await acquireInstanceLock(dataDir, recordingLogger().log);
    const successor = owner({ pid: 777, token: 'new' });
    await writeFile(lockPath(), JSON.stringify(successor));
    expect(await lock.takenOverBy()).toEqual(successor);
    await lock.release();
    lock.releaseSync();
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toEqual(successor);
  });
});

describe('judgeLock', () => {
  const probe = (over: Partial<ProcessProbe>): ProcessProbe => ({
    isRunning: () => Promise.resolve(true),
    commandLine: () => Promise.resolve(['/usr/bin/node', 'tickdesk', 'serve']),
    startMark: () => Promise.resolve('100'),
    ...over,
  });

  test('alive, started when the lock says and running node/electron/tickdesk: live', async () => {
    expect(await judgeLock(owner({ procStart: '100' }), probe({}))).toEqual({ live: true, foreignHost: false });
    const packaged = probe({ commandLine: () => Promise.resolve(['/opt/Tickdesk/tickdesk']) });
    expect(await judgeLock(owner(), packaged)).toMatchObject({ live: true });
  });

  test('where the platform cannot tell what runs, alive is enough', async () => {
    const blind = probe({ commandLine: () => Promise.resolve(null), startMark: () => Promise.resolve(null) });
    expect(await judgeLock(owner({ procStart: '100' }), blind)).toMatchObject({ live: true });
  });

  test('a dead pid, a reused pid or a pid now running another program: stale', async () => {
    expect(await judgeLock(owner(), probe({ isRunning: () => Promise.resolve(false) }))).toEqual({ live: false, why: 'pid 4242 is no longer running' });
    expect(await judgeLock(owner({ procStart: '99' }), probe({}))).toEqual({ live: false, why: 'pid 4242 now belongs to a newer process' });
    expect(await judgeLock(owner(), probe({ commandLine: () => Promise.resolve(['/usr/bin/vim', 'notes']) }))).toEqual({
      live: false,
      why: 'pid 4242 now runs vim',
    });
  });
});
