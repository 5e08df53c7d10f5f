import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../testing/kits/database';
import { seedOrder } from '../../testing/kits/audit-seed';
import { cell, UTF8_BOM } from './csv-cell';
import { parseCsv } from '../../testing/kits/csv-parse';
import { LEDGER_EXPORT_COLUMNS } from './export-columns';
import { exportLedgerCsv } from './export-ledger';

/**
 * The CSV export against a real PostgreSQL: what goes in comes back out
 * (parsed as RFC 4180 and compared with the rows), the IST day bounds hold,
 * and a cancelled or failing export leaves no file at all.
 */

let testDb: TestDatabase;
let pool: pg.Pool;
let outDir: string;

beforeAll(async () => {
  testDb = await startTestDatabase();
  pool = testDb.service.pool();
  outDir = await mkdtemp(join(tmpdir(), 'tickdesk-export-'));
  // 2026-03-02 IST is [2026-03-01T18:30Z, 2026-03-02T18:30Z).
  await seedOrder(pool, { symbol: 'RELIANCE', events: [{ type: 'INTENT', at: '2026-03-01T18:29:59.999999Z', payload: { edge: 'before' } }] });
  await seedOrder(pool, { symbol: 'RELIANCE', events: [{ type: 'INTENT', at: '2026-03-02T18:30:00Z', payload: { edge: 'after' } }] });
  await seedOrder(pool, {
    symbol: 'RELIANCE', side: 'SELL', quantity: -5, price: '-125.50', status: 'REJECTED', strategy: '+strat',
    clientOrderId: '=HYPERLINK("http://evil","x")', brokerOrderId: '-123',
    events: [
      { type: 'INTENT', statusAfter: 'PENDING_LOCAL', at: '2026-03-01T18:30:00Z', payload: { note: '@SUM(A1), "quoted"\r\nnext line', rupee: '₹ नमस्ते' } },
      { type: 'REQUEST_SENT', at: '2026-03-02T04:00:00.123456Z', payload: { request: { tag: '\tTAB', csv: 'a,b' } } },
      { type: 'REJECTED', statusAfter: 'REJECTED', at: '2026-03-02T18:29:59.999999Z', payload: { reason: '-insufficient funds' } },
    ],
  });
  await seedOrder(pool, { symbol: 'TCS', events: [{ type: 'INTENT', at: '2026-03-02T06:00:00Z' }, { type: 'VALIDATION_PASSED', at: '2026-03-02T06:00:01Z' }] });
});

