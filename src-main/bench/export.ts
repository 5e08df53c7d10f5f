import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { ExportFilters } from '../../src-shared/contract/domains/audit';
import { exportLedgerCsv, ledgerExportSql } from '../audit/csv/export-ledger';
import { verifyLedgerChain } from '../audit/verify-chain';
import { createDatabaseService } from '../db/database';
import { createLogger } from '../log';

/**
 * `bench export --rows N [--json]`: seeds N ledger events (N/5 orders, five
 * events each, spread over January 2026 IST) into a fresh embedded
 * PostgreSQL and exports them all to CSV, printing throughput, the process's
 * RSS growth during the export, the file size and its SHA-256.
 *
 * Seeding 1M rows through the hash-chain trigger would take minutes (it
 * serialises and hashes row by row), so the BULK seed runs with that one
 * trigger disabled, as superuser, in this benchmark only; those rows get an
 * unchained hash of the right width so the CSV is as wide as a real one.
 * A smaller chained batch is inserted first through the trigger to measure
 * its cost (chainedInsertUsPerRow) and verify's speed (verifyRowsPerSec).
 */

const SYMBOLS = `ARRAY['RELIANCE','TCS','INFY','SBIN','HDFCBANK','M&M','BAJAJ-AUTO','NIFTY26MARFUT']`;
const TYPES = `ARRAY['INTENT','VALIDATION_PASSED','RISK_PASSED','REQUEST_SENT','RESPONSE_RECEIVED']`;

function seedOrdersSql(orders: number): string {
  return `
    INSERT INTO orders (order_id, client_order_id, token, tradingsymbol, exchange, side, order_type, product, validity,
      quantity, price, filled_quantity, average_price, status, strategy_id, broker, last_event_id, last_seq, created_at, updated_at)
    SELECT md5('o' || g)::uuid, 'bench-' || g, 2885, (${SYMBOLS})[1 + g % 8], 'NSE',
      CASE WHEN g % 2 = 0 THEN 'BUY' ELSE 'SELL' END, 'L', 'MIS', 'DAY', 1 + g % 500, (1000 + (g % 100000) / 100.0)::numeric(18,2),
      0, NULL, CASE WHEN g % 7 = 0 THEN 'REJECTED' ELSE 'OPEN' END, CASE WHEN g % 3 = 0 THEN 'momo' ELSE 'manual' END, 'paper', 0, 5,
      now(), now()
    FROM generate_series(0, ${orders - 1}) g`;
}

/** Events g = 0..n-1 from `first`; order g/5, seq g%5+1, an INTENT first; payloads shaped like broker requests. */
function seedEventsSql(first: number, n: number, startIso: string, spanSeconds: number, hashed: boolean): string {
  return `
    INSERT INTO order_events (order_id, client_order_id, seq, event_type, status_after, payload, strategy_id, broker, created_at
      ${hashed ? ', prev_hash, hash' : ''})
    SELECT md5('o' || (g / 5))::uuid, 'bench-' || (g / 5), g % 5 + 1, (${TYPES})[1 + g % 5],
      CASE WHEN g % 5 = 0 THEN 'PENDING_LOCAL' WHEN g % 5 = 3 THEN 'SENT' WHEN g % 5 = 4 THEN 'OPEN' END,
      jsonb_build_object('request', jsonb_build_object('exchange', 'NSE', 'tradingsymbol', (${SYMBOLS})[1 + (g / 5) % 8],
        'transaction_type', CASE WHEN (g / 5) % 2 = 0 THEN 'BUY' ELSE 'SELL' END, 'quantity', 1 + (g / 5) % 500,
        'price', 1000 + ((g / 5) % 100000) / 100.0, 'order_type', 'LIMIT', 'product', 'MIS', 'validity', 'DAY', 'tag', 'tdk-' || (g / 5))),
      CASE WHEN (g / 5) % 3 = 0 THEN 'momo' ELSE 'manual' END, 'paper',
      '${startIso}'::timestamptz + (g - ${first}) * interval '1 microsecond' * ${Math.max(1, Math.floor((spanSeconds * 1e6) / n))}
      ${hashed ? ', NULL, sha256(int8send(g))' : ''}
    FROM generate_series(${first}, ${first + n - 1}) g`;
}

