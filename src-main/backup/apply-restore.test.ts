import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { silentLogger } from '../log';
import { applyPendingRestore } from './apply-restore';
import { discardPendingRestore, writePendingRestore } from './pending-restore';

let dataDir: string;
const keep = 'pg.before-restore-20261121T100000Z';

async function stage(options: { current: boolean }): Promise<void> {
  if (options.current) {
    await mkdir(join(dataDir, 'pg'));
    await writeFile(join(dataDir, 'pg', 'which'), 'current');
    await writeFile(join(dataDir, 'pg-password'), 'old\n');
  }
  await mkdir(join(dataDir, 'pg.restore-pending'));
  await writeFile(join(dataDir, 'pg.restore-pending', 'which'), 'restored');
  await writeFile(join(dataDir, 'pg.restore-pending.password'), 'new\n');
  await writePendingRestore(dataDir, { backupId: '20261120T040000Z-x', stagedAt: '2026-11-21T10:00:00.000Z', keepCurrentAs: keep, dataDir });
}

const which = (folder: string) => readFile(join(dataDir, folder, 'which'), 'utf8');

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tickdesk-apply-restore-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('applyPendingRestore', () => {
  test('nothing staged: nothing changes', async () => {
    await mkdir(join(dataDir, 'pg'));
    expect(await applyPendingRestore(dataDir, silentLogger)).toBeNull();
    expect(await readdir(dataDir)).toEqual(['pg']);
  });

  test('a staging without its marker (interrupted) is ignored', async () => {
    await stage({ current: true });
    await rm(join(dataDir, 'pg.restore-pending.json'));
    expect(await applyPendingRestore(dataDir, silentLogger)).toBeNull();
    expect(await which('pg')).toBe('current');
  });

  test('moves the current cluster aside with its password and puts the restored one in place', async () => {
    await stage({ current: true });
    expect(await applyPendingRestore(dataDir, silentLogger)).toEqual({ backupId: '20261120T040000Z-x', keptAs: join(dataDir, keep) });
    expect(await which('pg')).toBe('restored');
    expect(await which(keep)).toBe('current');
    expect(await readFile(join(dataDir, 'pg-password'), 'utf8')).toBe('new\n');
    expect(await readFile(join(dataDir, `${keep}.pg-password`), 'utf8')).toBe('old\n');
    expect((await readdir(dataDir)).sort()).toEqual(['pg', 'pg-password', keep, `${keep}.pg-password`].sort());
    // Applied once: the next start changes nothing.
    expect(await applyPendingRestore(dataDir, silentLogger)).toBeNull();
  });

  test('never overwrites an earlier kept cluster of the same name', async () => {
    await mkdir(join(dataDir, keep));
    await stage({ current: true });
    const applied = await applyPendingRestore(dataDir, silentLogger);
    expect(applied?.keptAs).toBe(join(dataDir, `${keep}-2`));
    expect(await which(`${keep}-2`)).toBe('current');
  });

  test('a fresh data folder just receives the restored cluster', async () => {
    await stage({ current: false });
    expect(await applyPendingRestore(dataDir, silentLogger)).toEqual({ backupId: '20261120T040000Z-x', keptAs: null });
    expect(await which('pg')).toBe('restored');
    expect(await readFile(join(dataDir, 'pg-password'), 'utf8')).toBe('new\n');
  });

  test('a start that died after moving the current cluster aside is finished by the next', async () => {
    await stage({ current: true });
    await rename(join(dataDir, 'pg'), join(dataDir, keep));
    expect(await applyPendingRestore(dataDir, silentLogger)).toMatchObject({ keptAs: null });
    expect(await which('pg')).toBe('restored');
    expect(await which(keep)).toBe('current');
    expect(await readFile(join(dataDir, 'pg-password'), 'utf8')).toBe('new\n');
  });

  test('discarding forgets the staging and keeps the current cluster', async () => {
    await stage({ current: true });
    expect(await discardPendingRestore(dataDir)).toBe(true);
    expect(await discardPendingRestore(dataDir)).toBe(false);
    expect((await readdir(dataDir)).sort()).toEqual(['pg', 'pg-password']);
  });

  test('an unreadable marker stops the start with what to do', async () => {
    await stage({ current: true });
    await writeFile(join(dataDir, 'pg.restore-pending.json'), '{');
    await expect(applyPendingRestore(dataDir, silentLogger)).rejects.toThrow(/restore marker .* is unreadable; delete it/);
    expect(await which('pg')).toBe('current');
  });
});
