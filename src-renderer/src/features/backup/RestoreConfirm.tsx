import type { BackupInfo } from '../../../../src-shared/contract/domains/backup';
import { formatIstDateTime } from '../../format/ist-time';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

interface RestoreConfirmProps {
  backup: BackupInfo;
  dataDir: string | null;
  onConfirm(): void;
  onCancel(): void;
}

const testIds = { dialog: 'restore-confirm', confirm: 'restore-confirm-ok', cancel: 'restore-confirm-cancel' };

/** A restore is never one click: say what is replaced, when, and where the current data goes. */
export function RestoreConfirm({ backup, dataDir, onConfirm, onCancel }: RestoreConfirmProps) {
  const folder = dataDir ?? 'the data folder';
  return (
    <ConfirmDialog title={`Restore ${backup.label}?`} confirmLabel="Restore at next start" tone="caution" onConfirm={onConfirm} onCancel={onCancel} testIds={testIds}>
      <p data-testid="restore-confirm-text">
        The restore replaces the current database at the next start of Tickdesk with the backup taken{' '}
        {formatIstDateTime(new Date(backup.createdAt))}. The current one is kept as <code>{folder}/pg.before-restore-&lt;time of this restore&gt;</code>{' '}
        (never deleted). Orders and ticks recorded after the backup will not be in the restored database.
      </p>
    </ConfirmDialog>
  );
}
