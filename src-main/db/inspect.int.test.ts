import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { connectionUrlFor, inspectDataDir } from './inspect';
import { bundledMigrations } from './migrator';
import { startTestDatabase } from '../testing/kits/database';

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describe('inspectDataDir without a server', () => {
  test('a folder never used reports nothing running and nothing initialised', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tickdesk-inspect-'));
    made.push(dataDir);
    expect(await inspectDataDir(dataDir)).toEqual({
      running: false,
      version: null,
      port: null,
      pid: null,
      dataDir,
      sizeBytes: null,
      schemaVersion: null,
      initialised: false,
      problem: null,
    });
    await expect(connectionUrlFor(dataDir)).rejects.toThrow("Tickdesk's database is not running; start the app first.");
  });

  test('a folder of another version reports the problem', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tickdesk-inspect-'));
    made.push(dataDir);
    await mkdir(join(dataDir, 'pg'));
    await writeFile(join(dataDir, 'pg', 'PG_VERSION'), '15\n');
    const report = await inspectDataDir(dataDir);
    expect(report).toMatchObject({ running: false, version: '15', initialised: false });
    expect(report.problem).toMatch(/made by PostgreSQL 15; this Tickdesk bundles PostgreSQL 18/);
  });
});

describe('inspectDataDir of a running Tickdesk', () => {
  test('reads the lock file and asks the server, then sees it stopped', async () => {
    const db = await startTestDatabase();
    try {
      const status = db.service.status();
      const names = Object.keys(bundledMigrations);
      const report = await inspectDataDir(db.dataDir);
      expect(report).toMatchObject({
        running: true,
        pid: status.pid,
        port: status.port,
        version: status.version,
        dataDir: db.dataDir,
        schemaVersion: names[names.length - 1],
        initialised: true,
        problem: null,
      });
      expect(report.sizeBytes).toBeGreaterThan(1_000_000);

      const url = await connectionUrlFor(db.dataDir);
      expect(url).toBe(db.service.connectionUrl());
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => {});
      await client.connect();
      expect((await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db).toBe('tickdesk');
      await client.end();

      await db.service.stop();
      expect(await inspectDataDir(db.dataDir)).toMatchObject({ running: false, pid: null, port: null, version: '18', initialised: true, problem: null });
      await expect(connectionUrlFor(db.dataDir)).rejects.toThrow("Tickdesk's database is not running; start the app first.");
    } finally {
      await db.cleanup();
    }
  });
});
