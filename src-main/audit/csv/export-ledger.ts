import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { ContractError } from '../../../src-shared/contract';
import type { ExportFilters } from '../../../src-shared/contract/domains/audit';
import { inlineParams, LEDGER_FROM, ledgerWhere } from '../ledger-filter-sql';
import { CopyCsvEncoder, type CsvColumnSource, type LookupCells } from './copy-bytes-to-csv';
import { CopyToCsvTransform } from './csv-transform';
import { copyPlan, type ExportColumn, LEDGER_EXPORT_COLUMNS } from './export-columns';

/**
 * The streaming CSV export of the ledger:
 *   COPY (SELECT … ORDER BY event_id) TO STDOUT  (text format, every value cast to text in SQL)
 *   → CopyToCsvTransform (typed cells, spreadsheet safety, SHA-256 and counts)
 *   → FILE.partial  → fsync → rename to FILE.
 * Memory stays flat: each stage holds a chunk or two and backpressure pauses
 * COPY when the disk is slower. The count and the COPY run in one REPEATABLE
 * READ snapshot, so the total is exact even while orders are being placed.
 * Whatever goes wrong (cancel, full disk, a dropped connection), FILE.partial
 * is removed and FILE is never touched: no half file is ever left behind.
 */

export interface ExportLedgerOptions {
  filters: ExportFilters;
  /** The finished file; it is written as `${outPath}.partial` first. */
  outPath: string;
  bom?: boolean;
  signal?: AbortSignal;
  onTotal?: (total: number) => void;
  onProgress?: (rows: number, bytes: number) => void;
  /** Where the bytes go; tests inject a stream that fails like a full disk. */
  openOutput?: (partialPath: string) => Writable;
}

export interface ExportLedgerResult {
  path: string;
  rows: number;
  total: number;
  bytes: number;
  sha256: string;
  elapsedMs: number;
}

export const partialPathOf = (outPath: string): string => `${outPath}.partial`;

export function exportCancelledError(): ContractError {
  return new ContractError('CONFLICT', 'The export was cancelled; its partial file was removed.', { reason: 'cancelled' });
}

function explain(error: unknown, outPath: string): unknown {
  if (error instanceof ContractError) return error;
  const code = (error as { code?: unknown }).code;
  const name = (error as { name?: unknown }).name;
  if (name === 'AbortError' || code === 'ABORT_ERR') return exportCancelledError();
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ContractError('UNAVAILABLE', `The disk is full: the export to ${outPath} was stopped and its partial file removed. Free some space and export again.`, { reason: 'disk-full' });
  }
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EISDIR') {
    return new ContractError('VALIDATION', `Cannot write ${outPath}: ${(error as Error).message}`, { reason: 'unwritable' });
  }
  return error;
}

/** A symbol nobody ever traded and no instrument carries is almost certainly a typo: say so rather than export nothing. */
async function checkSymbol(client: pg.ClientBase, symbol: string | undefined): Promise<void> {
  if (symbol === undefined) return;
  const { rows } = await client.query(
    `SELECT 1 FROM orders WHERE tradingsymbol = $1 UNION ALL SELECT 1 FROM instruments WHERE tradingsymbol = $1 LIMIT 1`,
    [symbol],
  );
  if (rows.length === 0) throw new ContractError('VALIDATION', `Unknown symbol "${symbol}": no order or instrument has it.`, { field: 'symbol' });
}

/**
 * The order's columns (o.*) are not joined row by row in the COPY: writing
 * them out for every event cost PostgreSQL about a third of the export. The
 * orders the filtered events refer to are copied once, in the same snapshot,
 * their cells encoded once each, and the event rows pick them up by order_id
 * (a 'lookup' source). The COPY of the events keeps the LEFT JOIN in FROM, so
 * a filter on o.* means exactly what it means elsewhere; with no such filter
 * PostgreSQL removes the join (orders.order_id is unique). An event whose
 * order is missing gets the empty cells a LEFT JOIN gives.
 */
const isOrderColumn = (column: ExportColumn): boolean => column.sql.startsWith('o.');
const ORDER_KEY_SQL = 'e.order_id::text';

