import type { IndexInfo, TableInfo } from '../../../../src-shared/contract/domains/dbadmin';

export interface TableGroup {
  table: TableInfo;
  /** Its partitions (any depth, flattened), newest day first: the names end in the IST date. */
  partitions: TableInfo[];
}

/** Top-level tables, biggest first, each with its partitions under it. */
export function groupTables(tables: readonly TableInfo[]): TableGroup[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const rootOf = (table: TableInfo): TableInfo => {
    let current = table;
    const seen = new Set<string>();
    while (current.parent !== null && !seen.has(current.name)) {
      seen.add(current.name);
      const parent = byName.get(current.parent);
      if (!parent) break;
      current = parent;
    }
    return current;
  };
  const groups = new Map<string, TableGroup>();
  for (const table of tables) if (table.parent === null) groups.set(table.name, { table, partitions: [] });
  for (const table of tables) {
    if (table.parent === null) continue;
    const root = rootOf(table);
    const group = groups.get(root.name) ?? { table: root, partitions: [] };
    groups.set(root.name, group);
    group.partitions.push(table);
  }
  const result = [...groups.values()];
  for (const group of result) group.partitions.sort((a, b) => b.name.localeCompare(a.name));
  return result.sort((a, b) => b.table.totalBytes - a.table.totalBytes || a.table.name.localeCompare(b.table.name));
}

/** The indexes of a table, or of all its partitions for a partitioned one. */
export function indexesOf(name: string, tables: readonly TableInfo[], indexes: readonly IndexInfo[]): IndexInfo[] {
  const group = groupTables(tables).find((g) => g.table.name === name);
  const names = new Set([name, ...(group?.partitions.map((p) => p.name) ?? [])]);
  return indexes.filter((index) => names.has(index.table)).sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
}
