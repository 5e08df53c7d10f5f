/**
 * The tick writer's way into the journal: appends a batch under its id and
 * counts it; when the journal is full (or the disk fails) the rows are
 * counted as dropped and the drop is logged loudly, at most every 5 s.
 */
import type { Logger } from '../../log';
import type { Journal } from './journal';
import { batchToRecord, type PendingBatch } from './pending-rows';
import { errorMessage } from './write-errors';

export class JournalSink {
  journaledRows = 0;
  overflowRows = 0;
  readonly #journal: Journal;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #onError: (message: string) => void;
  #loggedAt = Number.NEGATIVE_INFINITY;

  constructor(journal: Journal, log: Logger, now: () => number, onError: (message: string) => void) {
    this.#journal = journal;
    this.#log = log;
    this.#now = now;
    this.#onError = onError;
  }

  async append(batch: PendingBatch): Promise<void> {
    try {
      if ((await this.#journal.append(batchToRecord(batch))) === 'ok') {
        this.journaledRows += batch.rows;
        return;
      }
      this.#dropped(batch.rows, `The tick journal is full (${this.#journal.diskBytes} bytes); ticks are being dropped until the database catches up.`);
    } catch (error) {
      this.#dropped(batch.rows, `Writing to the tick journal failed (${errorMessage(error)}); ticks are being dropped.`);
    }
  }

  #dropped(rows: number, message: string): void {
    this.overflowRows += rows;
    this.#onError(message);
    if (this.#now() - this.#loggedAt < 5_000) return;
    this.#loggedAt = this.#now();
    this.#log.error(`TICKS DROPPED: ${message}`, { droppedRows: this.overflowRows, journalBytes: this.#journal.diskBytes });
  }
}
