/**
 * SQL text for IST-day partitions. Nothing user-supplied is ever spliced in:
 * table names must match a strict identifier pattern, partition names must be
 * exactly the ones `partitionName` generates, and bound literals are built only
 * from dates that passed `parseIstDay`. The statements are plain strings for
 * the caller's pool; this module opens no connection.
 */
import { addDays, istDayStartUtc, parseIstDay, type IstDay } from '../../src-shared/market/ist-calendar';

const TABLE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const COLUMN_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

export function assertTableName(table: string): string {
  if (!TABLE_PATTERN.test(table)) throw new RangeError(`"${table}" is not an allowed table name`);
  return table;
}

function assertColumnName(column: string): string {
  if (!COLUMN_PATTERN.test(column)) throw new RangeError(`"${column}" is not an allowed column name`);
  return column;
}

/** 'market_ticks', '2026-11-21' → 'market_ticks_p20261121'. */
export function partitionName(table: string, day: IstDay): string {
  return `${assertTableName(table)}_p${parseIstDay(day).replaceAll('-', '')}`;
}

/** The IST day a generated partition name stands for, or null if the name is not one of ours. */
export function dayOfPartitionName(table: string, name: string): IstDay | null {
  const prefix = `${assertTableName(table)}_p`;
  if (!name.startsWith(prefix)) return null;
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(name.slice(prefix.length));
  if (!match) return null;
  const day = `${match[1]}-${match[2]}-${match[3]}`;
  try {
    return parseIstDay(day);
  } catch {
    return null;
  }
}

/** Throws unless `name` is a generated partition name of `table`; returns its day. */
function assertOwnPartition(table: string, name: string): IstDay {
  const day = dayOfPartitionName(table, name);
  if (day === null) throw new RangeError(`"${name}" is not a day partition of ${table}`);
  return day;
}

/** '2026-11-21' → `'2026-11-21 00:00:00+05:30'` (a timestamptz literal at 00:00 IST). */
export function istMidnightLiteral(day: IstDay): string {
  return `'${parseIstDay(day)} 00:00:00+05:30'`;
}

/** The half-open range of a day: [day 00:00 IST, next day 00:00 IST). */
export function dayBounds(day: IstDay): { from: string; to: string; fromMs: number; toMs: number } {
  const next = addDays(day, 1);
  return {
    from: istMidnightLiteral(day),
    to: istMidnightLiteral(next),
    fromMs: istDayStartUtc(day),
    toMs: istDayStartUtc(next),
  };
}

const quote = (identifier: string) => `"${identifier}"`;

/** CREATE TABLE … PARTITION OF … FOR VALUES FROM (day) TO (next day). Fails if it exists (the plan checks first). */
export function createPartitionSql(table: string, day: IstDay): string {
  const { from, to } = dayBounds(day);
  return `CREATE TABLE ${quote(partitionName(table, day))} PARTITION OF ${quote(assertTableName(table))} FOR VALUES FROM (${from}) TO (${to})`;
}

/**
 * Detach before dropping or archiving, so the parent's lock is short and the
 * data can still be copied out. (Not CONCURRENTLY: PostgreSQL refuses that when
 * the parent has a DEFAULT partition, which ours always has.)
 */
export function detachPartitionSql(table: string, name: string): string {
  assertOwnPartition(table, name);
  return `ALTER TABLE ${quote(assertTableName(table))} DETACH PARTITION ${quote(name)}`;
}

/** Drops a detached (or still attached) day partition: retention never uses DELETE. */
export function dropPartitionSql(table: string, name: string): string {
  assertOwnPartition(table, name);
  return `DROP TABLE IF EXISTS ${quote(name)}`;
}

/** For archiving: stream a detached day partition out as CSV (COPY … TO STDOUT, read with pg-copy-streams). */
export function archiveCopySql(table: string, name: string, orderBy = 'ts'): string {
  assertOwnPartition(table, name);
  return `COPY (SELECT * FROM ${quote(name)} ORDER BY ${quote(assertColumnName(orderBy))}) TO STDOUT WITH (FORMAT csv, HEADER true)`;
}

/**
 * Creating a day partition fails while the DEFAULT partition holds rows of that
 * day (ticks that arrived before their partition existed): PostgreSQL answers
 * SQLSTATE 23514 "updated partition constraint for default partition … would
 * be violated by some row". Then these statements,
 * run in ONE transaction, move those rows into the new partition. The parent
 * is locked first so a concurrent COPY cannot slip a row into the default
 * between the move and the CREATE; it waits for the commit instead. The DELETE
 * here moves rows, it is not retention.
 */
export function createPartitionFromDefaultSql(
  table: string,
  day: IstDay,
  defaultPartition: string,
  keyColumn = 'ts',
): string[] {
  const parent = quote(assertTableName(table));
  const def = quote(assertTableName(defaultPartition));
  const key = quote(assertColumnName(keyColumn));
  const { from, to } = dayBounds(day);
  const range = `${key} >= ${from} AND ${key} < ${to}`;
  const staging = quote(`tickdesk_move_${partitionName(table, day)}`.slice(0, 63));
  return [
    `LOCK TABLE ${parent} IN ACCESS EXCLUSIVE MODE`,
    `CREATE TEMP TABLE ${staging} ON COMMIT DROP AS SELECT * FROM ${def} WHERE ${range}`,
    `DELETE FROM ${def} WHERE ${range}`,
    createPartitionSql(table, day),
    `INSERT INTO ${quote(partitionName(table, day))} SELECT * FROM ${staging}`,
  ];
}

/**
 * Lists the partitions of a table with their bounds as PostgreSQL prints them;
 * feed the rows to `parsePartitionRows`. Parameter $1: the table name.
 */
export const LIST_PARTITIONS_SQL = `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = to_regclass($1)
ORDER BY c.relname`;
