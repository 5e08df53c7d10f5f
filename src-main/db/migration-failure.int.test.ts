import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatabaseService } from './database';
import type { MigrationSources } from './migrator';
import type { Database } from './schema';
import { testLogger } from '../testing/kits/logger';

/**
 * One data folder, started several times with different migration sets: a
 * failing batch must leave the database exactly as it was.
 */
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tickdesk-migrate-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function withService<T>(migrations: MigrationSources | false, use: (db: Kysely<Database>) => Promise<T>): Promise<{ value: T; schemaVersion: string | null }> {
  const service = createDatabaseService({ dataDir, port: null, migrations }, testLogger());
  await service.start();
  try {
    return { value: await use(service.kysely()), schemaVersion: service.status().schemaVersion };
  } finally {
    await service.stop();
  }
}

async function tablesPresent(db: Kysely<Database>): Promise<Record<string, boolean>> {
  const result = await sql<{ a: boolean; b: boolean; c: boolean; applied: string }>`
    SELECT to_regclass('a') IS NOT NULL AS a, to_regclass('b') IS NOT NULL AS b, to_regclass('c') IS NOT NULL AS c,
           (SELECT count(*) FROM kysely_migration)::text AS applied`.execute(db);
  const row = result.rows[0];
  return { a: row?.a ?? false, b: row?.b ?? false, c: row?.c ?? false, applied: row?.applied === '0' ? false : true };
}

const good = { '0001_a': 'CREATE TABLE a (x int);\nINSERT INTO a VALUES (1);' };

describe('a failing migration', () => {
  test('fails start() with the migration name and PostgreSQL message, stops the server, status failed', async () => {
    const service = createDatabaseService(
      { dataDir, port: null, migrations: { ...good, '0002_b': 'CREATE TABLE b (x int);\nSELECT * FROM no_such_table;' } },
      testLogger(),
    );
    const expected = 'Migration 0002_b failed: relation "no_such_table" does not exist';
    await expect(service.start()).rejects.toThrow(expected);
    expect(service.status()).toMatchObject({ state: 'failed', reason: expected, pid: null });
    expect(await readdir(join(dataDir, 'pg'))).not.toContain('postmaster.pid');
    await service.stop();
    expect(service.status().state).toBe('failed');
  });

  test('left the database as it was: neither migration of the batch applied', async () => {
    const { value, schemaVersion } = await withService(false, tablesPresent);
    expect(value).toEqual({ a: false, b: false, c: false, applied: false });
    expect(schemaVersion).toBeNull();
  });

  test('once fixed, migrations apply in order and the schema version follows', async () => {
    const first = await withService(good, tablesPresent);
    expect(first.value).toMatchObject({ a: true, b: false });
    expect(first.schemaVersion).toBe('0001_a');
    const second = await withService({ ...good, '0002_c': 'CREATE TABLE c (x int);' }, tablesPresent);
    expect(second.value).toMatchObject({ a: true, c: true });
    expect(second.schemaVersion).toBe('0002_c');
  });
});
