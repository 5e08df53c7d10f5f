/** Options, modes and counters of the tick writer (tick-writer.ts). */
import type pg from 'pg';
import type { Logger } from '../../log';
import type { Journal } from './journal';

export interface TickWriterOptions {
  journal: Journal;
  /** A new connection to the current server; throws when there is none. */
  connect: () => Promise<pg.Client>;
  /** The DatabaseService says 'ready'. */
  databaseReady: () => boolean;
  /** Folder for batches PostgreSQL refused as data errors. */
  rejectedDir: string;
  log: Logger;
  flushRows?: number;
  flushMs?: number;
  maxTransactionRows?: number;
  maxBacklogRows?: number;
  /** How often a journaling writer looks whether the database is back. */
  retryMs?: number;
  /** ingest_batches ids older than this are pruned (only while the journal is empty). */
  keepBatchIdsMs?: number;
  /** Direct writes commit asynchronously, kept until the WAL is flushed (unsure-commits.ts). Default true. */
  asyncCommit?: boolean;
  /** How often the flushed WAL position is asked for while batches are unconfirmed. Default 100 ms. */
  confirmMs?: number;
  now?: () => number;
}

export type WriterMode = 'writing' | 'journaling' | 'stopped';

export interface TickWriterStats {
  mode: WriterMode;
  /** Rows known to be in market_ticks: committed by this writer, or found committed when replaying the journal. */
  writtenRows: number;
  transactions: number;
  /** Rows of replayed batches found already committed (written once, skipped now). */
  skippedRows: number;
  journaledRows: number;
  journalBytes: number;
  overflowRows: number;
  rejectedRows: number;
  /** Journal bytes lost to damage (torn or corrupt records). */
  corruptBytes: number;
  backlogRows: number;
  lastError: string | null;
}

export interface CommitInfo {
  rows: number;
  /** Epoch ms the transaction started and committed. */
  startedAt: number;
  committedAt: number;
  fromJournal: boolean;
  /** Receipt → commit of each chunk in the transaction (ms), with its rows: for latency distributions. */
  lags: Array<{ ms: number; rows: number }>;
}

export type WriterTuning = Required<Omit<TickWriterOptions, 'journal' | 'connect' | 'databaseReady' | 'rejectedDir' | 'log' | 'now'>>;

/** The defaults: flush at 5,000 rows or 20 ms, transactions up to 50,000 rows, 250,000 rows in memory at most. */
export function writerTuning(options: TickWriterOptions): WriterTuning {
  return {
    flushRows: options.flushRows ?? 5_000,
    flushMs: options.flushMs ?? 20,
    maxTransactionRows: options.maxTransactionRows ?? 50_000,
    maxBacklogRows: options.maxBacklogRows ?? 250_000,
    retryMs: options.retryMs ?? 250,
    keepBatchIdsMs: options.keepBatchIdsMs ?? 86_400_000,
    asyncCommit: options.asyncCommit ?? true,
    confirmMs: options.confirmMs ?? 100,
  };
}
