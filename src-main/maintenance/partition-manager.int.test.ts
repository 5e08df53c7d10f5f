import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Tick } from '../../src-shared/domain/tick';
import { addDays, istDayStartUtc, istInstant, type IstDay } from '../../src-shared/market/ist-calendar';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import { testLogger } from '../testing/kits/logger';
import { createSimulatedFeedCore } from '../brokers/simulated/simulated-feed-core';
import { TickRowEncoder } from '../market/ingest/copy-binary';
import { Journal } from '../market/ingest/journal';
import { TickWriter } from '../market/ingest/tick-writer';
import { writerClientFactory } from '../market/ingest/writer-client';
import { PARTITION_POLICIES } from '../market/partition-plan';
import { partitionName } from '../market/partition-sql';
import { loadBundledUniverse } from '../market/universe';
import { waitFor } from '../testing/kits/market-checks';
import { PartitionManager } from './partition-manager';

/**
 * The partition manager on a real PostgreSQL, with ticks written through the
 * real COPY writer. The clock is injected: "today" is D below.
 */
const D: IstDay = '2026-11-20';
let db: TestDatabase;
let writer: TickWriter;
let nowMs = istInstant(D, 9 * 60 + 15);

const manager = (options: { retention?: number; archiveDir?: string | null } = {}) =>
  new PartitionManager({
    db: db.service,
    policies: [
      { ...PARTITION_POLICIES.market_ticks, retentionDays: options.retention ?? 30 },
      { ...PARTITION_POLICIES.market_depth },
    ],
    archiveDir: options.archiveDir ?? null,
    log: testLogger(),
    now: () => nowMs,
  });

async function partitions(table = 'market_ticks'): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = ${table}::regclass ORDER BY 1`.execute(db.service.kysely());
  return rows.map((r) => r.name);
}

async function rowsIn(partition: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM ${sql.table(partition)}`.execute(db.service.kysely());
  return Number(rows[0]?.n);
}

const tick = (token: number, ts: number, ltp = 100_00): Tick => ({ token, ts, ltp, lastQty: 1, volume: 1, oi: 0, bid: ltp - 5, bidQty: 1, ask: ltp + 5, askQty: 1 });

async function writeTicks(ticks: readonly Tick[]): Promise<void> {
  const encoder = new TickRowEncoder();
  for (const t of ticks) encoder.append(t, Date.now(), 0);
  const before = writer.stats().writtenRows;
  const { bytes, rows } = encoder.take();
  writer.write({ bytes, rows, receivedAt: Date.now() });
  await waitFor(() => writer.stats().writtenRows >= before + rows, 10_000, 'ticks written');
}

beforeAll(async () => {
  db = await startTestDatabase();
  const journal = await Journal.open({ dir: join(db.dataDir, 'journal'), maxBytes: 64 * 1024 * 1024, log: testLogger() });
  writer = new TickWriter({ journal, connect: writerClientFactory(db.service, testLogger()), databaseReady: () => db.service.status().state === 'ready', rejectedDir: join(db.dataDir, 'rejected'), log: testLogger() });
});

afterAll(async () => {
  await writer?.stop();
  await db?.cleanup();
});

