import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { classifyClusterFolder, ensureWritableDataDir, folderProblem, markerFile, readFolderFacts } from './folder-check';

const complete = ['PG_VERSION', 'base', 'global', 'postgresql.conf', markerFile];

describe('classifyClusterFolder', () => {
  test('a missing or empty folder is new', () => {
    expect(classifyClusterFolder({ entries: null, pgVersion: null }, '18')).toEqual({ kind: 'new' });
    expect(classifyClusterFolder({ entries: [], pgVersion: null }, '18')).toEqual({ kind: 'new' });
  });

  test('a complete folder of our major version is initialised', () => {
    expect(classifyClusterFolder({ entries: complete, pgVersion: '18' }, '18')).toEqual({ kind: 'initialised', major: '18' });
  });

  test('another major version wins over a missing marker', () => {
    expect(classifyClusterFolder({ entries: ['PG_VERSION', 'base'], pgVersion: '15' }, '18')).toEqual({ kind: 'other-version', major: '15' });
  });

  test('leftovers without PG_VERSION or without the marker are half-initialised', () => {
    expect(classifyClusterFolder({ entries: ['base', 'global'], pgVersion: null }, '18')).toEqual({ kind: 'half-initialised', missing: 'PG_VERSION' });
    expect(classifyClusterFolder({ entries: ['PG_VERSION', 'base'], pgVersion: '18' }, '18')).toEqual({ kind: 'half-initialised', missing: markerFile });
  });
});

describe('folderProblem', () => {
  test('usable folders have no problem', () => {
    expect(folderProblem({ kind: 'new' }, '/d/pg', '18')).toBeNull();
    expect(folderProblem({ kind: 'initialised', major: '18' }, '/d/pg', '18')).toBeNull();
  });

  test('another version names both versions, the way out and that nothing was deleted', () => {
    const message = folderProblem({ kind: 'other-version', major: '15' }, '/d/pg', '18');
    expect(message).toBe(
      'The data folder /d/pg was made by PostgreSQL 15; this Tickdesk bundles PostgreSQL 18. Upgrade it with pg_upgrade or choose another --data-dir; nothing was deleted.',
    );
  });

  test('half-initialised says to move the folder aside', () => {
    const message = folderProblem({ kind: 'half-initialised', missing: markerFile }, '/d/pg', '18');
    expect(message).toMatch(/\/d\/pg looks half-initialised \(tickdesk-initialised is missing\)/);
    expect(message).toMatch(/move it aside/);
    expect(message).toMatch(/nothing was deleted/);
  });
});

describe('on disk', () => {
  const made: string[] = [];
  afterAll(async () => {
    for (const dir of made) await rm(dir, { recursive: true, force: true });
  });

  test('readFolderFacts reads entries and PG_VERSION', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tickdesk-facts-'));
    made.push(dir);
    expect(await readFolderFacts(join(dir, 'absent'))).toEqual({ entries: null, pgVersion: null });
    await writeFile(join(dir, 'PG_VERSION'), '16\n');
    expect(await readFolderFacts(dir)).toEqual({ entries: ['PG_VERSION'], pgVersion: '16' });
  });

  test('ensureWritableDataDir creates the folder and leaves no probe behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tickdesk-writable-'));
    made.push(dir);
    await ensureWritableDataDir(join(dir, 'a', 'b'));
    expect(await readdir(join(dir, 'a', 'b'))).toEqual([]);
  });

  test('an unusable data folder fails with a sentence naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tickdesk-unwritable-'));
    made.push(dir);
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    await expect(ensureWritableDataDir(join(file, 'data'))).rejects.toThrow(
      `Tickdesk cannot write to its data folder ${join(file, 'data')} (ENOTDIR); choose a writable folder with --data-dir or TICKDESK_HOME.`,
    );
    await expect(ensureWritableDataDir(file)).rejects.toThrow(/cannot write to its data folder .* \((EEXIST|ENOTDIR)\)/);
  });
});
