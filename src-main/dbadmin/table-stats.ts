import type { IndexInfo, TableInfo } from '../../src-shared/contract/domains/dbadmin';
import { isoOrNull, num, numOrNull, type Queryable } from './sql-values';

interface RelationRow {
  name: string;
  relkind: 'r' | 'p' | 'm';
  parent: string | null;
  bound: string | null;
  reltuples: number;
  live: string | null;
  dead: string | null;
  seq_scan: string | null;
  idx_scan: string | null;
  total_bytes: string;
  table_bytes: string;
  index_bytes: string;
  last_vacuum: Date | null;
  last_analyze: Date | null;
}

// Partitions by their direct parent (pg_inherits, partitions only: not
// old-style inheritance). A partitioned table has no storage of its own;
// its figures are summed from its partitions below.
const RELATIONS_SQL = `
  SELECT c.relname AS name, c.relkind, p.relname AS parent,
         CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound,
         c.reltuples,
         s.n_live_tup AS live, s.n_dead_tup AS dead, s.seq_scan, s.idx_scan,
         pg_total_relation_size(c.oid) AS total_bytes,
         pg_table_size(c.oid) AS table_bytes,
         pg_indexes_size(c.oid) AS index_bytes,
         greatest(s.last_vacuum, s.last_autovacuum) AS last_vacuum,
         greatest(s.last_analyze, s.last_autoanalyze) AS last_analyze
  FROM pg_catalog.pg_class c
  LEFT JOIN pg_catalog.pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
  LEFT JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
  LEFT JOIN pg_catalog.pg_stat_user_tables s ON s.relid = c.oid
  WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'm')
  ORDER BY c.relname`;

// to_jsonb: last_idx_scan exists from PostgreSQL 16 only.
const INDEXES_SQL = `
  SELECT s.indexrelname AS name, s.relname AS table, pg_relation_size(s.indexrelid) AS bytes,
         s.idx_scan, s.idx_tup_read, to_jsonb(s) ->> 'last_idx_scan' AS last_used,
         x.indisunique AS unique, x.indisprimary AS primary, pg_get_indexdef(s.indexrelid) AS definition
  FROM pg_catalog.pg_stat_user_indexes s
  JOIN pg_catalog.pg_index x ON x.indexrelid = s.indexrelid
  WHERE s.schemaname = 'public'
  ORDER BY s.relname, s.indexrelname`;

function kindOf(row: RelationRow): TableInfo['kind'] {
  if (row.relkind === 'p') return 'partitioned';
  if (row.relkind === 'm') return 'matview';
  return row.parent === null ? 'table' : 'partition';
}

function toTable(row: RelationRow): TableInfo {
  return {
    name: row.name,
    kind: kindOf(row),
    parent: row.parent,
    bound: row.bound,
    // -1 (PostgreSQL 14+) means never vacuumed or analysed: unknown, not empty.
    rowEstimate: row.reltuples < 0 ? null : Math.round(row.reltuples),
    liveRows: numOrNull(row.live),
    deadRows: numOrNull(row.dead),
    totalBytes: num(row.total_bytes),
    tableBytes: num(row.table_bytes),
    indexBytes: num(row.index_bytes),
    seqScans: numOrNull(row.seq_scan),
    indexScans: numOrNull(row.idx_scan),
    lastVacuum: isoOrNull(row.last_vacuum),
    lastAnalyze: isoOrNull(row.last_analyze),
  };
}

const sumOrNull = (values: Array<number | null>): number | null => {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
};

/** A partitioned table's figures are the sums of its partitions' (children first, any depth). */
function rollUp(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const children = new Map<string, TableInfo[]>();
  for (const table of tables) {
    if (table.parent !== null) children.set(table.parent, [...(children.get(table.parent) ?? []), table]);
  }
  const done = new Set<string>();
  const visit = (table: TableInfo): TableInfo => {
    if (table.kind !== 'partitioned' || done.has(table.name)) return byName.get(table.name) ?? table;
    done.add(table.name);
    const parts = (children.get(table.name) ?? []).map(visit);
    const rolled: TableInfo = {
      ...table,
      rowEstimate: sumOrNull(parts.map((part) => part.rowEstimate)),
      liveRows: sumOrNull(parts.map((part) => part.liveRows)),
      deadRows: sumOrNull(parts.map((part) => part.deadRows)),
      totalBytes: parts.reduce((sum, part) => sum + part.totalBytes, table.totalBytes),
      tableBytes: parts.reduce((sum, part) => sum + part.tableBytes, table.tableBytes),
      indexBytes: parts.reduce((sum, part) => sum + part.indexBytes, table.indexBytes),
      seqScans: sumOrNull(parts.map((part) => part.seqScans)),
      indexScans: sumOrNull(parts.map((part) => part.indexScans)),
    };
    byName.set(table.name, rolled);
    return rolled;
  };
  return tables.map(visit);
}

export async function readTables(db: Queryable): Promise<{ tables: TableInfo[]; indexes: IndexInfo[] }> {
  const relations = await db.query<RelationRow>(RELATIONS_SQL);
  const indexes = await db.query<{
    name: string;
    table: string;
    bytes: string;
    idx_scan: string | null;
    idx_tup_read: string | null;
    last_used: string | null;
    unique: boolean;
    primary: boolean;
    definition: string;
  }>(INDEXES_SQL);
  return {
    tables: rollUp(relations.rows.map(toTable)),
    indexes: indexes.rows.map((row) => ({
      name: row.name,
      table: row.table,
      bytes: num(row.bytes),
      scans: num(row.idx_scan),
      tuplesRead: num(row.idx_tup_read),
      lastUsed: isoOrNull(row.last_used),
      unique: row.unique,
      primary: row.primary,
      definition: row.definition,
    })),
  };
}
