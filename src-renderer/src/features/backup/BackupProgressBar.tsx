import type { BackupProgress } from '../../../../src-shared/contract/domains/backup';
import { formatBytes } from '../../format/bytes';
import { formatCount } from '../../format/quantity';
import { isRunning } from './backup-store';

const operationNames: Record<BackupProgress['operation'], string> = { create: 'Backup', verify: 'Verify', restore: 'Restore' };
const phaseNames: Record<BackupProgress['phase'], string> = {
  starting: 'starting',
  copying: 'copying files',
  wal: 'copying WAL',
  finishing: 'finishing',
  recovering: 'recovering a copy on a throwaway server',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};

export function percentOf(progress: BackupProgress): number {
  return progress.bytesTotal > 0 ? Math.min(100, Math.floor((100 * progress.bytesDone) / progress.bytesTotal)) : 0;
}

/** The running job: what it does, how far (bytes and files), and Cancel. */
export function BackupProgressBar({ progress, onCancel }: { progress: BackupProgress; onCancel(): void }) {
  const running = isRunning(progress);
  return (
    <div className={`bk-progress bk-phase-${progress.phase}`} data-testid="backup-progress" data-phase={progress.phase}>
      <div className="bk-progress-head">
        <span>
          {operationNames[progress.operation]}
          {progress.backupId ? ` ${progress.backupId}` : ''}: {phaseNames[progress.phase]}
        </span>
        {running ? (
          <button type="button" className="dialog-btn" data-testid="backup-cancel" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
      <progress max={Math.max(1, progress.bytesTotal)} value={progress.bytesDone} aria-label="Backup progress" />
      <div className="bk-progress-numbers" data-testid="backup-progress-numbers">
        {percentOf(progress)}% · {formatBytes(progress.bytesDone)} of {formatBytes(progress.bytesTotal)} · {formatCount(progress.filesDone)}/{formatCount(progress.filesTotal)} files
      </div>
      {progress.message && progress.phase === 'failed' ? <p className="bk-error">{progress.message}</p> : null}
    </div>
  );
}
