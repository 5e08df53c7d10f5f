import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DbStatus } from '../../src-shared/domain/db-status';
import { dbStatusSchema } from '../../src-shared/domain/db-status';
import { createDatabaseService } from './database';
import { markerFile } from './folder-check';
import { bundledMigrations } from './migrator';
import { passwordFileOf, readPassword } from './password';
import { isProcessAlive } from './postmaster-pid';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import { recordingLogger } from '../testing/kits/logger';

/**
 * One server for the whole file, taken through its life in order: first
 * start, queries, authentication, dropped connections, kill -9, stop, and a
 * warm start of the same folder.
 */
let db: TestDatabase;
let firstStartMs = 0;
const recorder = recordingLogger();
const isRoot = process.getuid?.() === 0;

async function waitFor<T>(probe: () => T | null | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  const started = performance.now();
  db = await startTestDatabase({ log: recorder.log });
  firstStartMs = Math.round(performance.now() - started);
  console.info(`first start (initdb + start + migrate): ${firstStartMs} ms`);
});

afterAll(async () => {
  await db?.cleanup();
});

describe('first start', () => {
  test('initialises, starts and migrates to a ready database', () => {
    const status = dbStatusSchema.parse(db.service.status());
    const names = Object.keys(bundledMigrations);
    expect(status).toMatchObject({ state: 'ready', reason: null, restarts: 0, dataDir: db.dataDir, schemaVersion: names[names.length - 1] });
    expect(status.version).toMatch(/^18\.\d+/);
    expect(status.port).toBeGreaterThan(0);
    expect(status.pid && isProcessAlive(status.pid)).toBe(true);
    expect(status.sizeBytes).toBeGreaterThan(1_000_000);
    expect(status.readySince).not.toBeNull();
    expect(recorder.messages()).toEqual(expect.arrayContaining(['initialised a new PostgreSQL cluster', 'migrations applied', 'database ready']));
  });

  test('lays out the folder: cluster in pg/, private password, marker, our config', async () => {
    expect((await stat(passwordFileOf(db.dataDir))).mode & 0o777).toBe(0o600);
    const cluster = join(db.dataDir, 'pg');
    const entries = await readdir(cluster);
    expect(entries).toEqual(expect.arrayContaining(['PG_VERSION', markerFile, 'tickdesk.conf', 'postmaster.pid']));
    expect(await readFile(join(cluster, 'postgresql.conf'), 'utf8')).toContain("include_if_exists = 'tickdesk.conf'");
    expect(await readFile(join(cluster, 'pg_hba.conf'), 'utf8')).not.toMatch(/\btrust\b/);
    // No initdb password file is left behind in our folder.
    expect((await readdir(db.dataDir)).filter((name) => name.startsWith('.initdb-pw'))).toEqual([]);
    const owner = (await stat(cluster)).uid;
    if (isRoot) {
      expect(owner).not.toBe(0);
      expect((await stat(db.dataDir)).mode & 0o777).toBe(0o711);
    } else {
      expect(owner).toBe(process.getuid?.());
    }
  });

  test('the server runs with our settings', async () => {
    const settings = await sql<{ name: string; setting: string }>`
      SELECT name, setting FROM pg_settings
      WHERE name IN ('listen_addresses', 'synchronous_commit', 'jit', 'shared_preload_libraries', 'data_checksums', 'server_encoding', 'password_encryption')
      ORDER BY name`.execute(db.service.kysely());
    expect(Object.fromEntries(settings.rows.map((row) => [row.name, row.setting]))).toEqual({
      data_checksums: 'on',
      jit: 'off',
      listen_addresses: '127.0.0.1',
      password_encryption: 'scram-sha-256',
      server_encoding: 'UTF8',
      shared_preload_libraries: 'pg_stat_statements',
      synchronous_commit: 'on',
    });
    const database = await sql<{ name: string }>`SELECT current_database() AS name`.execute(db.service.kysely());
    expect(database.rows[0]?.name).toBe('tickdesk');
  });
});

