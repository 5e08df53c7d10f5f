import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, test } from 'vitest';
import { isPostmasterOf, stopForeignPostmaster } from './orphan-postmaster';
import { isProcessAlive } from './postmaster-pid';

describe('isPostmasterOf', () => {
  const cluster = '/data/tickdesk/pg';

  test('the postmaster we launch, or one pg_ctl launched, on this cluster', () => {
    expect(isPostmasterOf(['/opt/pg/bin/postgres', '-D', cluster, '-p', '5432'], [cluster])).toBe(true);
    expect(isPostmasterOf(['postgres', `-D${cluster}/`], [cluster])).toBe(true);
    expect(isPostmasterOf(['C:\\pg\\bin\\postgres.exe', '-D', cluster], [cluster])).toBe(true);
    expect(isPostmasterOf(['/opt/pg/bin/postgres', '-D', '/real/pg'], [cluster, '/real/pg'])).toBe(true);
  });

  test('another cluster, another program, or a pid reused by something else: no', () => {
    expect(isPostmasterOf(['/opt/pg/bin/postgres', '-D', '/data/other/pg'], [cluster])).toBe(false);
    expect(isPostmasterOf(['/usr/bin/node', 'postgres', '-D', cluster], [cluster])).toBe(false);
    expect(isPostmasterOf(['/opt/pg/bin/postgres'], [cluster])).toBe(false);
    expect(isPostmasterOf([], [cluster])).toBe(false);
  });
});

describe('stopForeignPostmaster', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  /** A stand-in postmaster that says when its signal handlers are in place. */
  async function standIn(script: string): Promise<{ pid: number; exit: Promise<[number | null, NodeJS.Signals | null]> }> {
    const child = spawn(process.execPath, ['-e', `${script}; setInterval(() => {}, 1000); console.log('ready')`], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(child);
    const exit = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    await once(child.stdout, 'data');
    return { pid: child.pid ?? 0, exit };
  }

  test('one that honours SIGINT stops with a fast shutdown', async () => {
    const { pid, exit } = await standIn("process.on('SIGINT', () => process.exit(0))");
    expect(await stopForeignPostmaster(pid, 2_000)).toBe('fast');
    // It is gone (at most a zombie until its parent, this test, reaps it).
    expect(await exit).toEqual([0, null]);
    expect(isProcessAlive(pid)).toBe(false);
  });

  test('one that ignores SIGINT gets SIGQUIT after the timeout', async () => {
    const { pid, exit } = await standIn("process.on('SIGINT', () => {})");
    const started = performance.now();
    expect(await stopForeignPostmaster(pid, 300)).toBe('immediate');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(await exit).toEqual([null, 'SIGQUIT']);
  });

  test('one that is already gone needs nothing', async () => {
    const { pid, exit } = await standIn('');
    children.pop()?.kill('SIGKILL');
    await exit;
    expect(await stopForeignPostmaster(pid, 300)).toBe('fast');
  });
});