describe('partition manager', () => {
  test('start-up creates today and four days ahead, for ticks and depth', async () => {
    const [ticks, depth] = await manager().run();
    const days = [0, 1, 2, 3, 4].map((n) => addDays(D, n));
    expect(ticks?.created).toEqual(days.map((day) => partitionName('market_ticks', day)));
    expect(depth?.created).toEqual(days.map((day) => partitionName('market_depth', day)));
    expect(await partitions()).toEqual(['market_ticks_default', ...days.map((day) => partitionName('market_ticks', day))]);
    // A second pass has nothing to do.
    const [again] = await manager().run();
    expect(again?.created).toEqual([]);
    expect(again?.dropped).toEqual([]);
  });

  test('ticks before the oldest and after the newest partition are stored (DEFAULT), then moved when their day gets a partition', async () => {
    const early = istInstant(addDays(D, -10), 10 * 60);
    const late = istInstant(addDays(D, 20), 10 * 60);
    await writeTicks([tick(1, early), tick(1, early + 1), tick(2, late)]);
    expect(await rowsIn('market_ticks_default')).toBe(3);

    const [report] = await manager().run();
    expect(report?.fromDefault).toEqual([
      { partition: partitionName('market_ticks', addDays(D, -10)), rows: 2 },
      { partition: partitionName('market_ticks', addDays(D, 20)), rows: 1 },
    ]);
    expect(await rowsIn('market_ticks_default')).toBe(0);
    expect(await rowsIn(partitionName('market_ticks', addDays(D, -10)))).toBe(2);
    expect(await rowsIn(partitionName('market_ticks', addDays(D, 20)))).toBe(1);
  });

  test('a stream across IST midnight lands in both days, none lost at 23:59:59.999', async () => {
    const midnight = istDayStartUtc(addDays(D, 1));
    const universe = loadBundledUniverse({ day: D });
    const core = createSimulatedFeedCore({ seed: 5, instruments: universe.entries, startTime: midnight - 2_000, ratePerSec: 5_000, simulateOutsideHours: true, maxTicksPerCall: 100_000 });
    const stream = [...core.next(midnight + 2_000), tick(1, midnight - 1), tick(1, midnight)];
    await writeTicks(stream);
    const before = stream.filter((t) => t.ts < midnight).length;
    const { rows } = await sql<{ day: string; n: string }>`
      SELECT tableoid::regclass::text AS day, count(*)::text AS n FROM market_ticks
      WHERE ts >= ${new Date(midnight - 2_000)} AND ts < ${new Date(midnight + 2_000)} GROUP BY 1 ORDER BY 1`.execute(db.service.kysely());
    expect(rows).toEqual([
      { day: partitionName('market_ticks', D), n: String(before) },
      { day: partitionName('market_ticks', addDays(D, 1)), n: String(stream.length - before) },
    ]);
    expect(before).toBeGreaterThan(1_000);
  });

  test('catch-up after three weeks closed; retention drops whole partitions (archived to CSV first when asked)', async () => {
    const archiveDir = join(db.dataDir, 'archive');
    // D-10 (from the DEFAULT test) holds 2 rows; three weeks on with a 7-day retention it expires.
    nowMs = istInstant(addDays(D, 21), 8 * 60);
    const [report] = await manager({ retention: 7, archiveDir }).run();
    expect(report?.created).toEqual([0, 1, 2, 3, 4].map((n) => partitionName('market_ticks', addDays(D, 21 + n))));
    // Cut-off: 00:00 IST of today − 7 days (D+14); everything ending by then goes, D+20 stays.
    const expired = [-10, 0, 1, 2, 3, 4].map((n) => partitionName('market_ticks', addDays(D, n)));
    expect(report?.dropped).toEqual(expired);
    expect(report?.archived.map((a) => a.partition)).toEqual(expired);
    expect(await partitions()).toEqual(['market_ticks_default', partitionName('market_ticks', addDays(D, 20)), ...[0, 1, 2, 3, 4].map((n) => partitionName('market_ticks', addDays(D, 21 + n)))]);

    const archived = report?.archived.find((a) => a.partition === partitionName('market_ticks', addDays(D, -10)));
    expect(archived?.rows).toBe(2);
    const csv = gunzipSync(await readFile(archived?.file ?? '')).toString('utf8').trim().split('\n');
    expect(csv[0]).toBe('token,ts,ltp,last_qty,volume,oi,bid_price,bid_qty,ask_price,ask_qty,exchange_ts,received_at,flags');
    expect(csv).toHaveLength(3);
    // Depth keeps its own (7-day) retention.
    expect((await partitions('market_depth')).length).toBe(6);
    await rm(archiveDir, { recursive: true, force: true });
  });

  test('partition work while ticks stream: the longest COPY stall is measured (printed, not asserted)', async () => {
    nowMs = istInstant(addDays(D, 40), 9 * 60 + 15);
    await manager().run();
    // A busy DEFAULT partition: 50,000 rows of a day without a partition yet (beyond the days ahead).
    const day = addDays(D, 46);
    const base = istInstant(day, 10 * 60);
    await writeTicks(Array.from({ length: 50_000 }, (_, i) => tick(1 + (i % 100), base + i)));
    const gaps: number[] = [];
    let last = performance.now();
    const off = writer.onCommit((info) => {
      gaps.push(info.committedAt - info.startedAt);
      last = performance.now();
    });
    let streaming = true;
    const stream = (async () => {
      let ts = istInstant(addDays(D, 40), 10 * 60);
      while (streaming) {
        const batch = Array.from({ length: 200 }, (_, i) => tick(500 + (i % 50), ts + i));
        ts += 200;
        const encoder = new TickRowEncoder();
        for (const t of batch) encoder.append(t, performance.timeOrigin + performance.now(), 0);
        const { bytes, rows } = encoder.take();
        writer.write({ bytes, rows, receivedAt: performance.timeOrigin + performance.now() });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    const [report] = await manager().run();
    const ran = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 300));
    streaming = false;
    await stream;
    off();
    void last;
    const longest = Math.max(...gaps);
    console.log(`partition run ${Math.round(ran)} ms (longest DDL ${report?.longestLockMs} ms, moved ${report?.fromDefault[0]?.rows ?? 0} rows from DEFAULT); longest COPY transaction meanwhile ${Math.round(longest)} ms over ${gaps.length} commits`);
    expect(report?.fromDefault).toEqual([{ partition: partitionName('market_ticks', day), rows: 50_000 }]);
    expect(report?.failed).toEqual([]);
  });
});
