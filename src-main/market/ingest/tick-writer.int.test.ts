import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Tick } from '../../../src-shared/domain/tick';
import { startTestDatabase, type TestDatabase } from '../../testing/kits/database';
import { testLogger } from '../../testing/kits/logger';
import { writeTickBatches } from './batch-transaction';
import { TickRowEncoder } from './copy-binary';
import { Journal } from './journal';
import { TickWriter } from './tick-writer';
import { writerClientFactory } from './writer-client';

/**
 * The writer's exactly-once and poison handling against a real PostgreSQL:
 * a journaled batch that had in fact committed (the server died during
 * COMMIT) is skipped on replay; a batch PostgreSQL refuses as bad data is set
 * aside without holding up the good ones behind it.
 */
let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await startTestDatabase();
  client = new pg.Client({ connectionString: db.service.connectionUrl() });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await db?.cleanup();
});

const rowsOf = (token: number, n: number) => {
  const encoder = new TickRowEncoder();
  for (let i = 0; i < n; i += 1) {
    const t: Tick = { token, ts: 1_800_000_000_000 + i, ltp: 123_45, lastQty: 1, volume: i, oi: 0, bid: 123_40, bidQty: 1, ask: 123_50, askQty: 1 };
    encoder.append(t, 1_800_000_000_000, 0);
  }
  return encoder.take().bytes;
};

/** Rows whose first ltp digit is 10000: numeric_recv refuses it (SQLSTATE 22P03). */
const poisoned = (token: number) => {
  const bytes = rowsOf(token, 3);
  new DataView(bytes.buffer).setInt16(38, 10_000);
  return bytes;
};

const count = async (token: number) => Number((await client.query<{ n: string }>('SELECT count(*)::text AS n FROM market_ticks WHERE token = $1', [token])).rows[0]?.n);

const until = async (what: () => boolean) => {
  const end = Date.now() + 10_000;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const newWriter = async (name: string) => {
  const journal = await Journal.open({ dir: join(db.dataDir, name), maxBytes: 10_000_000, log: testLogger() });
  return {
    journal,
    make: () =>
      new TickWriter({ journal, connect: writerClientFactory(db.service, testLogger()), databaseReady: () => true, rejectedDir: join(db.dataDir, name, 'rejected'), log: testLogger(), flushMs: 1, retryMs: 20 }),
  };
};

describe('tick writer on PostgreSQL', () => {
  test('a journaled batch that had committed after all is skipped on replay, written once', async () => {
    const committed = { batchId: '00000000-0000-4000-8000-00000000000a', rows: 40, chunks: [rowsOf(10, 40)] };
    await writeTickBatches(client, [committed]);
    const { journal, make } = await newWriter('uncertain');
    await journal.append({ batchId: committed.batchId, rows: 40, receivedAt: Date.now(), payload: rowsOf(10, 40) });
    await journal.append({ batchId: '00000000-0000-4000-8000-00000000000b', rows: 7, receivedAt: Date.now(), payload: rowsOf(11, 7) });
    const writer = make();
    await until(() => writer.stats().mode === 'writing');
    // The 40 count as written (they are in the table), once, and as skipped by the replay.
    expect(writer.stats()).toMatchObject({ writtenRows: 47, skippedRows: 40 });
    expect(await count(10)).toBe(40);
    expect(await count(11)).toBe(7);
    await writer.stop();
  });

  test('a batch PostgreSQL refuses is set aside on disk; the good batches around it are written', async () => {
    const { journal, make } = await newWriter('poison');
    await journal.append({ batchId: '00000000-0000-4000-8000-0000000000c1', rows: 5, receivedAt: Date.now(), payload: rowsOf(20, 5) });
    await journal.append({ batchId: '00000000-0000-4000-8000-0000000000c2', rows: 3, receivedAt: Date.now(), payload: poisoned(21) });
    await journal.append({ batchId: '00000000-0000-4000-8000-0000000000c3', rows: 6, receivedAt: Date.now(), payload: rowsOf(22, 6) });
    const writer = make();
    await until(() => writer.stats().mode === 'writing');
    expect(writer.stats()).toMatchObject({ writtenRows: 11, rejectedRows: 3 });
    expect(writer.stats().lastError).toMatch(/22P03/);
    expect([await count(20), await count(21), await count(22)]).toEqual([5, 0, 6]);
    expect(await readdir(join(db.dataDir, 'poison', 'rejected'))).toEqual(['00000000-0000-4000-8000-0000000000c2.pgcopy']);

    // Written directly (not from the journal) the same happens.
    writer.write({ bytes: poisoned(23), rows: 3, receivedAt: Date.now() });
    writer.write({ bytes: rowsOf(24, 2), rows: 2, receivedAt: Date.now() });
    await until(() => writer.stats().rejectedRows === 6 && writer.stats().writtenRows === 13);
    expect(await count(24)).toBe(2);
    await writer.stop();
  });
});
