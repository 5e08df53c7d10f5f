import { useEffect } from 'react';
import { useClient } from '../../client/client-context';
import { useDbStatusStore } from '../../stores/db-status-store';
import { BackupsDialogView } from './BackupsDialog';
import { percentOf } from './BackupProgressBar';
import {
  cancelBackupJob,
  createBackup,
  discardRestore,
  isRunning,
  onBackupProgress,
  refreshBackups,
  restoreBackup,
  useBackupStore,
  verifyBackup,
} from './backup-store';
import './backup.css';

/**
 * The "Backups" button at the foot of the database pane, and the dialog it
 * opens. Progress events are followed while the app runs, so the button
 * shows a running backup's percentage even with the dialog closed.
 */
export function BackupsLauncher() {
  const client = useClient();
  const open = useBackupStore((s) => s.open);
  const listing = useBackupStore((s) => s.listing);
  const progress = useBackupStore((s) => s.progress);
  const busy = useBackupStore((s) => s.busy);
  const notice = useBackupStore((s) => s.notice);
  const dataDir = useDbStatusStore((s) => s.status?.dataDir ?? null);

  useEffect(
    () =>
      client.on('backup.progress', (payload) => {
        onBackupProgress(payload);
        // A job started elsewhere (the CLI, another window) ends: show its backup in the list.
        if (!isRunning(payload) && useBackupStore.getState().open) void refreshBackups(client);
      }),
    [client],
  );

  useEffect(() => {
    if (open) void refreshBackups(client);
  }, [client, open]);

  const running = isRunning(progress);
  return (
    <>
      <button
        type="button"
        className={`bk-launch ${running ? 'bk-launch-running' : ''}`}
        data-testid="backups-open"
        title="Back up, verify and restore the database"
        onClick={() => useBackupStore.setState({ open: true })}
      >
        Backups{running && progress ? ` · ${progress.operation} ${percentOf(progress)}%` : ''}
      </button>
      {open ? (
        <BackupsDialogView
          listing={listing}
          progress={progress}
          busy={busy}
          notice={notice}
          dataDir={dataDir}
          onCreate={(label) => void createBackup(client, label)}
          onCancelJob={() => void cancelBackupJob(client)}
          onVerify={(id, deep) => void verifyBackup(client, id, deep)}
          onRestore={(id) => void restoreBackup(client, id)}
          onDiscardRestore={() => void discardRestore(client)}
          onClose={() => useBackupStore.setState({ open: false })}
        />
      ) : null}
    </>
  );
}
