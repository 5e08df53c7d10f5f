/**
 * Reads partition bounds as PostgreSQL prints them (`pg_get_expr(relpartbound)`)
 * back into epoch milliseconds, whatever the session's TimeZone was, so the
 * planner compares instants rather than text.
 */

/** A partition of the parent as it exists in the database. */
export interface ExistingPartition {
  name: string;
  kind: 'default' | 'range' | 'other';
  /** Inclusive lower bound, epoch ms; -Infinity for MINVALUE; NaN when kind !== 'range'. */
  fromMs: number;
  /** Exclusive upper bound, epoch ms; +Infinity for MAXVALUE; NaN when kind !== 'range'. */
  toMs: number;
}

const TIMESTAMP =
  /^'(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:([+-])(\d{2})(?::?(\d{2}))?(?::(\d{2}))?)?'$/;

/** `'2026-11-20 18:30:00+00'` / `'2026-11-21 00:00:00+05:30'` / MINVALUE / MAXVALUE → epoch ms, or NaN. */
export function parseBoundValue(text: string): number {
  const value = text.trim();
  if (value === 'MINVALUE') return Number.NEGATIVE_INFINITY;
  if (value === 'MAXVALUE') return Number.POSITIVE_INFINITY;
  const m = TIMESTAMP.exec(value);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s, fraction = '', sign, oh = '0', om = '0', os = '0'] = m;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  // A timestamptz always prints an offset; a bare timestamp would be ambiguous, so refuse it.
  if (!sign) return Number.NaN;
  const offsetMs = (Number(oh) * 3600 + Number(om) * 60 + Number(os)) * 1000;
  return sign === '+' ? local - offsetMs : local + offsetMs;
}

/** One row of LIST_PARTITIONS_SQL → ExistingPartition. Never throws: unknown shapes become kind 'other'. */
export function parsePartitionRow(row: { name: string; bound: string | null }): ExistingPartition {
  const bound = (row.bound ?? '').trim();
  if (bound === 'DEFAULT') return { name: row.name, kind: 'default', fromMs: Number.NaN, toMs: Number.NaN };
  const m = /^FOR VALUES FROM \((.+)\) TO \((.+)\)$/.exec(bound);
  if (m) {
    const fromMs = parseBoundValue(m[1] ?? '');
    const toMs = parseBoundValue(m[2] ?? '');
    if (!Number.isNaN(fromMs) && !Number.isNaN(toMs) && fromMs < toMs) {
      return { name: row.name, kind: 'range', fromMs, toMs };
    }
  }
  return { name: row.name, kind: 'other', fromMs: Number.NaN, toMs: Number.NaN };
}

export function parsePartitionRows(rows: readonly { name: string; bound: string | null }[]): ExistingPartition[] {
  return rows.map(parsePartitionRow);
}
