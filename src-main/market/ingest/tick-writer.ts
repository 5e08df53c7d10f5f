/**
 * The COPY writer of market_ticks, on its own connection. A flush goes at
 * 5,000 rows or when the oldest row has waited 20 ms, as ONE transaction
 * (batch id + one COPY, batch-transaction.ts); a slow transaction lets the
 * next flush grow (up to maxTransactionRows), so the writer catches up.
 * Direct flushes commit asynchronously, held until the WAL is flushed
 * (unsure-commits.ts). With PostgreSQL away (not ready, a failed write, or a
 * backlog past maxBacklogRows) the writer is 'journaling': batches go to the
 * bounded on-disk journal under their ids, replayed in order once the server
 * is back (journal-replay.ts); then it writes directly again.
 */
import type { Logger } from '../../log';
import { BatchIdPruner } from './batch-id-pruner';
import { writeTickBatches, type TickBatchToWrite } from './batch-transaction';
import { UnsureCommits, readFlushLsn, readInsertLsn } from './unsure-commits';
import type { Journal } from './journal';
import { JournalSink } from './journal-sink';
import { replayJournalOnce } from './journal-replay';
import { LagSamples, type LagPercentiles } from './lag-stats';
import { PendingRows, splitBatch, type PendingBatch, type TickChunk } from './pending-rows';
import { writerTuning, type CommitInfo, type TickWriterOptions, type TickWriterStats, type WriterMode, type WriterTuning } from './tick-writer-types';
import { saveRejectedBatch } from './rejected-batches';
import { classifyWriteError, errorMessage } from './write-errors';
import { WriterConnection } from './writer-connection';

export type { CommitInfo, TickChunk, TickWriterOptions, TickWriterStats, WriterMode };

export class TickWriter {
  readonly #o: WriterTuning;
  readonly #journal: Journal;
  readonly #ready: () => boolean;
  readonly #rejectedDir: string;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #connection: WriterConnection;
  readonly #lag = new LagSamples();
  readonly #commitListeners = new Set<(info: CommitInfo) => void>();
  readonly #pending = new PendingRows();
  #mode: WriterMode = 'writing';
  #running: Promise<void> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #spills = new Set<Promise<void>>();
  #stats = { writtenRows: 0, transactions: 0, skippedRows: 0, rejectedRows: 0, corruptBytes: 0 };
  #lastError: string | null = null;
  /** A refused (bad-data) batch stays on the health line; outages clear once the journal drains. */
  #lastErrorLasts = false;
  readonly #sink: JournalSink;
  readonly #pruner: BatchIdPruner;
  /** After a transient failure, no new attempt before this instant (no hot retry loop). */
  #backoffUntil = 0;
  /** Committed asynchronously, not yet known to be on disk. */
  readonly #unsure = new UnsureCommits();
  #lastConfirm = 0;

