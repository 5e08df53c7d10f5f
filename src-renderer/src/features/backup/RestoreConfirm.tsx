import { useEffect, useRef } from 'react';
import type { BackupInfo } from '../../../../src-shared/contract/domains/backup';
import { formatIstDateTime } from '../../format/ist-time';

interface RestoreConfirmProps {
  backup: BackupInfo;
  dataDir: string | null;
  onConfirm(): void;
  onCancel(): void;
}

/** A restore is never one click: say what is replaced, when, and where the current data goes. */
export function RestoreConfirm({ backup, dataDir, onConfirm, onCancel }: RestoreConfirmProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Focus starts on the safe choice.
  useEffect(() => cancelRef.current?.focus(), []);
  const folder = dataDir ?? 'the data folder';
  return (
    <div
      className="bk-confirm"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="bk-confirm-title"
      data-testid="restore-confirm"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onCancel();
      }}
    >
      <h4 id="bk-confirm-title">Restore {backup.label}?</h4>
      <p data-testid="restore-confirm-text">
        The restore replaces the current database at the next start of Tickdesk with the backup taken{' '}
        {formatIstDateTime(new Date(backup.createdAt))}. The current one is kept as <code>{folder}/pg.before-restore-&lt;time of this restore&gt;</code>{' '}
        (never deleted). Orders and ticks recorded after the backup will not be in the restored database.
      </p>
      <div className="bk-confirm-actions">
        <button type="button" ref={cancelRef} className="bk-btn" data-testid="restore-confirm-cancel" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="bk-btn bk-btn-warn" data-testid="restore-confirm-ok" onClick={onConfirm}>
          Restore at next start
        </button>
      </div>
    </div>
  );
}
