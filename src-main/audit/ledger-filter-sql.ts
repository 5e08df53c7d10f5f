import pg from 'pg';
import type { AuditFilters } from '../../src-shared/contract/domains/audit';
import { istDaysToUtcRange } from './ist-range';

/**
 * The one place that turns audit filters into SQL, shared by the history
 * table, its count and the CSV export, so the three always agree on which
 * events a filter means. The query runs over
 *   order_events e LEFT JOIN orders o ON o.order_id = e.order_id
 * (orders is the projection: symbol, side and the order's current status).
 *
 * `status` filters on the ORDER's current status (o.status), e.g. "every event
 * of the orders that ended REJECTED"; `eventType` on the event itself.
 */

export const LEDGER_FROM = 'order_events e LEFT JOIN orders o ON o.order_id = e.order_id';

export interface WhereClause {
  /** "WHERE …" or '' when nothing filters. */
  sql: string;
  values: unknown[];
}

export function ledgerWhere(filters: AuditFilters, extra: { sql: string; value: unknown }[] = []): WhereClause {
  const range = istDaysToUtcRange(filters.from, filters.to);
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    conditions.push(sql.replace('?', `$${values.length}`));
  };
  if (range.from) add('e.created_at >= ?', range.from.toISOString());
  if (range.to) add('e.created_at < ?', range.to.toISOString());
  if (filters.symbol !== undefined) add('o.tradingsymbol = ?', filters.symbol);
  if (filters.strategy !== undefined) add('e.strategy_id = ?', filters.strategy);
  if (filters.status !== undefined) add('o.status = ?', filters.status);
  if (filters.eventType !== undefined) add('e.event_type = ?', filters.eventType);
  for (const condition of extra) add(condition.sql, condition.value);
  return { sql: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, values };
}

/**
 * Inlines $n parameters as quoted literals, for COPY (SELECT …), which takes
 * no bind parameters. Values are our own ISO timestamps and schema-validated
 * strings, and pg.escapeLiteral quotes them regardless.
 */
export function inlineParams(sql: string, values: readonly unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = values[Number(n) - 1];
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value !== 'string') throw new Error(`inlineParams: unsupported value for $${n}`);
    return pg.escapeLiteral(value);
  });
}
