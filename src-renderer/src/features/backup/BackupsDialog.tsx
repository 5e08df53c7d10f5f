import { useState } from 'react';
import type { BackupInfo, BackupProgress } from '../../../../src-shared/contract/domains/backup';
import { formatIstDateTime } from '../../format/ist-time';
import { BackupList } from './BackupList';
import { BackupProgressBar } from './BackupProgressBar';
import { isRunning, type BackupListing, type BackupNotice } from './backup-store';
import { RestoreConfirm } from './RestoreConfirm';
import '../../ui/dialog.css';

export interface BackupsDialogViewProps {
  listing: BackupListing | null;
  progress: BackupProgress | null;
  busy: boolean;
  notice: BackupNotice | null;
  dataDir: string | null;
  onCreate(label: string): void;
  onCancelJob(): void;
  onVerify(id: string, deep: boolean): void;
  onRestore(id: string): void;
  onDiscardRestore(): void;
  onClose(): void;
}

const labelPattern = /^[A-Za-z0-9][A-Za-z0-9 _-]{0,39}$/;

/** The Backups dialog: make one now (with progress and cancel), the list, verify and restore. */
export function BackupsDialogView(props: BackupsDialogViewProps) {
  const { listing, progress, busy, notice, dataDir } = props;
  const [label, setLabel] = useState('');
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);
  const running = busy || isRunning(progress);
  const labelOk = label.trim() === '' || labelPattern.test(label.trim());
  const pending = listing?.pendingRestore ?? null;

  return (
    <div className="dialog-backdrop">
      <div
        className="bk-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="bk-title"
        data-testid="backups-dialog"
        onKeyDown={(event) => {
          if (event.key !== 'Escape' || confirming) return;
          event.stopPropagation();
          props.onClose();
        }}
      >
        <div className="bk-head">
          <h3 id="bk-title">Backups</h3>
          <button type="button" className="dialog-btn" data-testid="backups-close" onClick={props.onClose}>
            Close
          </button>
        </div>
        <p className="bk-note">Online backups: trading goes on while one is taken. They are kept in the data folder’s backups/ folder.</p>

        <form
          className="bk-create"
          onSubmit={(event) => {
            event.preventDefault();
            if (!running && labelOk) props.onCreate(label);
          }}
        >
          <input
            value={label}
            maxLength={40}
            placeholder="Label (optional), e.g. before expiry"
            aria-label="Backup label"
            data-testid="backup-label"
            onChange={(event) => setLabel(event.target.value)}
          />
          <button type="submit" className="dialog-btn bk-btn-primary" disabled={running || !labelOk} data-testid="backup-create">
            Back up now
          </button>
        </form>
        {!labelOk ? <p className="bk-error">A label is 1 to 40 letters, digits, spaces, “-” or “_”.</p> : null}

        {progress ? <BackupProgressBar progress={progress} onCancel={props.onCancelJob} /> : null}
        {notice ? (
          <p className={`bk-notice bk-notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="backup-notice">
            {notice.text}
          </p>
        ) : null}

        {pending ? (
          <div className="bk-pending" data-testid="backup-pending">
            A restore of <code>{pending.backupId}</code> (staged {formatIstDateTime(new Date(pending.stagedAt))}) replaces the database at the next start; the current
            one will be kept as <code>{pending.keepCurrentAs}</code>.
            <button type="button" className="dialog-btn" disabled={running} data-testid="backup-discard-restore" onClick={props.onDiscardRestore}>
              Discard
            </button>
          </div>
        ) : null}

        {listing ? (
          <BackupList
            backups={listing.backups}
            damaged={listing.damaged}
            disabled={running}
            onVerify={props.onVerify}
            onRestore={(backup) => setConfirming(backup)}
          />
        ) : (
          <p className="bk-empty">Loading the backups…</p>
        )}

        {confirming ? (
          <RestoreConfirm
            backup={confirming}
            dataDir={dataDir}
            onCancel={() => setConfirming(null)}
            onConfirm={() => {
              setConfirming(null);
              props.onRestore(confirming.id);
            }}
          />
        ) : null}
      </div>
    </div>
  );
}
