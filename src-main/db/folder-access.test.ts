import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { silentLogger } from '../log';
import { ancestorsOf, canTraverse, ensureReachable } from './folder-access';

const postgresUser = { user: 'postgres', uid: 54321, gid: 54321 };

describe('canTraverse', () => {
  test('uses the owner, group or other bits that apply', () => {
    expect(canTraverse({ mode: 0o700, uid: 0, gid: 0 }, postgresUser)).toBe(false);
    expect(canTraverse({ mode: 0o711, uid: 0, gid: 0 }, postgresUser)).toBe(true);
    expect(canTraverse({ mode: 0o750, uid: 0, gid: 54321 }, postgresUser)).toBe(true);
    expect(canTraverse({ mode: 0o701, uid: 0, gid: 54321 }, postgresUser)).toBe(false);
    expect(canTraverse({ mode: 0o100, uid: 54321, gid: 0 }, postgresUser)).toBe(true);
    expect(canTraverse({ mode: 0o000, uid: 1, gid: 1 }, { uid: 0, gid: 0 })).toBe(true);
  });
});

describe('ancestorsOf', () => {
  test('lists the folders above, root first', () => {
    expect(ancestorsOf('/var/lib/tickdesk')).toEqual(['/', '/var', '/var/lib']);
    expect(ancestorsOf('/x')).toEqual(['/']);
  });
});

describe('ensureReachable', () => {
  const made: string[] = [];
  afterAll(async () => {
    for (const dir of made) await rm(dir, { recursive: true, force: true });
  });
  const binaryDir = '/usr/bin';

  test('opens our own 0700 data folder to traversal only (0711)', async () => {
    // mkdtemp makes a 0700 folder, like a fresh data dir made by root.
    const dataDir = await mkdtemp(join(tmpdir(), 'tickdesk-reach-'));
    made.push(dataDir);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    await ensureReachable(dataDir, binaryDir, postgresUser, silentLogger);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o711);
  });

  test('refuses, naming the folder, when an ancestor is closed; the ancestor is left alone', async () => {
    const closed = await mkdtemp(join(tmpdir(), 'tickdesk-closed-'));
    made.push(closed);
    const dataDir = join(closed, 'home', 'tickdesk');
    await mkdir(dataDir, { recursive: true });
    await chmod(join(closed, 'home'), 0o755);
    await expect(ensureReachable(dataDir, binaryDir, postgresUser, silentLogger)).rejects.toThrow(
      `PostgreSQL runs as the "postgres" user (Tickdesk runs as root), which cannot enter ${closed} (mode 0700); put the data somewhere it can reach, e.g. --data-dir /var/lib/tickdesk or TICKDESK_HOME=/var/lib/tickdesk.`,
    );
    expect((await stat(closed)).mode & 0o777).toBe(0o700);
  });

  test('refuses when the bundled programs sit in a closed folder', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tickdesk-reach-'));
    const programs = await mkdtemp(join(tmpdir(), 'tickdesk-programs-'));
    made.push(dataDir, programs);
    await expect(ensureReachable(dataDir, join(programs, 'bin'), postgresUser, silentLogger)).rejects.toThrow(
      /cannot reach the bundled programs in .*tickdesk-programs-.*\/bin because .*tickdesk-programs-\w+ is closed to it \(mode 0700\)/,
    );
  });
});
