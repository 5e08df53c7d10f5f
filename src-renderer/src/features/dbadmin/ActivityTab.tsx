import { useState } from 'react';
import type { ConnectionInfo } from '../../../../src-shared/contract/domains/dbadmin';
import { formatSince } from '../../format/duration';
import { TabBar } from './parts';
import { useDbAdmin } from './use-dbadmin';

export const ACTIVITY_REFRESH_MS = 3_000;

/** An active query's age, or an open transaction's (idle in transaction holds locks and old snapshots). */
function runningFor(c: ConnectionInfo, serverTime: string): string {
  if (c.state === 'active') return formatSince(c.queryStart, serverTime);
  if (c.state?.startsWith('idle in transaction')) return formatSince(c.xactStart, serverTime);
  return '—';
}

/** pg_stat_activity, re-read every few seconds while the tab is open (and not paused). */
export function ActivityTab() {
  const [live, setLive] = useState(true);
  const [background, setBackground] = useState(false);
  const { data, error, loading, refresh } = useDbAdmin('dbadmin.activity', {}, live ? ACTIVITY_REFRESH_MS : undefined);
  const rows = (data?.connections ?? []).filter((c) => background || c.backendType === 'client backend');
  return (
    <div data-testid="dbadmin-activity">
      <TabBar loading={loading} error={error} onRefresh={() => void refresh()}>
        <label className="dba-check">
          <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} /> every {ACTIVITY_REFRESH_MS / 1000} s
        </label>
        <label className="dba-check">
          <input type="checkbox" checked={background} onChange={(e) => setBackground(e.target.checked)} /> background processes
        </label>
      </TabBar>
      <div className="dba-scroll">
        <table className="dba-table" data-testid="activity-table">
          <thead>
            <tr>
              <th>PID</th>
              <th>User</th>
              <th>Application</th>
              <th>State</th>
              <th>Running for</th>
              <th>Waiting on</th>
              <th>Query</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.pid} data-testid="activity-row" className={c.isSelf ? 'dba-self' : undefined}>
                <td className="num">{c.pid}</td>
                <td>{c.user ?? c.backendType}</td>
                <td>{c.application || '—'}</td>
                <td>{c.state ?? '—'}</td>
                <td className="num">{runningFor(c, data?.serverTime ?? '')}</td>
                {/* An idle connection always "waits" for its client: not worth a column's attention. */}
                <td>{c.waitEventType && c.state !== 'idle' ? `${c.waitEventType}: ${c.waitEvent ?? ''}` : '—'}</td>
                <td className="dba-query" title={c.query}>
                  {c.isSelf ? '(this panel) ' : ''}
                  {c.query}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
