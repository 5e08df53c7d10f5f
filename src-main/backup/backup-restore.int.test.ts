import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatabaseService } from '../db/database';
import type { DatabaseService } from '../db/service';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import { testLogger } from '../testing/kits/logger';
import { createBackup, type CreatedBackup } from './create-backup';
import { listBackups } from './list-backups';
import { stageRestore } from './stage-restore';
import { startLedgerWriter } from '../testing/kits/ledger-writer';
import { verifyBackup } from './verify-backup';
import { applyPendingRestore } from './apply-restore';

const log = testLogger();

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  return client;
}

async function eventIdsUpTo(url: string, bound: number): Promise<number[]> {
  const client = await connect(url);
  try {
    const result = await client.query<{ event_id: string }>('SELECT event_id FROM order_events WHERE event_id <= $1 ORDER BY event_id', [bound]);
    return result.rows.map((row) => Number(row.event_id));
  } finally {
    await client.end();
  }
}

let source: TestDatabase;
let backup: CreatedBackup;
let committedAtStart = 0;
let committedBeforeStop = 0;
let roundsDuringBackup = 0;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  source = await startTestDatabase();
  const url = source.service.connectionUrl();
  const writer = await startLedgerWriter(url);
  try {
    await writer.waitForRounds(20);
    let roundsAtStart = 0;
    backup = await createBackup({
      dataDir: source.dataDir,
      label: 'during ingestion',
      log,
      connect: () => connect(url),
      hooks: {
        async afterStart() {
          committedAtStart = writer.committed;
          roundsAtStart = writer.rounds;
          // Make the copy span WAL switches and a checkpoint while writes go on:
          // without the backup's slot pinning the WAL, the start segment could be recycled.
          const admin = await connect(url);
          try {
            for (let i = 0; i < 3; i++) {
              await writer.waitForRounds(10);
              await admin.query('SELECT pg_switch_wal()');
            }
            await admin.query('CHECKPOINT');
          } finally {
            await admin.end();
          }
        },
        async beforeStop() {
          await writer.waitForRounds(10);
          committedBeforeStop = writer.committed;
          roundsDuringBackup = writer.rounds - roundsAtStart;
        },
      },
    });
    // The ledger keeps growing after the backup: none of that may appear in the restore.
    await writer.waitForRounds(20);
  } finally {
    await writer.stop();
  }
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await source?.cleanup();
});

describe('a backup taken during ingestion', () => {
  test('is listed complete, with WAL from its start to its stop, and no partial folder', async () => {
    expect(roundsDuringBackup).toBeGreaterThanOrEqual(40);
    expect(backup.manifest.walFiles.length).toBeGreaterThanOrEqual(4);
    const names = await readdir(join(source.dataDir, 'backups'));
    expect(names).toEqual([backup.manifest.id]);
    const listing = await listBackups(source.dataDir);
    expect(listing.backups.map((entry) => entry.id)).toEqual([backup.manifest.id]);
    expect(listing.backups[0]?.schemaVersion).toBe(source.service.status().schemaVersion);
    const paths = backup.manifest.files.map((file) => file.path);
    expect(paths).toContain('pg/backup_label');
    expect(paths).toContain('pg-password');
    expect(paths.some((path) => path.startsWith('pg/pg_stat_tmp/') || path === 'pg/postmaster.pid')).toBe(false);
  });

  test('verifies, deep: a throwaway server recovers a copy and counts the ledger', async () => {
    const verification = await verifyBackup({ backupDir: backup.dir, manifest: backup.manifest, deep: true, log });
    expect(verification.problems).toEqual([]);
    expect(verification.ok).toBe(true);
    expect(verification.orderEvents).toBeGreaterThanOrEqual((await eventIdsUpTo(source.service.connectionUrl(), committedBeforeStop)).length);
    expect((await listBackups(source.dataDir)).backups[0]?.verification?.deep).toBe(true);
  });

  test('restores into a fresh folder with every ledger event committed before the backup ended', async () => {
    const target = await mkdtemp(join(tmpdir(), 'tickdesk-restore-'));
    cleanups.push(() => rm(target, { recursive: true, force: true }));
    const pending = await stageRestore({ backupDir: backup.dir, manifest: backup.manifest, dataDir: target, log });
    expect(pending.backupId).toBe(backup.manifest.id);

    const restored: DatabaseService = createDatabaseService({ dataDir: target, port: null, beforeLaunch: applyPendingRestore }, log);
    cleanups.push(() => restored.stop());
    await restored.start();
    const restoredUrl = restored.connectionUrl();

    const expected = await eventIdsUpTo(source.service.connectionUrl(), committedBeforeStop);
    expect(expected.length).toBeGreaterThan(0);
    expect(committedAtStart).toBeLessThan(committedBeforeStop);
    expect(await eventIdsUpTo(restoredUrl, committedBeforeStop)).toEqual(expected);

    const client = await connect(restoredUrl);
    try {
      // Consistency: the server left recovery, and an index scan agrees with a full scan.
      expect((await client.query('SELECT pg_is_in_recovery() AS r')).rows[0]).toEqual({ r: false });
      const seq = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM order_events');
      await client.query('SET enable_seqscan = off');
      const indexed = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM order_events WHERE event_id > 0');
      expect(indexed.rows[0]?.n).toBe(seq.rows[0]?.n);
      await client.query('RESET enable_seqscan');
      // Every page of the ticks is read: a torn page would fail its checksum here.
      const ticks = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM market_ticks');
      expect(Number(ticks.rows[0]?.n)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });
});