function ledgerPlan(columns: readonly ExportColumn[]): { selectList: string[]; sources: CsvColumnSource[]; orderSelect: string[]; orderSources: CsvColumnSource[] } {
  const first = columns.findIndex(isOrderColumn);
  const orderColumns = columns.filter(isOrderColumn);
  if (first < 0 || columns.slice(first, first + orderColumns.length).some((c) => !isOrderColumn(c))) {
    throw new Error('ledger export: the order columns must be adjacent');
  }
  const events = copyPlan(columns.filter((c) => !isOrderColumn(c)));
  let keyField = events.selectList.indexOf(ORDER_KEY_SQL);
  if (keyField < 0) keyField = events.selectList.push(ORDER_KEY_SQL) - 1;
  const orders = copyPlan(orderColumns);
  return {
    selectList: events.selectList,
    sources: [...events.sources.slice(0, first), { field: keyField, kind: 'lookup' }, ...events.sources.slice(first)],
    // Field 0 of the orders' COPY is the key.
    orderSelect: ['o.order_id::text', ...orders.selectList],
    orderSources: orders.sources.map((s) => ({ field: s.field + 1, kind: s.kind })),
  };
}

const plan = ledgerPlan(LEDGER_EXPORT_COLUMNS);

export interface LedgerExportSql {
  countSql: string;
  copySql: string;
  /** The orders the filtered events refer to, and every order (cheaper to select: see ordersToCopy). */
  ordersCopySql: string;
  allOrdersCopySql: string;
  values: unknown[];
}

export function ledgerExportSql(filters: ExportFilters): LedgerExportSql {
  const where = ledgerWhere(filters);
  const select = plan.selectList.join(', ');
  return {
    countSql: `SELECT count(*) AS n FROM ${LEDGER_FROM} ${where.sql}`,
    copySql: inlineParams(`COPY (SELECT ${select} FROM ${LEDGER_FROM} ${where.sql} ORDER BY e.event_id) TO STDOUT`, where.values),
    ordersCopySql: inlineParams(
      `COPY (SELECT ${plan.orderSelect.join(', ')} FROM orders o WHERE o.order_id IN (SELECT e.order_id FROM ${LEDGER_FROM} ${where.sql})) TO STDOUT`,
      where.values,
    ),
    allOrdersCopySql: `COPY (SELECT ${plan.orderSelect.join(', ')} FROM orders o) TO STDOUT`,
    values: where.values,
  };
}

/**
 * Each order's cells, encoded once by the same rules as every other cell (no
 * CRLF), encoded chunk by chunk as the COPY arrives and kept in one buffer
 * indexed by order id: a few dozen bytes an order, no object per order but its key.
 */
async function orderCells(client: pg.ClientBase, sql: string, signal: AbortSignal | undefined): Promise<LookupCells> {
  const encoder = new CopyCsvEncoder(plan.orderSources);
  const index = new Map<string, number>();
  const bounds: number[] = [];
  const pieces: Buffer[] = [];
  let base = 0;
  const take = (src: Buffer): void => {
    const rowEnds: number[] = [];
    const { csv } = encoder.encode(src, 0, src.length, rowEnds);
    let at = 0;
    let csvAt = 0;
    for (const rowEnd of rowEnds) {
      // encode() checked the row: its key field ends at the first TAB.
      index.set(src.toString('latin1', at, src.indexOf(0x09, at)), bounds.length / 2);
      bounds.push(base + csvAt, base + rowEnd - 2);
      at = src.indexOf(0x0a, at) + 1;
      csvAt = rowEnd;
    }
    pieces.push(Buffer.from(csv.subarray(0, csvAt)));
    base += csvAt;
  };
  let rest = Buffer.alloc(0);
  for await (const chunk of client.query(copyTo(sql, { highWaterMark: 1 << 20 }))) {
    if (signal?.aborted) throw exportCancelledError();
    const src = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    const lastLf = src.lastIndexOf(0x0a);
    if (lastLf >= 0) take(src.subarray(0, lastLf + 1));
    rest = Buffer.from(src.subarray(lastLf + 1));
  }
  if (rest.length > 0) throw new Error('COPY output of the orders ended in the middle of a row');
  const nulls = Buffer.from(`\\N${'\t\\N'.repeat(plan.orderSelect.length - 1)}\n`, 'latin1');
  const missing = encoder.encode(nulls, 0, nulls.length).csv;
  return { index, bounds: Int32Array.from(bounds), cells: Buffer.concat(pieces), missing: Buffer.from(missing.subarray(0, missing.length - 2)) };
}

