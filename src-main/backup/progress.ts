import type { BackupProgress } from '../../src-shared/contract/domains/backup';

export type ProgressPhase = BackupProgress['phase'];

/** What a running job reports; the service adds the job's id and kind. */
export interface ProgressUpdate {
  phase: ProgressPhase;
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
  message: string | null;
}

export type OnProgress = (update: ProgressUpdate) => void;

/** Counts bytes and files as a job goes and hands a snapshot to `report` on every change. */
export class ProgressCounter {
  #state: ProgressUpdate = { phase: 'starting', bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0, message: null };
  readonly #report: OnProgress;

  constructor(report: OnProgress = () => {}) {
    this.#report = report;
  }

  get state(): ProgressUpdate {
    return { ...this.#state };
  }

  phase(phase: ProgressPhase, message: string | null = null): void {
    this.#state = { ...this.#state, phase, message };
    this.#report(this.state);
  }

  addTotal(bytes: number, files: number): void {
    this.#state = { ...this.#state, bytesTotal: this.#state.bytesTotal + bytes, filesTotal: this.#state.filesTotal + files };
    this.#report(this.state);
  }

  bytes = (count: number): void => {
    const bytesDone = this.#state.bytesDone + count;
    // A file that grew while being copied must not push the bar past its end.
    this.#state = { ...this.#state, bytesDone, bytesTotal: Math.max(this.#state.bytesTotal, bytesDone) };
    this.#report(this.state);
  };

  fileDone(): void {
    this.#state = { ...this.#state, filesDone: this.#state.filesDone + 1 };
    this.#report(this.state);
  }
}

/**
 * Limits pushes to the renderer to one per `intervalMs`, but never drops a
 * phase change or the final state: the bar may skip, the outcome may not.
 */
export function throttleProgress(push: (update: ProgressUpdate) => void, intervalMs = 200, now: () => number = Date.now): OnProgress {
  let last = -Infinity;
  let lastPhase: ProgressPhase | null = null;
  return (update) => {
    const at = now();
    if (update.phase === lastPhase && at - last < intervalMs) return;
    last = at;
    lastPhase = update.phase;
    push(update);
  };
}
