/**
 * Forgets ingest_batches ids older than a day, at most every 10 minutes, and
 * only while the journal is empty: an id must outlive every journaled copy of
 * its batch, or a replay could write it twice. (A DELETE of bookkeeping rows;
 * ticks themselves are never deleted.)
 */
import type { Logger } from '../../log';
import { errorMessage } from './write-errors';
import type { WriterConnection } from './writer-connection';

export class BatchIdPruner {
  readonly #keepMs: number;
  readonly #log: Logger;
  #last = Number.NEGATIVE_INFINITY;

  constructor(keepMs: number, log: Logger, readonly everyMs = 600_000) {
    this.#keepMs = keepMs;
    this.#log = log;
  }

  async maybe(now: number, journalEmpty: boolean, connection: WriterConnection): Promise<void> {
    if (now - this.#last < this.everyMs || !journalEmpty) return;
    this.#last = now;
    try {
      const client = await connection.client();
      await client.query('DELETE FROM ingest_batches WHERE committed_at < now() - make_interval(secs => $1)', [this.#keepMs / 1000]);
    } catch (error) {
      await connection.drop();
      this.#log.warn('pruning old ingest batch ids failed; will try again later', { error: errorMessage(error) });
    }
  }
}
