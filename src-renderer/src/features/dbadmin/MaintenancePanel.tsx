import { useState } from 'react';
import type { MaintenanceAction } from '../../../../src-shared/contract/domains/dbadmin';
import { useClient } from '../../client/client-context';
import { formatMs } from '../../format/duration';
import { errorMessage } from '../../format/error-message';
import { formatIsoAsIst } from '../../format/ist-time';
import { useDbAdmin } from './use-dbadmin';

/**
 * Maintenance on demand for the selected table, or a partition manager pass,
 * and the log of past runs (kept in the database, so it survives restarts).
 */
export function MaintenancePanel({ table, onDone }: { table: string | null; onDone: () => void }) {
  const client = useClient();
  const log = useDbAdmin('dbadmin.maintenanceLog', { limit: 20 });
  const [running, setRunning] = useState<MaintenanceAction | null>(null);
  const [runError, setRunError] = useState<string | null>(null);

  const run = async (action: MaintenanceAction) => {
    setRunning(action);
    setRunError(null);
    try {
      await client.call('dbadmin.maintain', action === 'partitions' || !table ? { action } : { action, table });
      onDone();
    } catch (caught) {
      setRunError(errorMessage(caught));
    } finally {
      setRunning(null);
      await log.refresh();
    }
  };

  return (
    <div className="dba-maintenance" data-testid="maintenance-panel">
      <div className="dba-toolbar">
        <button type="button" disabled={!table || running !== null} onClick={() => void run('vacuum-analyze')} data-testid="maintain-vacuum">
          {running === 'vacuum-analyze' ? 'Vacuuming…' : 'VACUUM (ANALYZE)'}
        </button>
        <button type="button" disabled={!table || running !== null} onClick={() => void run('analyze')} data-testid="maintain-analyze">
          {running === 'analyze' ? 'Analysing…' : 'ANALYZE'}
        </button>
        <span className="dba-muted">{table ? <code>{table}</code> : 'select a table'}</span>
        <button type="button" disabled={running !== null} onClick={() => void run('partitions')} data-testid="maintain-partitions">
          {running === 'partitions' ? 'Running…' : 'Run partition maintenance'}
        </button>
      </div>
      {runError ? (
        <p className="pane-error" role="alert">
          {runError}
        </p>
      ) : null}
      <ol className="dba-log" data-testid="maintenance-log">
        {(log.data?.entries ?? []).map((entry) => (
          <li key={entry.id} className={entry.ok ? undefined : 'dba-log-failed'}>
            <span className="dba-muted">{formatIsoAsIst(entry.at)}</span> {entry.message} <span className="dba-muted">({formatMs(entry.ms)})</span>
          </li>
        ))}
        {log.data && log.data.entries.length === 0 ? <li className="dba-muted">No maintenance run yet.</li> : null}
      </ol>
    </div>
  );
}