describe('queries', () => {
  test('int8 and numeric come back as exact strings', async () => {
    const result = await sql<{ big: unknown; money: unknown; list: unknown }>`
      SELECT 9007199254740993::int8 AS big, 0.1::numeric + 0.2::numeric AS money, ARRAY[1.10, 2.25]::numeric[] AS list`.execute(db.service.kysely());
    expect(result.rows[0]).toEqual({ big: '9007199254740993', money: '0.3', list: ['1.10', '2.25'] });
  });

  test('connectionUrl() works for an outside client', async () => {
    const url = db.service.connectionUrl();
    expect(url).toBe(`postgresql://tickdesk:${encodeURIComponent(await readPassword(db.dataDir))}@127.0.0.1:${db.service.status().port}/tickdesk`);
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {});
    await client.connect();
    expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    await client.end();
  });
});

describe('authentication', () => {
  const target = () => ({ host: '127.0.0.1', port: db.service.status().port ?? 0, user: 'tickdesk', database: 'tickdesk' });

  async function tryLogin(config: pg.ClientConfig): Promise<string> {
    const client = new pg.Client({ ...config, connectionTimeoutMillis: 3_000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code ?? (error as Error).message;
    } finally {
      await client.end().catch(() => {});
    }
  }

  test('a wrong password is refused by the server (scram-sha-256, no trust)', async () => {
    expect(await tryLogin({ ...target(), password: 'wrong' })).toBe('28P01');
    expect(await tryLogin({ ...target(), user: 'postgres', password: 'wrong' })).toBe('28P01');
  });

  test('no password is refused, over TCP and over the Unix socket', async () => {
    expect(await tryLogin({ ...target() })).toMatch(/password must be a string|SASL/);
    const socketLogin = await tryLogin({ ...target(), host: join(db.dataDir, 'pg'), password: 'wrong' });
    expect(socketLogin).toBe('28P01');
  });

  test('the right password is admitted', async () => {
    expect(await tryLogin({ ...target(), password: await readPassword(db.dataDir) })).toBe('ok');
  });
});

describe('dropped connections', () => {
  test('terminated idle and checked-out clients never crash the process; the pool recovers', async () => {
    const pool = db.service.pool();
    const idle = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
    for (const client of idle) client.release();
    const held = await pool.connect();
    expect(pool.totalCount).toBeGreaterThanOrEqual(3);

    const admin = new pg.Client({ connectionString: db.service.connectionUrl() });
    admin.on('error', () => {});
    await admin.connect();
    const killed = await admin.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'tickdesk' AND pid <> pg_backend_pid()) AS t`,
    );
    await admin.end();
    expect(Number(killed.rows[0]?.n)).toBeGreaterThanOrEqual(3);

    // The held client's next query fails as an error, not as a crash.
    await expect(held.query('SELECT 1')).rejects.toThrow();
    held.release(true);
    await waitFor(() => pool.totalCount === 0, 5_000);
    const after = await sql<{ one: number }>`SELECT 1 AS one`.execute(db.service.kysely());
    expect(after.rows[0]?.one).toBe(1);
  });
});

describe('supervision', () => {
  test('kill -9 of the postmaster: restarting, then ready again within 3 s, data intact', async () => {
    const kysely = db.service.kysely();
    await sql`CREATE TABLE survival (note text NOT NULL)`.execute(kysely);
    await sql`INSERT INTO survival VALUES ('before the crash')`.execute(kysely);
    const seen: DbStatus[] = [];
    const unsubscribe = db.service.onStatus((status) => seen.push(status));
    const before = db.service.status();
    const oldPid = before.pid ?? 0;

    const killedAt = performance.now();
    process.kill(oldPid, 'SIGKILL');
    await waitFor(() => seen.some((status) => status.state === 'ready'), 10_000);
    const recoveredMs = Math.round(performance.now() - killedAt);
    unsubscribe();
    console.info(`recovered from kill -9 in ${recoveredMs} ms`);

    expect(seen[0]).toMatchObject({ state: 'restarting', reason: 'PostgreSQL exited (signal SIGKILL); restarting', pid: null });
    const status = db.service.status();
    expect(status).toMatchObject({ state: 'ready', restarts: 1, port: before.port, reason: null });
    expect(status.pid).not.toBe(oldPid);
    expect(isProcessAlive(oldPid)).toBe(false);
    expect(recoveredMs).toBeLessThan(3_000);
    const rows = await sql<{ note: string }>`SELECT note FROM survival`.execute(db.service.kysely());
    expect(rows.rows).toEqual([{ note: 'before the crash' }]);
  });

  test('while not ready, kysely() says why instead of hanging', async () => {
    const seen: string[] = [];
    const unsubscribe = db.service.onStatus((status) => {
      if (status.state === 'restarting') {
        try {
          db.service.kysely();
          seen.push('no error');
        } catch (error) {
          seen.push(`${(error as { code?: string }).code}: ${(error as Error).message}`);
        }
      }
    });
    process.kill(db.service.status().pid ?? 0, 'SIGKILL');
    await waitFor(() => db.service.status().state === 'ready' && db.service.status().restarts === 2, 10_000);
    unsubscribe();
    expect(seen[0]).toMatch(/^UNAVAILABLE: Tickdesk's database is not available right now \(PostgreSQL exited \(signal SIGKILL\); restarting\); try again/);
  });
});

describe('a second Tickdesk on the same folder', () => {
  test('is refused by the instance lock, naming the Tickdesk that holds it; the server keeps running', async () => {
    const running = db.service.status();
    const second = createDatabaseService({ dataDir: db.dataDir, port: null, migrations: false }, recordingLogger().log);
    // The holder here is this very test process (a node process, so a live Tickdesk).
    await expect(second.start()).rejects.toThrow(
      `Another Tickdesk (pid ${process.pid}) is already using the data folder ${db.dataDir}; close it first, or choose another --data-dir.`,
    );
    await second.stop();
    expect(db.service.status()).toMatchObject({ state: 'ready', pid: running.pid });
    const still = await sql<{ one: number }>`SELECT 1 AS one`.execute(db.service.kysely());
    expect(still.rows[0]?.one).toBe(1);
  });
});

describe('stop and warm start', () => {
  test('stop leaves no server process and is idempotent', async () => {
    const pid = db.service.status().pid ?? 0;
    expect(isProcessAlive(pid)).toBe(true);
    await Promise.all([db.service.stop(), db.service.stop()]);
    expect(isProcessAlive(pid)).toBe(false);
    await db.service.stop();
    expect(db.service.status()).toMatchObject({ state: 'stopped', pid: null, port: null });
    expect((await readdir(join(db.dataDir, 'pg'))).includes('postmaster.pid')).toBe(false);
    expect(() => db.service.kysely()).toThrow(/not running/);
  });

  test('a warm start of the same folder skips initdb and keeps the data', async () => {
    const marker = await readFile(join(db.dataDir, 'pg', markerFile), 'utf8');
    const warm = recordingLogger();
    const service = createDatabaseService({ dataDir: db.dataDir, port: null }, warm.log);
    const started = performance.now();
    await service.start();
    const warmStartMs = Math.round(performance.now() - started);
    console.info(`warm start: ${warmStartMs} ms (first start was ${firstStartMs} ms)`);
    try {
      expect(warm.messages()).not.toContain('initialised a new PostgreSQL cluster');
      expect(await readFile(join(db.dataDir, 'pg', markerFile), 'utf8')).toBe(marker);
      const migrated = warm.records().find((record) => record.msg === 'migrations applied');
      expect(migrated?.applied).toEqual([]);
      const rows = await sql<{ note: string }>`SELECT note FROM survival`.execute(service.kysely());
      expect(rows.rows).toEqual([{ note: 'before the crash' }]);
      expect(service.status().restarts).toBe(0);
      // The same service object can be stopped and started again.
      await service.stop();
      await service.start();
      expect(service.status().state).toBe('ready');
    } finally {
      await service.stop();
    }
  });
});