afterAll(async () => {
  await testDb?.cleanup();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/**
 * The rows the export should hold, read with plain SQL and encoded by the string rules of csv-cell.ts.
 * The timestamps come from to_char here, independently of the byte-level formatting the export uses.
 */
const expectedSql: Record<string, string> = {
  at_ist: `to_char(e.created_at AT TIME ZONE 'UTC' + interval '5 hours 30 minutes', 'YYYY-MM-DD HH24:MI:SS.US')`,
  at_utc: `to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};

async function expectedCells(where: string, values: unknown[]): Promise<string[][]> {
  const select = LEDGER_EXPORT_COLUMNS.map((c, i) => `${expectedSql[c.name] ?? c.sql} AS c${i}`).join(', ');
  const { rows } = await pool.query<Record<string, string | null>>(
    `SELECT ${select} FROM order_events e LEFT JOIN orders o ON o.order_id = e.order_id WHERE ${where} ORDER BY e.event_id`, values);
  return rows.map((row) =>
    LEDGER_EXPORT_COLUMNS.map((c, i) => parseCsv(cell(c.kind === 'number' ? 'number' : 'text', row[`c${i}`] ?? null) + '\r\n')[0]?.[0] ?? ''));
}

const filesIn = async (dir: string) => (await readdir(dir)).sort();

describe('ledger CSV export', () => {
  test('round trip: header, CRLF, IST day bounds, neutralised text, plain negative numbers, SHA-256 of the file', async () => {
    const outPath = join(outDir, 'day.csv');
    const progress: number[] = [];
    const result = await exportLedgerCsv(pool, {
      filters: { from: '2026-03-02', to: '2026-03-02' },
      outPath,
      onProgress: (rows) => progress.push(rows),
    });
    const bytes = await readFile(outPath);
    expect(result).toMatchObject({ rows: 5, total: 5, bytes: bytes.length, path: outPath });
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(progress.at(-1)).toBe(5);

    const text = bytes.toString('utf8');
    expect(text.startsWith('event_id,at_ist,at_utc,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    // parseCsv is strict: a bare CR or LF outside quotes would throw.
    const records = parseCsv(text);
    expect(records[0]).toEqual(LEDGER_EXPORT_COLUMNS.map((c) => c.name));
    const body = records.slice(1);
    expect(body).toEqual(await expectedCells(`e.created_at >= '2026-03-01T18:30:00Z' AND e.created_at < '2026-03-02T18:30:00Z'`, []));

    const col = (name: string) => LEDGER_EXPORT_COLUMNS.findIndex((c) => c.name === name);
    const rejected = body.find((r) => r[col('event_type')] === 'REJECTED') as string[];
    expect(rejected[col('client_order_id')]).toBe('\'=HYPERLINK("http://evil","x")');
    expect(rejected[col('broker_order_id')]).toBe("'-123");
    expect(rejected[col('strategy_id')]).toBe("'+strat");
    expect(rejected[col('price_inr')]).toBe('-125.50');
    expect(rejected[col('quantity')]).toBe('-5');
    expect(rejected[col('at_ist')]).toBe('2026-03-02 23:59:59.999999');
    expect(rejected[col('at_utc')]).toBe('2026-03-02T18:29:59.999999Z');
    // Raw line check: the negative price is an unquoted, unprefixed number in the file itself.
    expect(text).toContain(',-5,-125.50,');
    expect(body.map((r) => JSON.parse(r[col('payload')] as string) as Record<string, unknown>).some((p) => p.edge !== undefined)).toBe(false);
  });

  test('the BOM option puts EF BB BF first, and the symbol filter narrows the rows', async () => {
    const outPath = join(outDir, 'tcs.csv');
    const result = await exportLedgerCsv(pool, { filters: { from: '2026-03-01', to: '2026-03-03', symbol: 'TCS' }, outPath, bom: true });
    const bytes = await readFile(outPath);
    expect(bytes.subarray(0, 3).equals(UTF8_BOM)).toBe(true);
    expect(result.rows).toBe(2);
    const records = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(records.slice(1).map((r) => r[LEDGER_EXPORT_COLUMNS.findIndex((c) => c.name === 'tradingsymbol')])).toEqual(['TCS', 'TCS']);
  });

  test('an empty range still gives a header-only file', async () => {
    const outPath = join(outDir, 'empty.csv');
    const result = await exportLedgerCsv(pool, { filters: { from: '2020-01-01', to: '2020-01-02' }, outPath });
    expect(result.rows).toBe(0);
    expect(parseCsv(await readFile(outPath, 'utf8'))).toHaveLength(1);
  });

  test('bad input is a VALIDATION error and writes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tickdesk-export-bad-'));
    try {
      await expect(exportLedgerCsv(pool, { filters: { from: '2026-03-05', to: '2026-03-01' }, outPath: join(dir, 'x.csv') }))
        .rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('reversed') });
      await expect(exportLedgerCsv(pool, { filters: { from: '2026-03-01', to: '2026-03-05', symbol: 'NOSUCHSYM' }, outPath: join(dir, 'x.csv') }))
        .rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Unknown symbol') });
      await expect(exportLedgerCsv(pool, { filters: { from: '2026-03-01', to: '2026-03-05' }, outPath: join(dir, 'missing', 'x.csv') }))
        .rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Cannot write') });
      expect(await filesIn(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('no half file', () => {
  beforeAll(async () => {
    // Enough rows for many COPY chunks: 2026-04-01 IST.
    await pool.query(`
      INSERT INTO order_events (order_id, client_order_id, seq, event_type, payload, broker, created_at)
      SELECT md5(g::text)::uuid, 'bulk-' || g, 1, 'INTENT', jsonb_build_object('n', g, 'pad', repeat('x', 200)), 'paper',
             '2026-04-01T04:00:00Z'::timestamptz + g * interval '1 millisecond'
      FROM generate_series(1, 20000) g`);
  });

  test('cancelled mid-stream: neither FILE nor FILE.partial remains, and the pool still works', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tickdesk-export-cancel-'));
    try {
      const controller = new AbortController();
      let seen = 0;
      const run = exportLedgerCsv(pool, {
        filters: { from: '2026-04-01', to: '2026-04-01' },
        outPath: join(dir, 'big.csv'),
        signal: controller.signal,
        onProgress: (rows) => {
          seen = rows;
          if (rows > 0) controller.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('cancelled') });
      expect(seen).toBeGreaterThan(0);
      expect(seen).toBeLessThan(20000);
      expect(await filesIn(dir)).toEqual([]);
      await expect(pool.query('SELECT 1')).resolves.toBeDefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a full disk (ENOSPC from the file stream) leaves no file and says the disk is full', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tickdesk-export-enospc-'));
    try {
      const outPath = join(dir, 'big.csv');
      let written = 0;
      const run = exportLedgerCsv(pool, {
        filters: { from: '2026-04-01', to: '2026-04-01' },
        outPath,
        // A real file that stops accepting bytes after ~256 kB, the way a full disk does.
        openOutput: (partial) => {
          const file = createWriteStream(partial);
          return new Writable({
            write(chunk: Buffer, _enc, callback) {
              written += chunk.length;
              if (written > 256 * 1024) {
                callback(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
                return;
              }
              file.write(chunk, callback);
            },
            destroy(error, callback) {
              file.destroy();
              callback(error);
            },
          });
        },
      });
      await expect(run).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('disk is full') });
      expect(written).toBeGreaterThan(256 * 1024);
      expect(existsSync(outPath)).toBe(false);
      expect(await filesIn(dir)).toEqual([]);
      await expect(pool.query('SELECT 1')).resolves.toBeDefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the order cells are the same whether the orders are picked out or all copied, and an event without its order gets empty ones', async () => {
    await pool.query(`INSERT INTO order_events (order_id, client_order_id, seq, event_type, payload, strategy_id, broker, created_at)
      VALUES ('00000000-0000-4000-8000-0000000000aa', 'orphan', 1, 'INTENT', '{}', 'manual', 'paper', '2026-03-02T07:00:00Z')`);
    const filters = { from: '2026-03-01', to: '2026-03-03' };
    const estimate = async () => (await pool.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'orders'::regclass`)).rows[0]?.n;
    expect(await estimate()).toBe(-1); // never analysed: the orders the events refer to
    const picked = await exportLedgerCsv(pool, { filters, outPath: join(outDir, 'picked.csv') });
    await pool.query('ANALYZE orders');
    expect(await estimate()).toBeLessThanOrEqual(picked.total); // now every order
    const all = await exportLedgerCsv(pool, { filters, outPath: join(outDir, 'all.csv') });
    const bytes = await readFile(join(outDir, 'all.csv'));
    expect(bytes.equals(await readFile(join(outDir, 'picked.csv')))).toBe(true);
    expect(all.sha256).toBe(picked.sha256);
    const records = parseCsv(bytes.toString('utf8'));
    const col = (name: string) => LEDGER_EXPORT_COLUMNS.findIndex((c) => c.name === name);
    const orphan = records.find((r) => r[col('client_order_id')] === 'orphan') as string[];
    expect(orphan.slice(col('tradingsymbol'), col('order_status') + 1)).toEqual(Array.from({ length: 10 }, () => ''));
    expect(orphan[col('strategy_id')]).toBe('manual');
    const body = records.slice(1).filter((r) => r[col('client_order_id')] !== 'orphan');
    expect(body.every((r) => r[col('tradingsymbol')] !== '')).toBe(true);
  });
});
