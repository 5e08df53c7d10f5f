import type { ProgressUpdate } from '../backup/progress';

const units = ['B', 'KB', 'MB', 'GB', 'TB'];

/** "812 KB", "42.5 MB": the units the UI shows too. */
export function formatSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 || value >= 100 ? 0 : 1)} ${units[unit]}`;
}

const phaseNames: Record<ProgressUpdate['phase'], string> = {
  starting: 'Starting',
  copying: 'Copying',
  wal: 'Copying WAL',
  finishing: 'Finishing',
  recovering: 'Recovering a copy',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** One line of CLI progress: "Copying  42%  120.5 MB / 286.1 MB  (1200/1384 files)". */
export function progressLine(update: ProgressUpdate): string {
  const percent = update.bytesTotal > 0 ? `${String(Math.floor((100 * update.bytesDone) / update.bytesTotal)).padStart(3)}%` : '   -';
  const files = update.filesTotal > 0 ? `  (${update.filesDone}/${update.filesTotal} files)` : '';
  return `${phaseNames[update.phase]}  ${percent}  ${formatSize(update.bytesDone)} / ${formatSize(update.bytesTotal)}${files}`;
}
