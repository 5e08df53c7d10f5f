import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createDatabaseService } from './database';
import { markerFile } from './folder-check';
import { testLogger } from '../testing/kits/logger';

/** Every file under a folder with its content: "untouched" means this is unchanged. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files[relative(root, path)] = `${(await stat(path)).mode.toString(8)}:${await readFile(path, 'utf8')}`;
    }
  };
  await walk(root);
  return files;
}

const made: string[] = [];
async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tickdesk-refusal-'));
  made.push(dir);
  return dir;
}

afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

async function refusal(dataDir: string, port: number | null = null): Promise<{ message: string; state: string; reason: string | null }> {
  const service = createDatabaseService({ dataDir, port }, testLogger());
  const outcome = await service.start().then(
    () => 'started',
    (error: unknown) => (error as Error).message,
  );
  const { state, reason } = service.status();
  await service.stop();
  return { message: outcome, state, reason };
}

describe('folders Tickdesk must not use', () => {
  test('a cluster of another major version is refused, with what to do, and left untouched', async () => {
    const dataDir = await tempDataDir();
    await mkdir(join(dataDir, 'pg', 'base'), { recursive: true });
    await writeFile(join(dataDir, 'pg', 'PG_VERSION'), '15\n');
    await writeFile(join(dataDir, 'pg', 'base', 'precious'), 'user data');
    await writeFile(join(dataDir, 'pg-password'), 'old\n', { mode: 0o600 });
    const before = await snapshot(dataDir);

    const result = await refusal(dataDir);
    const expected = `The data folder ${join(dataDir, 'pg')} was made by PostgreSQL 15; this Tickdesk bundles PostgreSQL 18. Upgrade it with pg_upgrade or choose another --data-dir; nothing was deleted.`;
    expect(result).toEqual({ message: expected, state: 'failed', reason: expected });
    expect(await snapshot(dataDir)).toEqual(before);
  });

  test('a half-initialised cluster (initdb interrupted) is refused and left untouched', async () => {
    const dataDir = await tempDataDir();
    await mkdir(join(dataDir, 'pg', 'global'), { recursive: true });
    await writeFile(join(dataDir, 'pg', 'PG_VERSION'), '18\n');
    await writeFile(join(dataDir, 'pg', 'global', 'pg_control'), 'half');
    const before = await snapshot(dataDir);

    const result = await refusal(dataDir);
    expect(result.state).toBe('failed');
    expect(result.message).toBe(
      `The data folder ${join(dataDir, 'pg')} looks half-initialised (${markerFile} is missing), probably from an interrupted first start; move it aside (e.g. rename it to pg.broken) and start again; nothing was deleted.`,
    );
    expect(await snapshot(dataDir)).toEqual(before);
  });

  test('leftovers without PG_VERSION are half-initialised too', async () => {
    const dataDir = await tempDataDir();
    await mkdir(join(dataDir, 'pg', 'base'), { recursive: true });
    const result = await refusal(dataDir);
    expect(result.message).toMatch(/looks half-initialised \(PG_VERSION is missing\)/);
  });

  test('an unwritable data folder is one clear sentence', async () => {
    const parent = await tempDataDir();
    const file = join(parent, 'a-file');
    await writeFile(file, 'x');
    const result = await refusal(join(file, 'data'));
    expect(result).toMatchObject({ state: 'failed' });
    expect(result.message).toBe(
      `Tickdesk cannot write to its data folder ${join(file, 'data')} (ENOTDIR); choose a writable folder with --data-dir or TICKDESK_HOME.`,
    );
  });
});

describe('a port in use', () => {
  test('a fixed port that is taken is named in the error, and no server is left running', async () => {
    // Hang up on whoever connects, as a busy foreign service might.
    const blocker: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const dataDir = await tempDataDir();
    try {
      const result = await refusal(dataDir, port);
      expect(result.state).toBe('failed');
      expect(result.message).toBe(
        `PostgreSQL cannot listen on port ${port}: port ${port} is in use by another program; stop that program or choose another database port.`,
      );
      // The cluster was made (first start) and is usable once the port is free.
      expect(await readdir(join(dataDir, 'pg'))).toContain(markerFile);
      expect(await readdir(join(dataDir, 'pg'))).not.toContain('postmaster.pid');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    const service = createDatabaseService({ dataDir, port }, testLogger());
    await service.start();
    expect(service.status()).toMatchObject({ state: 'ready', port });
    await service.stop();
  });
});