/**
 * Which orders to copy: picking out the ones the events refer to costs a pass
 * over those events, while copying them all costs next to nothing; so all of
 * them when there are (by the planner's estimate) no more orders than events
 * to export, which keeps the memory bounded by the export's size either way.
 */
async function ordersToCopy(client: pg.ClientBase, sql: LedgerExportSql, total: number): Promise<string> {
  const { rows } = await client.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'orders'::regclass`);
  const estimate = rows[0]?.n ?? -1;
  return estimate >= 0 && estimate <= total ? sql.allOrdersCopySql : sql.ordersCopySql;
}

/** Resolves once the stream has released its file (bounded: a stuck stream must not hang the export). */
function closed(stream: Writable): Promise<void> {
  if (stream.closed) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 5_000);
    stream.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    stream.destroy();
  });
}

export async function exportLedgerCsv(pool: pg.Pool, options: ExportLedgerOptions): Promise<ExportLedgerResult> {
  const started = performance.now();
  const sql = ledgerExportSql(options.filters);
  const { countSql, copySql, values } = sql;
  const partial = partialPathOf(options.outPath);
  if (options.signal?.aborted) throw exportCancelledError();

  let output: Writable | null = null;
  const client = await pool.connect();
  // True while COPY may be mid-stream: that connection cannot be reused.
  let connectionSpoiled = false;
  try {
    // UTC and ISO: the timestamp columns are made from timestamptz's own output (timestamp-bytes.ts).
    await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'`);
    await checkSymbol(client, options.filters.symbol);
    const counted = await client.query<{ n: string }>(countSql, values);
    const total = Number(counted.rows[0]?.n ?? 0);
    options.onTotal?.(total);

    connectionSpoiled = true;
    const lookup = await orderCells(client, await ordersToCopy(client, sql, total), options.signal);
    connectionSpoiled = false;
    const csv = new CopyToCsvTransform({
      names: LEDGER_EXPORT_COLUMNS.map((c) => c.name),
      sources: plan.sources,
      lookup,
      bom: options.bom ?? false,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    output = (options.openOutput ?? ((path) => createWriteStream(path, { flags: 'w', mode: 0o600 })))(partial);
    connectionSpoiled = true;
    const copy = client.query(copyTo(copySql, { highWaterMark: 1 << 20 }));
    await pipeline(copy, csv, output, options.signal ? { signal: options.signal } : {});
    connectionSpoiled = false;
    await client.query('COMMIT');

    // Durable before it gets its final name: a crash right after leaves a whole file or none.
    const handle = await open(partial, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, options.outPath);
    return { path: options.outPath, rows: csv.rows, total, bytes: csv.bytes, sha256: csv.sha256(), elapsedMs: Math.round(performance.now() - started) };
  } catch (error) {
    // Removing the file while its stream is still opening would let the open recreate it.
    if (output) await closed(output);
    await rm(partial, { force: true }).catch(() => undefined);
    if (!connectionSpoiled) await client.query('ROLLBACK').catch(() => undefined);
    throw explain(error, options.outPath);
  } finally {
    // A connection left inside an interrupted COPY is closed, not pooled.
    client.release(connectionSpoiled ? new Error('export interrupted during COPY') : undefined);
  }
}

/** `tickdesk-audit-2026-03-01_2026-03-05[-RELIANCE]-<stamp>.csv`: safe in any file system and for the download route. */
export function exportFileName(filters: ExportFilters, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const symbol = filters.symbol ? `-${filters.symbol.replace(/[^A-Z0-9]+/g, '_')}` : '';
  return basename(`tickdesk-audit-${filters.from}_${filters.to}${symbol}-${stamp}.csv`);
}
