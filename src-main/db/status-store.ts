import type { DbStatus } from '../../src-shared/domain/db-status';
import type { Logger } from '../log';

/**
 * Holds the current DbStatus and tells every listener about each change.
 * A listener that throws is logged and never stops the others.
 */
export class StatusStore {
  private current: DbStatus;
  private readonly listeners = new Set<(status: DbStatus) => void>();

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.current = {
      state: 'stopped',
      reason: null,
      version: null,
      port: null,
      pid: null,
      dataDir,
      sizeBytes: null,
      schemaVersion: null,
      restarts: 0,
      readySince: null,
    };
  }

  get(): DbStatus {
    return { ...this.current };
  }

  update(patch: Partial<DbStatus>): void {
    const next = { ...this.current, ...patch };
    const changed = (Object.keys(next) as Array<keyof DbStatus>).some((key) => next[key] !== this.current[key]);
    if (!changed) return;
    this.current = next;
    for (const listener of [...this.listeners]) {
      try {
        listener(this.get());
      } catch (error) {
        this.log.error('a database status listener failed', { error: (error as Error).message });
      }
    }
  }

  subscribe(listener: (status: DbStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
