import type { CsvColumnSource } from './copy-bytes-to-csv';

/**
 * The columns of the ledger CSV: name, kind (which decides the spreadsheet
 * safety rule, see csv-cell.ts) and the SQL that yields the value as text.
 * Every value is cast to text in SQL, so COPY's text output is exactly the
 * value and nothing in Node guesses at types.
 *
 * Times twice, both made in Node from one `created_at` field (see
 * timestamp-bytes.ts): IST wall clock for people (fixed +05:30 — IST has no
 * daylight saving) and ISO 8601 UTC for machines.
 */
export interface ExportColumn {
  name: string;
  kind: CsvColumnSource['kind'];
  sql: string;
}

export const LEDGER_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { name: 'event_id', kind: 'number', sql: 'e.event_id::text' },
  { name: 'at_ist', kind: 'ist', sql: 'e.created_at' },
  { name: 'at_utc', kind: 'utc', sql: 'e.created_at' },
  { name: 'order_id', kind: 'text', sql: 'e.order_id::text' },
  { name: 'client_order_id', kind: 'text', sql: 'e.client_order_id' },
  { name: 'parent_order_id', kind: 'text', sql: 'e.parent_order_id::text' },
  { name: 'broker_order_id', kind: 'text', sql: 'e.broker_order_id' },
  { name: 'seq', kind: 'number', sql: 'e.seq::text' },
  { name: 'event_type', kind: 'text', sql: 'e.event_type' },
  { name: 'status_after', kind: 'text', sql: 'e.status_after' },
  { name: 'tradingsymbol', kind: 'text', sql: 'o.tradingsymbol' },
  { name: 'exchange', kind: 'text', sql: 'o.exchange' },
  { name: 'side', kind: 'text', sql: 'o.side' },
  { name: 'order_type', kind: 'text', sql: 'o.order_type' },
  { name: 'product', kind: 'text', sql: 'o.product' },
  { name: 'quantity', kind: 'number', sql: 'o.quantity::text' },
  { name: 'price_inr', kind: 'number', sql: 'o.price::text' },
  { name: 'filled_quantity', kind: 'number', sql: 'o.filled_quantity::text' },
  { name: 'average_price_inr', kind: 'number', sql: 'o.average_price::text' },
  { name: 'order_status', kind: 'text', sql: 'o.status' },
  { name: 'strategy_id', kind: 'text', sql: 'e.strategy_id' },
  { name: 'algo_id', kind: 'text', sql: 'e.algo_id' },
  { name: 'broker', kind: 'text', sql: 'e.broker' },
  { name: 'payload', kind: 'text', sql: 'e.payload::text' },
  { name: 'hash_sha256', kind: 'text', sql: `encode(e.hash, 'hex')` },
];

/** The COPY select list (each expression once) and, per CSV column, the field it is made from. */
export function copyPlan(columns: readonly ExportColumn[]): { selectList: string[]; sources: CsvColumnSource[] } {
  const selectList: string[] = [];
  const sources = columns.map((column): CsvColumnSource => {
    let field = selectList.indexOf(column.sql);
    if (field < 0) field = selectList.push(column.sql) - 1;
    return { field, kind: column.kind };
  });
  return { selectList, sources };
}
