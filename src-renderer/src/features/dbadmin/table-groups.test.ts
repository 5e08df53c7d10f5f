import { describe, expect, it } from 'vitest';
import type { IndexInfo, TableInfo } from '../../../../src-shared/contract/domains/dbadmin';
import { groupTables, indexesOf } from './table-groups';

const t = (name: string, parent: string | null, totalBytes = 0, kind: TableInfo['kind'] = parent ? 'partition' : 'table'): TableInfo => ({
  name, kind, parent, bound: null, rowEstimate: null, liveRows: null, deadRows: null, totalBytes, tableBytes: 0, indexBytes: 0, seqScans: null, indexScans: null, lastVacuum: null, lastAnalyze: null,
});
const ix = (name: string, table: string, bytes: number): IndexInfo => ({ name, table, bytes, scans: 0, tuplesRead: 0, lastUsed: null, unique: false, primary: false, definition: '' });

describe('grouping tables', () => {
  const tables = [
    t('small', null, 10),
    t('ticks', null, 500, 'partitioned'),
    t('ticks_2026', 'ticks', 0, 'partitioned'),
    t('ticks_20260105', 'ticks_2026', 200),
    t('ticks_20260106', 'ticks_2026', 300),
    t('ticks_default', 'ticks', 0),
  ];

  it('puts every partition, at any depth, under its top table, newest first; biggest table first', () => {
    expect(groupTables(tables).map((g) => [g.table.name, g.partitions.map((p) => p.name)])).toEqual([
      ['ticks', ['ticks_default', 'ticks_20260106', 'ticks_20260105', 'ticks_2026']],
      ['small', []],
    ]);
  });

  it('collects a partitioned table’s indexes from its partitions', () => {
    const indexes = [ix('a', 'ticks_20260105', 1), ix('b', 'ticks_20260106', 2), ix('c', 'small', 3)];
    expect(indexesOf('ticks', tables, indexes).map((i) => i.name)).toEqual(['b', 'a']);
    expect(indexesOf('small', tables, indexes).map((i) => i.name)).toEqual(['c']);
  });
});
