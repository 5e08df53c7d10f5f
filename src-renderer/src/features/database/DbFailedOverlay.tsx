import type { ReactNode } from 'react';
import type { AppInfo } from '../../../../src-shared/domain/app-info';
import type { DbStatus } from '../../../../src-shared/domain/db-status';
import { useAppInfoStore } from '../../stores/app-info-store';
import { useDbStatusStore } from '../../stores/db-status-store';

function restartAdvice(mode: AppInfo['mode'] | undefined): ReactNode {
  if (mode === 'electron') return 'then quit Tickdesk and start it again.';
  if (mode === 'browser') {
    return (
      <>
        then stop <code>tickdesk serve</code> with Ctrl-C and start it again.
      </>
    );
  }
  return 'then restart Tickdesk.';
}

/**
 * Covers the workspace when the supervisor gave up: nothing behind it can
 * work without the database, and the trader needs the reason and a next step.
 */
export function DbFailedView({ status, mode }: { status: DbStatus; mode: AppInfo['mode'] | undefined }) {
  return (
    <div className="overlay" role="alert" data-testid="db-failed">
      <div className="overlay-card">
        <h2>The database is not available</h2>
        <p className="overlay-reason" data-testid="db-failed-reason">
          {status.reason ?? 'The database server stopped and could not be brought back.'}
        </p>
        <h3>Your data</h3>
        <p>
          Tickdesk deleted nothing. The data folder <code>{status.dataDir}</code> was left as it was; if a schema
          migration failed, it was rolled back and the database is as it was before it.
        </p>
        <h3>What to do</h3>
        <p>Fix the cause named above (for example disk space, folder permissions or a port in use), {restartAdvice(mode)}</p>
        <p>
          From a terminal, <code>npx tickdesk db status --json</code> shows the database state.
        </p>
      </div>
    </div>
  );
}

export function DbFailedOverlay() {
  const status = useDbStatusStore((s) => s.status);
  const mode = useAppInfoStore((s) => s.info?.mode);
  if (status?.state !== 'failed') return null;
  return <DbFailedView status={status} mode={mode} />;
}
