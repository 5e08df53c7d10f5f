import type { ReactNode } from 'react';
import type { ServerInfo } from '../../../../src-shared/contract/domains/dbadmin';
import { formatBytes } from '../../format/bytes';
import { formatDuration } from '../../format/duration';
import { formatIsoAsIst } from '../../format/ist-time';
import { formatRatioPct } from '../../format/percent';
import { formatCount } from '../../format/quantity';
import { Facts, Section, TabBar } from './parts';
import { useDbAdmin } from './use-dbadmin';

function serverFacts(info: ServerInfo): Array<[string, string, ReactNode]> {
  return [
    ['uptime', 'Uptime', formatDuration(info.uptimeSeconds)],
    ['started', 'Started', formatIsoAsIst(info.startedAt)],
    ['db-size', 'Database', `${info.database} · ${formatBytes(info.databaseBytes)}`],
    ['connections', 'Connections', `${formatCount(info.clientConnections)} of ${formatCount(info.maxConnections)}`],
    ['cache-hit', 'Cache hits', formatRatioPct(info.cacheHitRatio)],
    ['commits', 'Commits', `${formatCount(info.commits)} · ${formatCount(info.rollbacks)} rolled back`],
    ['deadlocks', 'Deadlocks', formatCount(info.deadlocks)],
    ['temp', 'Temp files', formatBytes(info.tempBytes)],
    ['build', 'Build', <code>{info.version}</code>],
  ];
}

/**
 * The supervisor's view (passed in: the Database pane's status list, live
 * from db.status) and the server's own, read on demand.
 */
export function ServerTab({ status }: { status: ReactNode }) {
  const { data, error, loading, refresh } = useDbAdmin('dbadmin.server', {});
  return (
    <div data-testid="dbadmin-server">
      {status}
      <TabBar loading={loading} error={error} onRefresh={() => void refresh()} />
      {data ? (
        <>
          <Facts rows={serverFacts(data)} testId="dba-server-facts" />
          <Section title="Settings">
            <Facts rows={data.settings.map((s) => [`setting-${s.name}`, s.name, s.value])} />
          </Section>
        </>
      ) : null}
    </div>
  );
}