  constructor(options: TickWriterOptions) {
    this.#o = writerTuning(options);
    this.#journal = options.journal;
    this.#ready = options.databaseReady;
    this.#rejectedDir = options.rejectedDir;
    this.#log = options.log;
    this.#now = options.now ?? (() => performance.timeOrigin + performance.now());
    this.#connection = new WriterConnection(options.connect, options.log, this.#o.asyncCommit);
    this.#pruner = new BatchIdPruner(this.#o.keepBatchIdsMs, options.log);
    this.#sink = new JournalSink(this.#journal, options.log, this.#now, (message) => {
      this.#lastError = message;
      this.#lastErrorLasts = false;
    });
    // Ticks left by an earlier run wait in the journal: replay them first.
    if (!this.#journal.isEmpty()) this.#mode = 'journaling';
    this.#stats.corruptBytes += this.#journal.lostAtOpen;
    this.#arm();
  }

  /** Takes a chunk of encoded rows. Never throws; never blocks on the database. */
  write(chunk: TickChunk): void {
    if (chunk.rows === 0) return;
    if (this.#mode === 'stopped') {
      this.#sink.overflowRows += chunk.rows;
      return;
    }
    this.#pending.push(chunk, this.#now());
    if (this.#pending.rows > this.#o.maxBacklogRows) this.#spill();
    this.#arm();
  }

  /** Rows held in memory, not yet in a transaction or the journal (for flow control). */
  get backlogRows(): number {
    return this.#pending.rows;
  }

  stats(): TickWriterStats {
    return {
      mode: this.#mode,
      ...this.#stats,
      journaledRows: this.#sink.journaledRows,
      overflowRows: this.#sink.overflowRows,
      journalBytes: this.#journal.pendingBytes,
      backlogRows: this.#pending.rows,
      lastError: this.#lastError,
    };
  }

  /** Receipt → commit latency of the rows committed since the previous call. */
  takeLag = (): LagPercentiles | null => this.#lag.take();

  onCommit(listener: (info: CommitInfo) => void): () => void {
    this.#commitListeners.add(listener);
    return () => this.#commitListeners.delete(listener);
  }

  /** Stops: what is still in memory is written, or journaled if the database is away; the journal waits for the next start. */
  async stop(): Promise<void> {
    if (this.#mode === 'stopped') return;
    const wasJournaling = this.#mode === 'journaling' || !this.#journal.isEmpty();
    this.#mode = 'stopped';
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
    await Promise.allSettled([...this.#spills]);
    while (this.#pending.rows > 0) {
      const batch = this.#takePending();
      if (!batch) break;
      if (!wasJournaling && this.#ready() && (await this.#tryDirect(batch))) continue;
      await this.#toJournal(batch);
    }
    // Commits not yet known to be on disk: wait briefly for the WAL flush, else keep them in the journal.
    for (let i = 0; i < 10 && this.#unsure.size > 0 && this.#ready(); i += 1) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      await this.#confirm();
    }
    await this.#journalUnsure();
    await this.#connection.close();
    await this.#journal.close();
  }

  /** Schedules the next step: now when a flush is due, later when it will be. */
  #arm(): void {
    if (this.#running || this.#mode === 'stopped') return;
    let delay: number | null = null;
    if (this.#mode === 'journaling') delay = this.#ready() ? 0 : this.#o.retryMs;
    if (this.#pending.rows >= this.#o.flushRows) delay = 0;
    else if (this.#pending.rows > 0) {
      const due = Math.max(0, this.#pending.firstAt + this.#o.flushMs - this.#now());
      delay = delay === null ? due : Math.min(delay, due);
    }
    if (this.#unsure.size > 0) {
      const due = Math.max(0, this.#lastConfirm + this.#o.confirmMs - this.#now());
      delay = delay === null ? due : Math.min(delay, due);
    }
    if (delay === null) return;
    if (this.#mode === 'journaling') delay = Math.max(delay, this.#backoffUntil - this.#now());
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#running = this.#step()
        .catch((error: unknown) => this.#fail('the tick writer hit an unexpected error', error))
        .finally(() => {
          this.#running = null;
          this.#arm();
        });
    }, delay);
  }

  async #step(): Promise<void> {
    if (this.#unsure.size > 0 && (this.#now() - this.#lastConfirm >= this.#o.confirmMs || this.#unsure.rows > this.#o.maxBacklogRows)) {
      if (this.#ready()) await this.#confirm();
      else await this.#journalUnsure();
    }
    if (this.#mode === 'writing') {
      const batch = this.#takePending();
      if (!batch) return;
      if (this.#ready() && (await this.#tryDirect(batch))) {
        await this.#pruner.maybe(this.#now(), this.#journal.isEmpty(), this.#connection);
        return;
      }
      await this.#journalUnsure();
      await this.#toJournal(batch);
      return;
    }
    if (this.#mode !== 'journaling') return;
    // Order is kept: whatever waits in memory goes behind what waits on disk.
    for (let batch = this.#takePending(); batch; batch = this.#takePending()) await this.#toJournal(batch);
    if (!this.#ready()) return;
    await this.#drainOnce();
    if (this.#journal.isEmpty() && this.#spills.size === 0 && this.#mode === 'journaling') {
      this.#mode = 'writing';
      // The outage that sent ticks to the journal is over: the health line stops showing it.
      if (!this.#lastErrorLasts) this.#lastError = null;
      this.#log.info('the tick journal is drained; writing directly again');
    }
  }

  /** One direct transaction; false (and the connection dropped) on a transient failure. */
  async #tryDirect(batch: PendingBatch): Promise<boolean> {
    const startedAt = this.#now();
    try {
      const client = await this.#connection.client();
      const outcome = await writeTickBatches(client, [batch], { durable: !this.#o.asyncCommit });
      const committedAt = this.#now();
      if (this.#o.asyncCommit) this.#unsure.add(batch, await readInsertLsn(client));
      const lags = batch.chunkRows.map((rows, i) => ({ ms: committedAt - (batch.receivedAts[i] as number), rows }));
      this.#committed(outcome.rows, outcome.skippedRows, startedAt, committedAt, false, lags);
      return true;
    } catch (error) {
      await this.#connection.drop();
      if (classifyWriteError(error) === 'rejected') {
        await this.#isolate(batch, error);
        return true;
      }
      this.#fail('writing ticks failed; they wait in the journal until the database is back', error);
      await this.#journalUnsure();
      return false;
    }
  }

  /** One refused value fails the whole flush: write its chunks one by one so only the bad chunk is set aside. */
  async #isolate(batch: PendingBatch, error: unknown): Promise<void> {
    if (batch.chunks.length === 1) return this.#reject(batch, error);
    for (const one of splitBatch(batch)) if (!(await this.#tryDirect(one))) await this.#toJournal(one);
  }

  #drainOnce(): Promise<void> {
    return replayJournalOnce({
      journal: this.#journal,
      maxRows: this.#o.maxTransactionRows,
      log: this.#log,
      now: this.#now,
      client: () => this.#connection.client(),
      dropClient: () => this.#connection.drop(),
      committed: (outcome, startedAt, committedAt, records) => {
        // A durable commit flushes the WAL before it: every earlier asynchronous commit is on disk too.
        this.#unsure.releaseAll();
        this.#committed(outcome.rows, outcome.skippedRows, startedAt, committedAt, true, records.map((r) => ({ ms: committedAt - r.receivedAt, rows: r.rows })));
      },
      reject: (batch, error) => this.#reject(batch, error),
      failed: async (error) => {
        this.#fail('replaying the tick journal failed; retrying', error);
        await this.#journalUnsure();
      },
      corrupt: (bytes) => (this.#stats.corruptBytes += bytes),
    });
  }

  #committed(rows: number, skippedRows: number, startedAt: number, committedAt: number, fromJournal: boolean, lags: CommitInfo['lags']): void {
    for (const lag of lags) this.#lag.add(lag.ms, lag.rows);
    // A replayed batch found already committed is written all the same (see #journalUnsure).
    this.#stats.writtenRows += fromJournal ? rows + skippedRows : rows;
    this.#stats.skippedRows += skippedRows;
    this.#stats.transactions += 1;
    for (const listener of this.#commitListeners) listener({ rows, startedAt, committedAt, fromJournal, lags });
  }

  /** Asks the server how far its WAL is on disk and lets go of the batches behind that point. */
  async #confirm(): Promise<void> {
    this.#lastConfirm = this.#now();
    try {
      this.#unsure.release(await readFlushLsn(await this.#connection.client()));
    } catch (error) {
      await this.#connection.drop();
      this.#fail('the database did not answer; unconfirmed ticks go to the journal', error);
      await this.#journalUnsure();
    }
  }

  /** The server may have lost asynchronous commits: journal them under their ids (replay skips the survivors). */
  async #journalUnsure(): Promise<void> {
    for (const batch of this.#unsure.takeAll()) {
      this.#stats.writtenRows -= batch.rows;
      await this.#toJournal(batch);
    }
  }

  #takePending = (): PendingBatch | null => this.#pending.take(this.#o.maxTransactionRows);

  /** Memory is full (the server stalls): move the backlog to the journal now, not after the transaction in flight. */
  #spill(): void {
    if (this.#mode === 'writing') {
      this.#mode = 'journaling';
      this.#log.warn('PostgreSQL is not keeping up with the feed; ticks wait in the journal', { backlogRows: this.#pending.rows });
    }
    const batches: PendingBatch[] = [];
    for (let batch = this.#takePending(); batch; batch = this.#takePending()) batches.push(batch);
    const spill = (async () => {
      for (const batch of batches) await this.#toJournal(batch);
    })().finally(() => this.#spills.delete(spill));
    this.#spills.add(spill);
  }

  async #toJournal(batch: PendingBatch): Promise<void> {
    // Invariant: while the journal holds anything the writer is journaling, so it is drained (in order).
    if (this.#mode === 'writing') this.#mode = 'journaling';
    await this.#sink.append(batch);
  }

  async #reject(batch: TickBatchToWrite, error: unknown): Promise<void> {
    this.#stats.rejectedRows += batch.rows;
    const path = await saveRejectedBatch(this.#rejectedDir, batch).catch(() => null);
    this.#fail('PostgreSQL refused a batch of ticks as bad data; it was set aside', error, { rows: batch.rows, savedTo: path });
    this.#lastErrorLasts = true;
  }

  #fail(message: string, error: unknown, fields: Record<string, unknown> = {}): void {
    this.#backoffUntil = this.#now() + this.#o.retryMs;
    this.#lastError = `${message}: ${errorMessage(error)}`;
    this.#lastErrorLasts = false;
    this.#log.warn(message, { error: errorMessage(error), ...fields });
  }
}
