/**
 * Runs one backup job (create, verify or restore) at a time: a second one is refused
 * with CONFLICT naming the one running, progress goes out throttled with a last word
 * (done, failed, cancelled), and a failure becomes the envelope the renderer shows.
 */
import { randomBytes } from 'node:crypto';
import { ContractError } from '../../src-shared/contract/errors';
import type { BackupOperation, BackupProgress } from '../../src-shared/contract/domains/backup';
import type { Logger } from '../log';
import { BackupFailure, isCancelled, messageOf } from './backup-errors';
import { throttleProgress, type OnProgress, type ProgressUpdate } from './progress';

export type Outcome<T> = { status: 'done'; value: T } | { status: 'cancelled' };

interface Job {
  progress: BackupProgress;
  abort: AbortController;
  done: Promise<unknown>;
}

/** Turns a job's failure into the envelope the renderer shows. */
export function toContractError(error: unknown): ContractError {
  if (error instanceof ContractError) return error;
  if (error instanceof BackupFailure) return new ContractError(error.diskFull ? 'UNAVAILABLE' : 'INTERNAL', error.message);
  if ((error as { notFound?: boolean }).notFound) return new ContractError('NOT_FOUND', messageOf(error));
  return new ContractError('INTERNAL', messageOf(error));
}

export class BackupJobs {
  #job: Job | null = null;

  constructor(
    private readonly emit: (progress: BackupProgress) => void,
    private readonly log: Logger,
  ) {}

  /** The job running now, if any. */
  get running(): { readonly progress: BackupProgress; readonly abort: AbortController } | null {
    return this.#job;
  }

  async run<T>(operation: BackupOperation, backupId: string | null, work: (signal: AbortSignal, onProgress: OnProgress) => Promise<T>): Promise<Outcome<T>> {
    if (this.#job) {
      const { operation: busy, bytesDone, bytesTotal } = this.#job.progress;
      const percent = bytesTotal > 0 ? ` (${Math.floor((100 * bytesDone) / bytesTotal)}%)` : '';
      throw new ContractError('CONFLICT', `A backup ${busy} is already running${percent}; wait for it or cancel it.`);
    }
    const progress: BackupProgress = { jobId: randomBytes(6).toString('hex'), operation, backupId, phase: 'starting', bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0, message: null };
    const current: Job = { progress, abort: new AbortController(), done: Promise.resolve() };
    const push = throttleProgress((update: ProgressUpdate) => this.emit({ ...current.progress, ...update }));
    const onProgress: OnProgress = (update) => {
      current.progress = { ...current.progress, ...update };
      push(update);
    };
    this.#job = current;
    this.emit(progress);
    const finish = (phase: 'done' | 'failed' | 'cancelled', message: string | null) => this.emit({ ...current.progress, phase, message: message ?? current.progress.message });
    const done = work(current.abort.signal, onProgress);
    current.done = done.catch(() => {});
    try {
      const value = await done;
      finish('done', null);
      return { status: 'done', value };
    } catch (error) {
      if (isCancelled(error)) {
        finish('cancelled', 'Cancelled; nothing was left behind.');
        return { status: 'cancelled' };
      }
      const failure = toContractError(error);
      finish('failed', failure.message);
      this.log.error(`backup ${operation} failed`, { backupId, error: failure.message });
      throw failure;
    } finally {
      this.#job = null;
    }
  }

  /** Cancels a running job and waits until it has cleaned up. */
  async stop(): Promise<void> {
    const running = this.#job;
    if (!running) return;
    running.abort.abort();
    await running.done;
  }
}
