import type { ReactNode } from 'react';
import type { DbStatus } from '../../../../src-shared/domain/db-status';
import { formatBytes } from '../../format/bytes';
import { dash } from '../../format/dash';
import { formatIstDateTime } from '../../format/ist-time';
import { useConnectionStore } from '../../stores/connection-store';
import { useDbStatusStore } from '../../stores/db-status-store';
import { DbAdminTabs } from '../dbadmin/DbAdminTabs';
import { Pane } from '../workspace/Pane';

function rows(status: DbStatus): Array<[key: string, label: string, value: ReactNode]> {
  return [
    ['state', 'State', status.state],
    ['version', 'PostgreSQL', status.version ?? dash],
    ['port', 'Port', status.port ?? dash],
    ['pid', 'PID', status.pid ?? dash],
    ['data-dir', 'Data folder', <code>{status.dataDir}</code>],
    ['size', 'Size', status.sizeBytes === null ? dash : formatBytes(status.sizeBytes)],
    ['schema', 'Schema', status.schemaVersion ?? 'no migration applied'],
    ['restarts', 'Restarts', status.restarts],
    ['ready-since', 'Ready since', status.readySince ? formatIstDateTime(new Date(status.readySince)) : dash],
  ];
}

interface DatabasePaneViewProps {
  status: DbStatus | null;
  readError: string | null;
  /** The link to main is down: what is shown is only the last state heard. */
  stale: boolean;
  /** Hosts the status list in the database panel's tabs (features/dbadmin); without it the list stands alone. */
  renderTabs?: (statusView: ReactNode) => ReactNode;
}

export function DatabasePaneView({ status, readError, stale, renderTabs }: DatabasePaneViewProps) {
  const statusView = (
    <>
      {status && stale ? (
        <p className="pane-stale" data-testid="db-stale">
          Last known state — the connection to Tickdesk is down.
        </p>
      ) : null}
      {status ? (
        <dl className="kv">
          {rows(status).map(([key, label, value]) => (
            <div className="kv-row" key={key}>
              <dt>{label}</dt>
              <dd data-testid={`db-field-${key}`}>{value}</dd>
            </div>
          ))}
          {status.reason ? (
            <div className="kv-row">
              <dt>Reason</dt>
              <dd data-testid="db-field-reason">{status.reason}</dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <p className="pane-note">Waiting for the database state…</p>
      )}
      {readError ? <p className="pane-error">Could not read the state: {readError}</p> : null}
    </>
  );
  return (
    <Pane title="Database" area="database" testId="pane-database">
      {renderTabs ? renderTabs(statusView) : statusView}
    </Pane>
  );
}

export function DatabasePane() {
  const status = useDbStatusStore((s) => s.status);
  const readError = useDbStatusStore((s) => s.readError);
  const connected = useConnectionStore((s) => s.status.state === 'open');
  return <DatabasePaneView status={status} readError={readError} stale={!connected} renderTabs={(statusView) => <DbAdminTabs status={statusView} />} />;
}
