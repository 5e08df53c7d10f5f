import type { BackupInfo } from '../../../../src-shared/contract/domains/backup';
import { formatBytes } from '../../format/bytes';
import { formatIstDateTime } from '../../format/ist-time';

function verifiedText(backup: BackupInfo): { text: string; tone: 'ok' | 'bad' | 'none' } {
  const check = backup.verification;
  if (!check) return { text: 'never verified', tone: 'none' };
  const when = formatIstDateTime(new Date(check.at));
  if (!check.ok) return { text: `FAILED ${when}`, tone: 'bad' };
  return { text: `${check.deep ? 'deep-verified' : 'verified'} ${when}`, tone: 'ok' };
}

interface BackupListProps {
  backups: BackupInfo[];
  damaged: Array<{ id: string; problem: string }>;
  /** A job runs: actions wait for it. */
  disabled: boolean;
  onVerify(id: string, deep: boolean): void;
  onRestore(backup: BackupInfo): void;
}

/** Completed backups, newest first, with size, date (IST), verified state and actions. */
export function BackupList({ backups, damaged, disabled, onVerify, onRestore }: BackupListProps) {
  if (backups.length === 0 && damaged.length === 0) {
    return (
      <p className="bk-empty" data-testid="backup-empty">
        No backups yet.
      </p>
    );
  }
  return (
    <table className="bk-table" data-testid="backup-list">
      <thead>
        <tr>
          <th>Backup</th>
          <th>Taken</th>
          <th className="bk-num">Size</th>
          <th>Verified</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {backups.map((backup) => {
          const verified = verifiedText(backup);
          return (
            <tr key={backup.id} data-testid="backup-row" data-id={backup.id}>
              <td>
                <div className="bk-label">{backup.label}</div>
                <code className="bk-id">{backup.id}</code>
              </td>
              <td>{formatIstDateTime(new Date(backup.createdAt))}</td>
              <td className="bk-num">{formatBytes(backup.sizeBytes)}</td>
              <td className={`bk-verified bk-verified-${verified.tone}`} data-testid="backup-verified" title={backup.verification?.problems.join('\n') ?? ''}>
                {verified.text}
              </td>
              <td className="bk-actions">
                <button type="button" className="dialog-btn" disabled={disabled} data-testid="backup-verify" onClick={() => onVerify(backup.id, false)}>
                  Verify
                </button>
                <button
                  type="button"
                  className="dialog-btn"
                  disabled={disabled}
                  data-testid="backup-verify-deep"
                  title="Also recover a copy on a throwaway server and count the ledger"
                  onClick={() => onVerify(backup.id, true)}
                >
                  Deep
                </button>
                <button type="button" className="dialog-btn bk-btn-warn" disabled={disabled} data-testid="backup-restore" onClick={() => onRestore(backup)}>
                  Restore…
                </button>
              </td>
            </tr>
          );
        })}
        {damaged.map((entry) => (
          <tr key={entry.id} className="bk-damaged" data-testid="backup-damaged">
            <td>
              <code className="bk-id">{entry.id}</code>
            </td>
            <td colSpan={4}>Damaged: {entry.problem}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
