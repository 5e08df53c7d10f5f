import type { ReactNode } from 'react';
import type { StatRecord } from '../../../../src-shared/contract/domains/dbadmin';
import { formatBytes } from '../../format/bytes';
import { formatMs } from '../../format/duration';
import { formatIsoAsIst } from '../../format/ist-time';
import { formatCount } from '../../format/quantity';
import { Facts, Section, TabBar } from './parts';
import { useDbAdmin } from './use-dbadmin';

/** How to show a statistics column, by the suffix PostgreSQL names it with. */
function statValue(key: string, value: StatRecord[string]): ReactNode {
  if (value === null) return '—';
  if (typeof value === 'string') return /(_reset|_time)$/.test(key) && !Number.isNaN(Date.parse(value)) ? formatIsoAsIst(value) : value;
  if (key.endsWith('_bytes')) return formatBytes(value);
  if (key.endsWith('_time')) return formatMs(value);
  return formatCount(value);
}

/** A view's row as facts, in PostgreSQL's own column names (they change between versions). */
function StatFacts({ record, testId }: { record: StatRecord; testId: string }) {
  // PostgreSQL's jsonb orders keys by length; the reset time reads best last.
  const entries = Object.entries(record).sort(([a], [b]) => Number(a.endsWith('_reset')) - Number(b.endsWith('_reset')));
  const rows = entries.map(([key, value]): [string, string, ReactNode] => [`${testId}-${key}`, key, statValue(key, value)]);
  return rows.length === 0 ? <p className="pane-note">Not reported by this server.</p> : <Facts rows={rows} testId={testId} />;
}

export function WalTab() {
  const { data, error, loading, refresh } = useDbAdmin('dbadmin.wal', {});
  return (
    <div data-testid="dbadmin-wal">
      <TabBar loading={loading} error={error} onRefresh={() => void refresh()} />
      {data ? (
        <>
          <Facts
            rows={[
              ['lsn', 'Current LSN', <code>{data.currentLsn}</code>],
              ['wal-file', 'WAL file', data.walFile ?? '—'],
              ['wal-disk', 'WAL on disk', data.walBytesOnDisk === null ? '—' : formatBytes(data.walBytesOnDisk)],
              ['checkpoint-time', 'Last checkpoint', formatIsoAsIst(typeof data.lastCheckpoint.checkpoint_time === 'string' ? data.lastCheckpoint.checkpoint_time : null)],
              ['redo-lsn', 'Redo LSN', String(data.lastCheckpoint.redo_lsn ?? '—')],
            ]}
          />
          <Section title="Checkpoints">
            <StatFacts record={data.checkpointer} testId="checkpointer" />
          </Section>
          <Section title="WAL">
            <StatFacts record={data.wal} testId="wal" />
          </Section>
          <Section title="Background writer">
            <StatFacts record={data.bgwriter} testId="bgwriter" />
          </Section>
          <Section title="Settings">
            <Facts rows={data.settings.map((s) => [`setting-${s.name}`, s.name, s.value])} />
          </Section>
        </>
      ) : null}
    </div>
  );
}
