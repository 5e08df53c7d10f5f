import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import { readActivity } from './activity';
import { readServerInfo } from './server-info';
import { readStatements, resetStatements } from './statements';
import { readTables } from './table-stats';
import { readWal } from './wal-stats';

let test: TestDatabase;
const pool = () => test.service.pool();

beforeAll(async () => {
  test = await startTestDatabase();
  // A day partition with rows, next to the DEFAULT one the migration made.
  await pool().query(`
    CREATE TABLE market_ticks_20260105 PARTITION OF market_ticks
      FOR VALUES FROM ('2026-01-04 18:30:00+00') TO ('2026-01-05 18:30:00+00')`);
  await pool().query(`
    INSERT INTO market_ticks (token, ts, ltp, received_at)
    SELECT 256265, '2026-01-05 04:00:00+00'::timestamptz + g * interval '1 second', 100.05, now()
    FROM generate_series(1, 500) g`);
  await pool().query('ANALYZE market_ticks');
});

afterAll(async () => {
  await test?.cleanup();
});

describe('server', () => {
  it('reports version, uptime, size and the supervisor’s view', async () => {
    const info = await readServerInfo(pool(), test.service.status());
    expect(info.version).toMatch(/^PostgreSQL 1[0-9]/);
    expect(info.status.pid).toBeGreaterThan(0);
    expect(info.status.restarts).toBe(0);
    expect(Date.parse(info.startedAt)).toBeLessThanOrEqual(Date.parse(info.serverTime));
    expect(info.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(info.uptimeSeconds).toBeLessThan(600);
    expect(info.databaseBytes).toBeGreaterThan(1_000_000);
    expect(info.dataDirectory).toContain(test.dataDir);
    expect(info.clientConnections).toBeGreaterThanOrEqual(1);
    expect(info.maxConnections).toBe(50);
    expect(info.settings.find((s) => s.name === 'shared_preload_libraries')?.value).toContain('pg_stat_statements');
  });
});

describe('tables and partitions', () => {
  it('groups partitions under their parent and sums them there', async () => {
    const { tables } = await readTables(pool());
    const byName = new Map(tables.map((t) => [t.name, t]));
    const parent = byName.get('market_ticks');
    const day = byName.get('market_ticks_20260105');
    const fallback = byName.get('market_ticks_default');
    expect(parent).toMatchObject({ kind: 'partitioned', parent: null, bound: null });
    expect(day).toMatchObject({ kind: 'partition', parent: 'market_ticks', rowEstimate: 500, liveRows: 500 });
    expect(day?.bound).toContain('FOR VALUES FROM');
    expect(fallback).toMatchObject({ kind: 'partition', parent: 'market_ticks', bound: 'DEFAULT' });
    expect(parent?.totalBytes).toBe((day?.totalBytes ?? 0) + (fallback?.totalBytes ?? 0));
    expect(parent?.rowEstimate).toBe(500);
    expect(day?.indexBytes).toBeGreaterThan(0);
    expect(byName.get('strategies')).toMatchObject({ kind: 'table', parent: null });
    expect(byName.get('kysely_migration')).toBeDefined();
  });

  it('lists indexes with size and use', async () => {
    const client = await pool().connect();
    try {
      await client.query('SET enable_seqscan = off');
      await client.query("SELECT * FROM strategies WHERE strategy_id = 'manual'");
      // Cumulative statistics are flushed at most once a second; this makes the next flush immediate.
      await client.query('SELECT pg_stat_force_next_flush()');
      await client.query('RESET enable_seqscan');
    } finally {
      client.release();
    }
    const { indexes } = await readTables(pool());
    const pkey = indexes.find((index) => index.name === 'strategies_pkey');
    expect(pkey).toMatchObject({ table: 'strategies', unique: true, primary: true });
    expect(pkey?.bytes).toBeGreaterThan(0);
    expect(pkey?.definition).toContain('CREATE UNIQUE INDEX strategies_pkey');
    expect(pkey?.scans).toBeGreaterThanOrEqual(1);
    expect(pkey?.lastUsed).not.toBeNull();
    expect(indexes.some((index) => index.table === 'market_ticks_20260105')).toBe(true);
  });
});

describe('connections', () => {
  it('shows client connections first, its own marked', async () => {
    const { connections, serverTime } = await readActivity(pool());
    expect(Date.parse(serverTime)).not.toBeNaN();
    expect(connections[0]?.backendType).toBe('client backend');
    const self = connections.filter((c) => c.isSelf);
    expect(self).toHaveLength(1);
    expect(self[0]).toMatchObject({ user: 'tickdesk', application: 'tickdesk', state: 'active' });
    expect(self[0]?.query).toContain('pg_stat_activity');
    expect(connections.some((c) => c.backendType === 'checkpointer')).toBe(true);
  });
});

describe('slowest statements', () => {
  it('lists statements of this database by total time, and resets them', async () => {
    await pool().query('SELECT pg_sleep(0.05)');
    const before = await readStatements(pool(), 'total', 500);
    expect(before.available).toBe(true);
    const sleep = before.statements.find((s) => s.query.includes('pg_sleep'));
    expect(sleep?.calls).toBeGreaterThanOrEqual(1);
    expect(sleep?.totalMs).toBeGreaterThanOrEqual(40);
    const totals = before.statements.map((s) => s.totalMs);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect((await readStatements(pool(), 'calls', 3)).statements.length).toBeLessThanOrEqual(3);

    const reset = await resetStatements(pool());
    expect(reset.statsReset).not.toBeNull();
    const after = await readStatements(pool(), 'total', 500);
    expect(after.statements.some((s) => s.query.includes('pg_sleep'))).toBe(false);
    expect(after.statsReset).toBe(reset.statsReset);
  });
});

describe('checkpoints and WAL', () => {
  it('reads the LSN, the last checkpoint and the statistics views', async () => {
    await pool().query('CHECKPOINT');
    const wal = await readWal(pool());
    expect(wal.currentLsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    expect(wal.walFile).toMatch(/^[0-9A-F]{24}$/);
    expect(wal.walBytesOnDisk).toBeGreaterThan(0);
    expect(wal.lastCheckpoint.checkpoint_time).toEqual(expect.any(String));
    // pg_control has the checkpoint at once; the checkpointer's statistics arrive a moment later.
    expect(Date.now() - Date.parse(String(wal.lastCheckpoint.checkpoint_time))).toBeLessThan(60_000);
    await expect.poll(async () => (await readWal(pool())).checkpointer.num_requested, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect(wal.wal.wal_records).toBeGreaterThan(0);
    expect(wal.bgwriter).toHaveProperty('buffers_alloc');
    expect(wal.settings.map((s) => s.name)).toContain('max_wal_size');
  });
});
