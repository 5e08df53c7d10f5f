import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { silentLogger } from '../log';
import { BackupFailure, cleanUpAfter, diskFullMessage, isDiskFull } from './backup-errors';
import { CancelledError } from './file-copy';
import { removeAbandonedPartials } from './fs-util';
import { ProgressCounter, throttleProgress, type ProgressUpdate } from './progress';

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tickdesk-backup-unit-'));
  made.push(dir);
  return dir;
}

describe('progress', () => {
  test('bytes never run past the total, even when a file grew while copied', () => {
    const seen: ProgressUpdate[] = [];
    const counter = new ProgressCounter((update) => seen.push(update));
    counter.addTotal(100, 2);
    counter.bytes(80);
    counter.bytes(40);
    expect(counter.state).toMatchObject({ bytesDone: 120, bytesTotal: 120 });
    expect(seen.every((update) => update.bytesDone <= update.bytesTotal)).toBe(true);
  });

  test('the throttle drops repeats within the interval but never a phase change', () => {
    let clock = 0;
    const pushed: string[] = [];
    const push = throttleProgress((update) => pushed.push(`${update.phase}:${update.bytesDone}`), 200, () => clock);
    const at = (phase: ProgressUpdate['phase'], bytesDone: number) => ({ phase, bytesDone, bytesTotal: 10, filesDone: 0, filesTotal: 1, message: null });
    push(at('copying', 1));
    clock = 50;
    push(at('copying', 2));
    push(at('wal', 3));
    clock = 300;
    push(at('wal', 4));
    push(at('done', 10));
    expect(pushed).toEqual(['copying:1', 'wal:3', 'wal:4', 'done:10']);
  });
});

describe('failure sentences', () => {
  test('a full disk is recognised through causes, and named once the leftovers are gone', async () => {
    const dir = await tempDir();
    const partial = join(dir, 'x.partial');
    await mkdir(partial);
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(isDiskFull(new Error('wrapped', { cause: enospc }))).toBe(true);
    const error = await cleanUpAfter(enospc, [partial], { failed: 'The backup failed', diskFull: diskFullMessage }, silentLogger);
    expect(error).toBeInstanceOf(BackupFailure);
    expect(error.message).toBe('The disk is full: the backup was not written; nothing was left behind.');
    expect(await readdir(dir)).toEqual([]);
  });

  test('other failures keep the cause; a cancel stays a cancel', async () => {
    const failed = await cleanUpAfter(new Error('connection terminated'), [], { failed: 'The backup failed', diskFull: diskFullMessage }, silentLogger);
    expect(failed.message).toBe('The backup failed (connection terminated); nothing was left behind.');
    const cancelled = new CancelledError();
    expect(await cleanUpAfter(cancelled, [], { failed: 'x', diskFull: diskFullMessage }, silentLogger)).toBe(cancelled);
  });
});

describe('abandoned partial backups', () => {
  test('removes those of a dead writer (or none recorded), keeps a live one and complete backups', async () => {
    const dir = await tempDir();
    const write = async (name: string, owner: unknown) => {
      await mkdir(join(dir, name));
      if (owner !== undefined) await writeFile(join(dir, name, '.owner'), JSON.stringify(owner));
    };
    await write('20261120T040000Z-dead.partial', { pid: 2 ** 22 + 12345 });
    await write('20261120T040001Z-unknown.partial', undefined);
    await write('20261120T040002Z-live.partial', { pid: process.ppid });
    await write('20261120T040003Z-complete', undefined);
    const removed = await removeAbandonedPartials(dir, silentLogger);
    expect(removed.map((path) => path.slice(dir.length + 1)).sort()).toEqual(['20261120T040000Z-dead.partial', '20261120T040001Z-unknown.partial']);
    expect((await readdir(dir)).sort()).toEqual(['20261120T040002Z-live.partial', '20261120T040003Z-complete']);
  });
});
