import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { methods } from '../../src-shared/contract';
import type { BackupProgress } from '../../src-shared/contract/domains/backup';
import { ContractError } from '../../src-shared/contract/errors';
import { diskFullMessage } from '../backup/backup-errors';
import { createBackupService, type BackupService } from '../backup/backup-service';
import { openDiskSink, type OpenSink } from '../backup/file-copy';
import { createDatabaseService } from '../db/database';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import { testLogger } from '../testing/kits/logger';
import { backupHandlers } from './backup';
import { applyPendingRestore } from '../backup/apply-restore';

const log = testLogger();
let db: TestDatabase;
let service: BackupService;
let handlers: ReturnType<typeof backupHandlers>;
const events: BackupProgress[] = [];
let failNextWrites = false;
/** Called with each event as it is pushed (after it is recorded). */
let onEvent: (progress: BackupProgress) => void = () => {};

/** Fails like a full disk while `failNextWrites` is set. */
const switchableSink: OpenSink = async (path) => {
  if (failNextWrites) throw Object.assign(new Error('ENOSPC: no space left on device, open'), { code: 'ENOSPC' });
  return openDiskSink(path);
};

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const marker = (n: number) =>
  `INSERT INTO order_events (order_id, client_order_id, seq, event_type, payload, broker) VALUES (gen_random_uuid(), 'marker-${n}', 1, 'INTENT', '{}', 'paper')`;

beforeAll(async () => {
  db = await startTestDatabase();
  service = createBackupService({ dataDir: db.dataDir, connectionUrl: () => db.service.connectionUrl(), log, emit: (progress) => (events.push(progress), onEvent(progress)), openSink: switchableSink });
  handlers = backupHandlers(service);
});

afterAll(async () => {
  await service?.stop();
  await db?.cleanup();
});

describe('backup.* handlers', () => {
  test('the contract refuses an id that is not a backup’s before any handler runs', () => {
    expect(methods['backup.verify'].args.safeParse({ id: '../../etc' }).success).toBe(false);
    expect(methods['backup.create'].args.safeParse({ label: 'a/b' }).success).toBe(false);
  });

  test('create pushes progress up to done, and the backup is listed', async () => {
    await query(db.service.connectionUrl(), marker(1));
    const result = await handlers['backup.create']({ label: 'Before expiry' }, { transport: 'test' });
    if (result.status !== 'completed') throw new Error('expected a completed backup');
    expect(result.backup.id).toMatch(/^\d{8}T\d{6}Z-before-expiry$/);
    const mine = events.filter((event) => event.operation === 'create');
    expect(mine[0]?.phase).toBe('starting');
    const last = mine[mine.length - 1];
    expect(last).toMatchObject({ phase: 'done', bytesDone: last?.bytesTotal, filesDone: last?.filesTotal });
    expect(mine.some((event) => event.phase === 'copying')).toBe(true);
    const list = await handlers['backup.list']({}, { transport: 'test' });
    expect(list.backups.map((backup) => backup.id)).toEqual([result.backup.id]);
    expect(list.running).toBeNull();
  });

  test('one job at a time: a second create while one runs is a CONFLICT', async () => {
    const first = handlers['backup.create']({}, { transport: 'test' });
    await expect(handlers['backup.create']({}, { transport: 'test' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await first).status).toBe('completed');
  });

  test('cancel answers { status: cancelled } and leaves no folder', async () => {
    const before = await readdir(join(db.dataDir, 'backups'));
    events.length = 0;
    let cancelAnswer: unknown = null;
    // Cancelled at the first sign of copying, from inside the event: no race with a fast copy.
    onEvent = (progress) => {
      if (progress.phase === 'copying' && cancelAnswer === null) cancelAnswer = handlers['backup.cancel']({}, { transport: 'test' });
    };
    const running = handlers['backup.create']({ label: 'cancelled' }, { transport: 'test' });
    try {
      expect(await running).toEqual({ status: 'cancelled' });
    } finally {
      onEvent = () => {};
    }
    expect(cancelAnswer).toEqual({ cancelled: true });
    expect(events.at(-1)?.phase).toBe('cancelled');
    expect(await readdir(join(db.dataDir, 'backups'))).toEqual(before);
  });

  test('a full disk answers UNAVAILABLE with the sentence', async () => {
    failNextWrites = true;
    try {
      const error = await Promise.resolve(handlers['backup.create']({}, { transport: 'test' })).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ContractError);
      expect(error).toMatchObject({ code: 'UNAVAILABLE', message: diskFullMessage });
    } finally {
      failNextWrites = false;
    }
    expect(events.at(-1)).toMatchObject({ phase: 'failed', message: diskFullMessage });
  });

  test('verify of an unknown backup is NOT_FOUND', async () => {
    await expect(handlers['backup.verify']({ id: '20200101T000000Z-none', deep: false }, { transport: 'test' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test('restore replaces the database at the next start and keeps the current one', async () => {
    const url = db.service.connectionUrl();
    const backupId = (await handlers['backup.list']({}, { transport: 'test' })).backups.at(-1)?.id ?? '';
    const verified = await handlers['backup.verify']({ id: backupId, deep: false }, { transport: 'test' });
    expect(verified).toMatchObject({ status: 'completed', verification: { ok: true } });
    // Written after the backup: the restored database must not have it.
    await query(url, marker(2));
    const staged = await handlers['backup.restore']({ id: backupId }, { transport: 'test' });
    if (staged.status !== 'staged') throw new Error('expected a staged restore');
    expect((await handlers['backup.list']({}, { transport: 'test' })).pendingRestore).toEqual(staged.pending);

    await db.service.stop();
    const restarted = createDatabaseService({ dataDir: db.dataDir, port: null, beforeLaunch: applyPendingRestore }, log);
    try {
      await restarted.start();
      const markers = await query<{ client_order_id: string }>(restarted.connectionUrl(), "SELECT client_order_id FROM order_events WHERE client_order_id LIKE 'marker-%' ORDER BY 1");
      expect(markers.map((row) => row.client_order_id)).toEqual(['marker-1']);
    } finally {
      await restarted.stop();
    }
    const entries = await readdir(db.dataDir);
    expect(entries).toContain(staged.pending.keepCurrentAs);
    expect(entries).toContain(`${staged.pending.keepCurrentAs}.pg-password`);
    expect(entries.filter((name) => name.startsWith('pg.restore-pending'))).toEqual([]);
    expect(await readFile(join(db.dataDir, staged.pending.keepCurrentAs, 'PG_VERSION'), 'utf8')).toBe('18\n');
    expect((await handlers['backup.list']({}, { transport: 'test' })).pendingRestore).toBeNull();
  });
});
