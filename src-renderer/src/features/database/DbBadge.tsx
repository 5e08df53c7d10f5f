import type { DbStatus } from '../../../../src-shared/domain/db-status';
import { formatIstDateTime } from '../../format/ist-time';
import { useConnectionStore } from '../../stores/connection-store';
import { useDbStatusStore } from '../../stores/db-status-store';

function describe(status: DbStatus): string {
  switch (status.state) {
    case 'ready': {
      const since = status.readySince ? `, ready since ${formatIstDateTime(new Date(status.readySince))}` : '';
      return `PostgreSQL ${status.version ?? '?'} on port ${status.port ?? '?'}${since}`;
    }
    case 'starting':
      return 'PostgreSQL is starting';
    case 'restarting':
      return `PostgreSQL is restarting: ${status.reason ?? 'no reason given'}`;
    case 'failed':
      return `PostgreSQL failed: ${status.reason ?? 'no reason given'}`;
    case 'stopped':
      return 'PostgreSQL is stopped';
  }
}

interface DbBadgeViewProps {
  status: DbStatus | null;
  /** The connection to main is down, so this is only the last state we heard. */
  stale: boolean;
}

export function DbBadgeView({ status, stale }: DbBadgeViewProps) {
  const state = status?.state ?? 'unknown';
  const detail = status ? describe(status) : 'Waiting for the database state';
  const title = stale ? `Last known state — the connection to Tickdesk is down.\n${detail}` : detail;
  const showReason = status !== null && (status.state === 'restarting' || status.state === 'failed') && status.reason;
  return (
    <span className={`badge db-badge db-${state}${stale ? ' stale' : ''}`} title={title}>
      <span className="badge-label">DB</span>
      <span className="db-dot" aria-hidden="true" />
      <span data-testid="db-state">{state}</span>
      {showReason ? (
        <span className="db-reason" data-testid="db-reason">
          {status.reason}
        </span>
      ) : null}
    </span>
  );
}

export function DbBadge() {
  const status = useDbStatusStore((s) => s.status);
  const connected = useConnectionStore((s) => s.status.state === 'open');
  return <DbBadgeView status={status} stale={status !== null && !connected} />;
}
