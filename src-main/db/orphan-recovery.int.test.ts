import { spawnSync } from 'node:child_process';
import { chown, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { createDatabaseService } from './database';
import { lockFileName, parseLockOwner, type LockOwner } from './instance-lock';
import { isProcessAlive } from './postmaster-pid';
import type { DatabaseService } from './service';
import { recordingLogger, testLogger } from '../testing/kits/logger';

/**
 * A Tickdesk killed with SIGKILL leaves its postmaster running and its lock
 * behind. Here "A was killed" is staged in-process: A keeps running, but its
 * lock is made to name a pid that has exited, which is all a successor can see
 * of a killed Tickdesk. The refusals prove a live Tickdesk is never disturbed.
 */
const made: string[] = [];
const services: DatabaseService[] = [];

async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tickdesk-orphan-'));
  made.push(dir);
  return dir;
}

function service(dataDir: string, log = testLogger()): DatabaseService {
  const created = createDatabaseService({ dataDir, port: null, migrations: false }, log);
  services.push(created);
  return created;
}

afterAll(async () => {
  for (const each of services) await each.stop();
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

async function waitFor<T>(probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function readLock(dataDir: string): Promise<LockOwner | null> {
  return parseLockOwner(await readFile(join(dataDir, lockFileName), 'utf8').catch(() => ''));
}

const refusal = (pid: number, dataDir: string) =>
  `Another Tickdesk (pid ${pid}) is already using the data folder ${dataDir}; close it first, or choose another --data-dir.`;

describe('after a Tickdesk was killed, starting again just works', () => {
  test('its orphaned postmaster is stopped with a fast shutdown, and the data is all there', async () => {
    const dataDir = await tempDataDir();
    const first = service(dataDir);
    await first.start();
    const orphanPid = first.status().pid ?? 0;
    await sql`CREATE TABLE before_the_crash (note text NOT NULL)`.execute(first.kysely());
    await sql`INSERT INTO before_the_crash VALUES ('acknowledged')`.execute(first.kysely());

    // "kill -9 of the whole app": its lock now names a process that is gone.
    const lock = await readLock(dataDir);
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(join(dataDir, lockFileName), JSON.stringify({ ...lock, pid: dead }));

    const recorder = recordingLogger();
    const second = service(dataDir, recorder.log);
    await second.start();

    expect(second.status()).toMatchObject({ state: 'ready', reason: null });
    expect(second.status().pid).not.toBe(orphanPid);
    await waitFor(() => !isProcessAlive(orphanPid));
    const rows = await sql<{ note: string }>`SELECT note FROM before_the_crash`.execute(second.kysely());
    expect(rows.rows).toEqual([{ note: 'acknowledged' }]);
    expect(recorder.records()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'warn', msg: 'the previous Tickdesk on this data folder did not exit cleanly; taking the folder over', previousPid: dead }),
        expect.objectContaining({ level: 'warn', msg: `the previous Tickdesk exited without stopping PostgreSQL (pid ${orphanPid}); stopped it with a fast shutdown` }),
      ]),
    );
    const taken = await readLock(dataDir);
    expect(taken?.pid).toBe(process.pid);
    expect(taken?.token).not.toBe(lock?.token);

    // The "dead" Tickdesk was only frozen: it must not fight for the folder.
    const gaveUp = await waitFor(() => (first.status().state === 'failed' ? first.status() : null));
    expect(gaveUp.reason).toBe(
      `Another Tickdesk (pid ${process.pid}) took over the data folder ${dataDir}; this one no longer uses it. Close one of them and start again.`,
    );
    await first.stop();
    expect(await readLock(dataDir)).toEqual(taken);
    const secondPid = second.status().pid;
    expect(second.status()).toMatchObject({ state: 'ready', restarts: 0 });
    expect(secondPid && isProcessAlive(secondPid)).toBe(true);

    await second.stop();
    expect(await readdir(dataDir)).not.toContain(lockFileName);
    expect(await readdir(join(dataDir, 'pg'))).not.toContain('postmaster.pid');
  });
});

describe('a live Tickdesk is never disturbed', () => {
  let liveDir = '';
  let live: DatabaseService;

  test('a second Tickdesk on its folder is refused by the lock, and its server keeps running', async () => {
    liveDir = await tempDataDir();
    live = service(liveDir);
    await live.start();
    const running = live.status();
    const lockBefore = await readLock(liveDir);

    const second = service(liveDir);
    await expect(second.start()).rejects.toThrow(refusal(process.pid, liveDir));
    expect(second.status()).toMatchObject({ state: 'failed', reason: refusal(process.pid, liveDir) });
    await second.stop();

    expect(live.status()).toMatchObject({ state: 'ready', pid: running.pid });
    expect(running.pid && isProcessAlive(running.pid)).toBe(true);
    expect(await readLock(liveDir)).toEqual(lockBefore);
    const still = await sql<{ one: number }>`SELECT 1 AS one`.execute(live.kysely());
    expect(still.rows[0]?.one).toBe(1);
  });

  test('a postmaster.pid naming a server we cannot tell is ours is left alone and explained', async () => {
    // A folder copied while another server ran: its postmaster.pid names that live server.
    const copyDir = await tempDataDir();
    const recorder = recordingLogger();
    const copy = service(copyDir, recorder.log);
    await copy.start();
    await copy.stop();
    const cluster = join(copyDir, 'pg');
    const owner = await stat(cluster);
    const pidFile = join(cluster, 'postmaster.pid');
    await writeFile(pidFile, await readFile(join(liveDir, 'pg', 'postmaster.pid'), 'utf8'));
    await chown(pidFile, owner.uid, owner.gid);
    const livePid = live.status().pid ?? 0;

    await expect(copy.start()).rejects.toThrow(
      `Another PostgreSQL (pid ${livePid}) is already running on the data folder ${cluster}, probably another Tickdesk or one that did not shut down; close it (or kill -INT ${livePid}) and start again.`,
    );
    await copy.stop();
    expect(recorder.records()).toContainEqual(
      expect.objectContaining({ msg: "postmaster.pid names a running process that is not recognisably this folder's PostgreSQL; leaving it alone", pid: livePid }),
    );
    expect(live.status()).toMatchObject({ state: 'ready', pid: livePid });
    expect(isProcessAlive(livePid)).toBe(true);
    await live.stop();
  });
});
