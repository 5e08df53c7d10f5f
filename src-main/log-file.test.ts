import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createLogger } from './log';
import { LOG_FILE_NAME, openLogFile } from './log-file';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tickdesk-logs-'));
  dirs.push(dir);
  return dir;
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');

describe('the log file', () => {
  test('buffers lines and appends them later, in order, in a folder it creates', async () => {
    const dir = join(await tempDir(), 'logs');
    const file = openLogFile({ dir, flushMs: 10_000 });
    file.write('{"n":1}');
    file.write('{"n":2}');
    // Nothing touched the disk on the write itself.
    expect(existsSync(file.path)).toBe(false);
    await file.flush();
    expect(lines(file.path)).toEqual(['{"n":1}', '{"n":2}']);
    file.write('{"n":3}');
    await file.flush();
    expect(lines(file.path)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
  });

  test('flushes by itself after flushMs', async () => {
    const file = openLogFile({ dir: await tempDir(), flushMs: 5 });
    file.write('{"late":true}');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lines(file.path)).toEqual(['{"late":true}']);
  });

  test('rotates at maxBytes and keeps `keep` files, the newest lines last', async () => {
    const dir = await tempDir();
    const file = openLogFile({ dir, maxBytes: 200, keep: 3, flushMs: 10_000 });
    for (let i = 0; i < 60; i++) {
      file.write(JSON.stringify({ i, pad: 'x'.repeat(20) }));
      // Flushing line by line makes each append small, so rotation happens at the boundary.
      await file.flush();
    }
    expect((await readdir(dir)).sort()).toEqual([LOG_FILE_NAME, `${LOG_FILE_NAME}.1`, `${LOG_FILE_NAME}.2`]);
    for (const name of await readdir(dir)) expect(readFileSync(join(dir, name)).length).toBeLessThanOrEqual(200);
    const kept = [`${LOG_FILE_NAME}.2`, `${LOG_FILE_NAME}.1`, LOG_FILE_NAME].flatMap((name) => lines(join(dir, name))).map((line) => (JSON.parse(line) as { i: number }).i);
    // Consecutive and ending with the last line: only the oldest went.
    expect(kept.at(-1)).toBe(59);
    expect(kept).toEqual(kept.map((_, k) => 59 - (kept.length - 1) + k));
    expect(kept.length).toBeLessThan(60);
  });

  test('tail reads the last lines across the rotated file', async () => {
    const dir = await tempDir();
    const file = openLogFile({ dir, maxBytes: 300, keep: 2, flushMs: 10_000 });
    for (let i = 0; i < 12; i++) {
      file.write(JSON.stringify({ i, pad: 'y'.repeat(30) }));
      await file.flush();
    }
    const tail = (await file.tail(8)).map((line) => (JSON.parse(line) as { i: number }).i);
    expect(tail).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(lines(file.path).length).toBeLessThan(8);
  });

  test('flushSync writes what is queued at once (process exit)', async () => {
    const file = openLogFile({ dir: await tempDir(), flushMs: 10_000 });
    file.write('{"first":1}');
    await file.flush();
    file.write('{"at":"exit"}');
    file.flushSync();
    expect(lines(file.path)).toEqual(['{"first":1}', '{"at":"exit"}']);
  });

  test('a slow disk costs the oldest queued lines, never memory without bound, and says so', async () => {
    const file = openLogFile({ dir: await tempDir(), flushMs: 10_000, maxQueuedBytes: 100 });
    for (let i = 0; i < 20; i++) file.write(JSON.stringify({ i, pad: 'z'.repeat(10) }));
    await file.flush();
    const written = lines(file.path);
    const notice = JSON.parse(written[0] ?? '{}') as { msg?: string; count?: number };
    expect(notice.msg).toBe('log lines dropped while the disk was slow');
    const kept = written.slice(1).map((line) => (JSON.parse(line) as { i: number }).i);
    expect(kept.at(-1)).toBe(19);
    expect(notice.count).toBe(20 - kept.length);
  });

  test('an unwritable folder warns once and never throws', async () => {
    const parent = await tempDir();
    const blocker = join(parent, 'not-a-folder');
    await writeFile(blocker, '');
    const warnings: string[] = [];
    const file = openLogFile({ dir: join(blocker, 'logs'), flushMs: 10_000, warn: (message) => warnings.push(message) });
    file.write('{"a":1}');
    await file.flush();
    file.write('{"a":2}');
    await file.flush();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot write the log file/);
  });

  test('the logger hands the file the same redacted line it prints', async () => {
    const file = openLogFile({ dir: await tempDir(), flushMs: 10_000 });
    const printed: string[] = [];
    const log = createLogger({ level: 'info', write: (line) => printed.push(line), sink: (line) => file.write(line) }).child({ part: 'kite' });
    log.info('logged in', { accessToken: 'tok-SECRET-123', apiKey: 'key-SECRET-456', token: 408065 });
    await file.flush();
    const written = lines(file.path);
    expect(written).toEqual(printed);
    expect(written[0]).not.toContain('SECRET');
    expect(JSON.parse(written[0] ?? '{}')).toMatchObject({ msg: 'logged in', part: 'kite', accessToken: '[redacted]', token: 408065 });
  });
});
