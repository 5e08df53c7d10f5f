import { execFile } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import { testLogger } from '../testing/kits/logger';
import { diskFullMessage } from './backup-errors';
import { createBackup } from './create-backup';
import { CancelledError, openDiskSink, type OpenSink } from './file-copy';

const log = testLogger();
const exec = promisify(execFile);
let db: TestDatabase;
let url: string;

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** What a failed backup must not leave on the server: the temporary slot pinning its WAL. */
async function slotsLeft(): Promise<number> {
  const client = await connect();
  try {
    const slots = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM pg_replication_slots');
    return Number(slots.rows[0]?.n);
  } finally {
    await client.end();
  }
}

/** A sink that accepts `limit` bytes in all, then fails like a full disk. */
function fillingSink(limit: number): OpenSink {
  let written = 0;
  return async (path) => {
    const real = await openDiskSink(path);
    return {
      async write(chunk) {
        written += chunk.length;
        if (written > limit) throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28 });
        await real.write(chunk);
      },
      close: () => real.close(),
      abort: () => real.abort(),
    };
  };
}

const backupsOf = async (dataDir: string) => readdir(join(dataDir, 'backups')).catch(() => []);

beforeAll(async () => {
  db = await startTestDatabase();
  url = db.service.connectionUrl();
});

afterAll(async () => {
  await db?.cleanup();
});

describe('a backup that cannot finish leaves nothing behind', () => {
  test('a full disk (injected) half-way: the sentence, no folder, the server out of backup mode', async () => {
    const error = await createBackup({ dataDir: db.dataDir, label: 'full', connect, log, openSink: fillingSink(5 * 1024 * 1024) }).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(diskFullMessage);
    expect(await backupsOf(db.dataDir)).toEqual([]);
    // The session ended, so the server dropped the temporary slot and aborted its backup.
    await expect.poll(slotsLeft).toBe(0);
    // And a backup right after works: the server is not stuck in backup mode.
    const next = await createBackup({ dataDir: db.dataDir, label: 'after full', connect, log });
    expect(await backupsOf(db.dataDir)).toEqual([next.manifest.id]);
  });

  test('a full disk while writing the manifest (the very last file) leaves nothing either', async () => {
    const before = await backupsOf(db.dataDir);
    const manifestFails: OpenSink = async (path) => {
      if (path.endsWith('manifest.json')) throw Object.assign(new Error('ENOSPC: no space left on device, open'), { code: 'ENOSPC' });
      return openDiskSink(path);
    };
    await expect(createBackup({ dataDir: db.dataDir, label: 'late', connect, log, openSink: manifestFails })).rejects.toThrow(diskFullMessage);
    expect(await backupsOf(db.dataDir)).toEqual(before);
  });

  test('cancelled half-way: a CancelledError, no folder, no slot', async () => {
    const before = await backupsOf(db.dataDir);
    const abort = new AbortController();
    const outcome = createBackup({
      dataDir: db.dataDir,
      label: 'cancel me',
      connect,
      log,
      signal: abort.signal,
      onProgress: (update) => {
        if (update.filesDone >= 100) abort.abort();
      },
    });
    await expect(outcome).rejects.toBeInstanceOf(CancelledError);
    expect(await backupsOf(db.dataDir)).toEqual(before);
    await expect.poll(slotsLeft).toBe(0);
  });

  test('a real full disk: a 20 MB tmpfs as the backups folder', async (context) => {
    const backupsDir = join(db.dataDir, 'backups');
    await mkdir(backupsDir, { recursive: true });
    const before = await backupsOf(db.dataDir);
    const mountPoint = join(db.dataDir, 'small-disk');
    await mkdir(mountPoint);
    try {
      await exec('mount', ['-t', 'tmpfs', '-o', 'size=20m', 'tmpfs', mountPoint]);
    } catch (error) {
      context.skip(`mounting a tmpfs is not permitted here (${(error as Error).message.split('\n')[0]}); the injected full disk above covers the same path`);
      return;
    }
    // A second data folder whose backups go to the small disk, pointing at the same live cluster.
    const smallDataDir = join(db.dataDir, 'small-data');
    await mkdir(smallDataDir);
    try {
      await exec('ln', ['-s', join(db.dataDir, 'pg'), join(smallDataDir, 'pg')]);
      await exec('ln', ['-s', join(db.dataDir, 'pg-password'), join(smallDataDir, 'pg-password')]);
      await exec('ln', ['-s', mountPoint, join(smallDataDir, 'backups')]);
      const error = await createBackup({ dataDir: smallDataDir, label: 'tmpfs', connect, log }).catch((caught: unknown) => caught);
      expect((error as Error).message).toBe(diskFullMessage);
      expect(await readdir(mountPoint)).toEqual([]);
      expect(await backupsOf(db.dataDir)).toEqual(before);
    } finally {
      await exec('umount', [mountPoint]);
    }
  });
});
