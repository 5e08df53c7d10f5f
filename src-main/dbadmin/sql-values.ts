/**
 * Small conversions for the panel's catalog queries. The core's pool returns
 * int8 and numeric as strings (exact money); the panel's counters and sizes
 * fit a JavaScript number and are shown, not summed into money.
 */
import type pg from 'pg';

/** What the panel's queries need: a pg.Pool, a PoolClient or a Client. */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export const num = (value: unknown): number => {
  const n = typeof value === 'number' ? value : Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
};

export const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : num(value));

export const isoOrNull = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

export const iso = (value: unknown): string => isoOrNull(value) ?? new Date(0).toISOString();

export const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** A jsonb row (to_jsonb of a statistics view) kept to scalar values. */
export function statRecord(value: unknown): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [key, field] of Object.entries(value)) {
    if (field === null || typeof field === 'number' || typeof field === 'string') out[key] = field;
    else if (typeof field === 'boolean') out[key] = String(field);
  }
  return out;
}

/** current_setting() of each name, in order; unknown names are left out. */
export async function readSettings(db: Queryable, names: readonly string[]): Promise<Array<{ name: string; value: string }>> {
  const { rows } = await db.query<{ name: string; value: string | null }>(
    'SELECT n.name, current_setting(n.name, true) AS value FROM unnest($1::text[]) WITH ORDINALITY AS n(name, i) ORDER BY n.i',
    [names],
  );
  return rows.flatMap((row) => (row.value === null ? [] : [{ name: row.name, value: row.value }]));
}