export async function benchExport(argv: string[]): Promise<Record<string, number | string>> {
  const arg = (name: string) => argv[argv.indexOf(name) + 1];
  const rows = argv.includes('--rows') ? Number(arg('--rows')) : 1_000_000;
  if (!Number.isInteger(rows) || rows < 5) throw new Error('--rows must be a whole number ≥ 5');
  const chained = Math.min(20_000, rows);
  const dataDir = await mkdtemp(join(tmpdir(), 'tickdesk-bench-export-'));
  const service = createDatabaseService({ dataDir, port: null }, createLogger({ level: 'error' }));
  try {
    await service.start();
    const pool = service.pool();
    const orders = Math.ceil((rows + chained) / 5);
    await pool.query(seedOrdersSql(orders));

    // 1. A chained batch through the trigger (February, outside the exported range).
    let started = performance.now();
    await pool.query(seedEventsSql(rows, chained, '2026-02-10T03:45:00Z', 6 * 3600, false));
    const chainedInsertUsPerRow = ((performance.now() - started) * 1000) / chained;

    // 2. The bulk seed with the chain trigger off (this benchmark only).
    started = performance.now();
    await pool.query('ALTER TABLE order_events DISABLE TRIGGER zz_order_events_hash_chain');
    try {
      await pool.query(seedEventsSql(0, rows, '2025-12-31T18:30:00Z', 31 * 86_400, true));
    } finally {
      await pool.query('ALTER TABLE order_events ENABLE ALWAYS TRIGGER zz_order_events_hash_chain');
    }
    await pool.query('VACUUM ANALYZE order_events, orders');
    const seedSec = (performance.now() - started) / 1000;

    const verify = await verifyLedgerChain(pool);
    const verifyRowsPerSec = verify.elapsedMs > 0 ? Math.round((verify.checked * 1000) / verify.elapsedMs) : 0;

    // 3. PostgreSQL alone: the same COPYs written server-side to /dev/null (also warms the cache). At this
    //    size the export copies every order (orders < events), so that is the orders COPY timed here.
    const filters = { from: '2026-01-01', to: '2026-01-31' };
    const sql = ledgerExportSql(filters);
    const toNull = (copy: string) => copy.replace(/TO STDOUT$/, `TO '/dev/null'`);
    started = performance.now();
    await pool.query(`BEGIN; SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; ${toNull(sql.allOrdersCopySql)}; ${toNull(sql.copySql)}; COMMIT`);
    const pgOnlySec = (performance.now() - started) / 1000;

    // 4. The export, with RSS sampled throughout.
    const result = await measureExport(pool, join(dataDir, 'export.csv'), filters);
    return {
      rows: result.rows,
      rowsPerSec: Math.round(result.rows / (result.elapsedMs / 1000)),
      exportSec: Number((result.elapsedMs / 1000).toFixed(2)),
      // Node's own CPU during the export (the CSV encoding); the rest of exportSec is PostgreSQL or waiting.
      nodeCpuSec: Number(result.nodeCpuSec.toFixed(2)),
      pgOnlySec: Number(pgOnlySec.toFixed(2)),
      rssGrowthMb: Number(result.rssGrowthMb.toFixed(1)),
      fileMb: Number((result.bytes / 1_048_576).toFixed(1)),
      sha256: result.sha256,
      seedSec: Number(seedSec.toFixed(1)),
      chainedInsertUsPerRow: Number(chainedInsertUsPerRow.toFixed(1)),
      verifyRowsPerSec,
    };
  } finally {
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function measureExport(pool: pg.Pool, outPath: string, filters: ExportFilters) {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage.rss();
  const cpuBefore = process.cpuUsage();
  let peak = baseline;
  // Sampled on a timer only: reading RSS costs a /proc read, too dear for every chunk.
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  try {
    const result = await exportLedgerCsv(pool, {
      filters,
      outPath,
    });
    peak = Math.max(peak, process.memoryUsage.rss());
    const cpu = process.cpuUsage(cpuBefore);
    return { ...result, rssGrowthMb: (peak - baseline) / 1_048_576, nodeCpuSec: (cpu.user + cpu.system) / 1e6 };
  } finally {
    clearInterval(sampler);
  }
}
