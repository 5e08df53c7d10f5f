import { createServer, type Server } from 'node:net';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DbStatus } from '../../src-shared/domain/db-status';
import { findFreePort } from './port';
import { isProcessAlive } from './postmaster-pid';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';

/**
 * The supervisor's limits, on one server with a fixed port and a short,
 * small restart budget: it gives up with a reason instead of looping forever,
 * and stop() cuts a pending restart short.
 */
let db: TestDatabase;
let port: number;

async function waitForState(state: DbStatus['state'], timeoutMs = 10_000): Promise<DbStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = db.service.status();
    if (status.state === state) return status;
    if (Date.now() > deadline) throw new Error(`state ${state} not reached within ${timeoutMs} ms (now ${status.state})`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function occupy(target: number): Promise<Server> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const server = createServer((socket) => socket.destroy());
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen({ host: '127.0.0.1', port: target, exclusive: true }, () => resolve(true));
    });
    if (bound) return server;
    if (Date.now() > deadline) throw new Error(`could not occupy port ${target}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  port = await findFreePort();
  db = await startTestDatabase({
    migrate: false,
    service: { port, restartPolicy: { baseDelayMs: 300, maxDelayMs: 300, maxFailures: 2, windowMs: 60_000 } },
  });
});

afterAll(async () => {
  await db?.cleanup();
});

describe('restart budget', () => {
  test('a server that cannot come back ends in failed, with the last reason', async () => {
    const pid = db.service.status().pid ?? 0;
    process.kill(pid, 'SIGKILL');
    await waitForState('restarting');
    // Take the port while the supervisor waits, so every restart fails.
    const blocker = await occupy(port);
    try {
      const failed = await waitForState('failed');
      expect(failed.reason).toBe(
        `PostgreSQL kept stopping (3 times in a short while; last: PostgreSQL cannot listen on port ${port}: port ${port} is in use by another program; stop that program or choose another database port.); restart Tickdesk and check the log for the cause.`,
      );
      expect(failed.pid).toBeNull();
      expect(() => db.service.kysely()).toThrow(/^Tickdesk's database failed: PostgreSQL kept stopping/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  test('start() after failed brings it back', async () => {
    await db.service.start();
    expect(db.service.status()).toMatchObject({ state: 'ready', port, reason: null });
  });
});

describe('stop during a restart', () => {
  test('cuts the backoff short and leaves no server behind', async () => {
    const pid = db.service.status().pid ?? 0;
    process.kill(pid, 'SIGKILL');
    await waitForState('restarting');
    const started = performance.now();
    await db.service.stop();
    expect(performance.now() - started).toBeLessThan(250);
    expect(db.service.status()).toMatchObject({ state: 'stopped', pid: null });
    // Nothing was started after the kill: the lock file left by the killed
    // server is still there for PostgreSQL to judge next time (we never delete it).
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(db.service.status().state).toBe('stopped');
    expect(isProcessAlive(pid)).toBe(false);
    expect(await readdir(join(db.dataDir, 'pg'))).toContain('postmaster.pid');
  });

  test('the folder with the stale lock file starts again', async () => {
    await db.service.start();
    expect(db.service.status().state).toBe('ready');
  });
});
