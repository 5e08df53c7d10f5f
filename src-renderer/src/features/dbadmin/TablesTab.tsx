import { Fragment, useState } from 'react';
import type { TableInfo } from '../../../../src-shared/contract/domains/dbadmin';
import { formatBytes } from '../../format/bytes';
import { formatIsoAsIst } from '../../format/ist-time';
import { formatCount } from '../../format/quantity';
import { MaintenancePanel } from './MaintenancePanel';
import { Section, TabBar } from './parts';
import { RetentionForm } from './RetentionForm';
import { groupTables, indexesOf } from './table-groups';
import { useDbAdmin } from './use-dbadmin';

function TableRow({ table, depth, selected, onSelect, toggle }: { table: TableInfo; depth: number; selected: boolean; onSelect: () => void; toggle?: { open: boolean; count: number; onToggle: () => void } }) {
  return (
    <tr className={selected ? 'dba-selected' : undefined} data-testid="table-row" data-table={table.name} onClick={onSelect}>
      <td style={{ paddingLeft: 6 + depth * 14 }}>
        {toggle ? (
          <button
            type="button"
            className="dba-toggle"
            aria-expanded={toggle.open}
            aria-label={`${toggle.open ? 'Hide' : 'Show'} ${toggle.count} partitions of ${table.name}`}
            onClick={(event) => {
              event.stopPropagation();
              toggle.onToggle();
            }}
          >
            {toggle.open ? '▾' : '▸'}
          </button>
        ) : null}
        {table.name}
        {toggle ? <span className="dba-muted"> · {toggle.count} partitions</span> : null}
        {table.bound ? (
          <div className="dba-muted dba-bound" title={table.bound}>
            {table.bound}
          </div>
        ) : null}
      </td>
      <td className="num" title={table.liveRows === null ? undefined : `${formatCount(table.liveRows)} live, ${formatCount(table.deadRows)} dead`}>
        {/* reltuples is unknown until the first VACUUM or ANALYZE; the live-row counter is the next best. */}
        {formatCount(table.rowEstimate ?? table.liveRows)}
      </td>
      <td className="num">{formatBytes(table.totalBytes)}</td>
      <td className="num">{formatBytes(table.tableBytes)}</td>
      <td className="num">{formatBytes(table.indexBytes)}</td>
      <td>{formatIsoAsIst(table.lastVacuum)}</td>
    </tr>
  );
}

/** Tables with their partitions folded under them, the selected one's indexes, retention and maintenance. */
export function TablesTab() {
  const { data, error, loading, refresh } = useDbAdmin('dbadmin.tables', {});
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const groups = data ? groupTables(data.tables) : [];
  const indexes = data && selected ? indexesOf(selected, data.tables, data.indexes) : [];

  const toggle = (name: string) => {
    const next = new Set(open);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setOpen(next);
  };

  return (
    <div data-testid="dbadmin-tables">
      <TabBar loading={loading} error={error} onRefresh={() => void refresh()} />
      <div className="dba-scroll">
        <table className="dba-table" data-testid="tables-table">
          <thead>
            <tr>
              <th>Table</th>
              <th className="num">Rows (est.)</th>
              <th className="num">Total</th>
              <th className="num">Data</th>
              <th className="num">Indexes</th>
              <th>Last vacuum</th>
            </tr>
          </thead>
          <tbody>
            {groups.map(({ table, partitions }) => (
              <Fragment key={table.name}>
                <TableRow
                  table={table}
                  depth={0}
                  selected={selected === table.name}
                  onSelect={() => setSelected(table.name)}
                  toggle={partitions.length > 0 ? { open: open.has(table.name), count: partitions.length, onToggle: () => toggle(table.name) } : undefined}
                />
                {open.has(table.name)
                  ? partitions.map((p) => <TableRow key={p.name} table={p} depth={1} selected={selected === p.name} onSelect={() => setSelected(p.name)} />)
                  : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {selected ? (
        <Section title={`Indexes of ${selected}`}>
          <table className="dba-table" data-testid="indexes-table">
            <thead>
              <tr>
                <th>Index</th>
                <th className="num">Size</th>
                <th className="num">Scans</th>
                <th>Last used</th>
              </tr>
            </thead>
            <tbody>
              {indexes.map((index) => (
                <tr key={index.name} title={index.definition}>
                  <td>
                    {index.name}
                    {index.primary ? <span className="dba-muted"> · primary key</span> : index.unique ? <span className="dba-muted"> · unique</span> : null}
                  </td>
                  <td className="num">{formatBytes(index.bytes)}</td>
                  <td className={index.scans === 0 ? 'num dba-warn' : 'num'}>{formatCount(index.scans)}</td>
                  <td>{formatIsoAsIst(index.lastUsed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}
      <Section title="Maintenance">
        <MaintenancePanel table={selected} onDone={() => void refresh()} />
      </Section>
      <Section title="Retention">
        <RetentionForm />
      </Section>
    </div>
  );
}
