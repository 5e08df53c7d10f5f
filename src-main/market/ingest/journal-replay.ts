/**
 * One step of draining the journal: read up to a transaction's worth of
 * records, write them in ONE durable transaction (batch ids skip what had
 * committed already), then move the journal's read position past them. A
 * data error fails the whole transaction, so the records are then retried
 * one by one and only the refused one is set aside.
 */
import type pg from 'pg';
import type { Logger } from '../../log';
import { writeTickBatches, type BatchWriteOutcome, type TickBatchToWrite } from './batch-transaction';
import type { Journal } from './journal';
import type { JournalRecord } from './journal-format';
import { recordToBatch } from './pending-rows';
import { classifyWriteError } from './write-errors';

export interface ReplayContext {
  journal: Journal;
  maxRows: number;
  log: Logger;
  now: () => number;
  client(): Promise<pg.Client>;
  dropClient(): Promise<void>;
  /** A durable commit went through (it flushed the WAL of every earlier commit too). */
  committed(outcome: BatchWriteOutcome, startedAt: number, committedAt: number, records: readonly JournalRecord[]): void;
  reject(batch: TickBatchToWrite, error: unknown): Promise<void>;
  /** The database is away again: retried later, records stay in the journal. */
  failed(error: unknown): Promise<void>;
  corrupt(bytes: number): void;
}

export async function replayJournalOnce(ctx: ReplayContext): Promise<void> {
  const read = await ctx.journal.read(ctx.maxRows, 64 * 1024 * 1024);
  if (read.corruptBytes > 0) ctx.corrupt(read.corruptBytes);
  if (read.records.length > 0) {
    const startedAt = ctx.now();
    try {
      const outcome = await writeTickBatches(await ctx.client(), read.records.map(recordToBatch));
      ctx.committed(outcome, startedAt, ctx.now(), read.records);
      if (outcome.skippedRows > 0) ctx.log.info('journal replay skipped batches already committed', { batches: outcome.skippedBatches, rows: outcome.skippedRows });
    } catch (error) {
      await ctx.dropClient();
      if (classifyWriteError(error) !== 'rejected') return ctx.failed(error);
      for (const record of read.records) await replayAlone(ctx, record);
    }
  }
  await ctx.journal.advance(read.next);
}

async function replayAlone(ctx: ReplayContext, record: JournalRecord): Promise<void> {
  const startedAt = ctx.now();
  try {
    const outcome = await writeTickBatches(await ctx.client(), [recordToBatch(record)]);
    ctx.committed(outcome, startedAt, ctx.now(), [record]);
  } catch (error) {
    await ctx.dropClient();
    if (classifyWriteError(error) !== 'rejected') throw error;
    await ctx.reject(recordToBatch(record), error);
  }
}
