/**
 * Direct writes commit with synchronous_commit = off: COMMIT returns before
 * the WAL reaches disk (saves an fsync per flush; the commit latency the
 * trader sees drops to the transaction's own work). PostgreSQL flushes that
 * WAL within a few hundred milliseconds, but a server crash in between would
 * lose the transaction — after we had already let go of its ticks.
 *
 * So committed batches are kept here, with the WAL position of their commit,
 * until the server reports its flushed position past it
 * (pg_current_wal_flush_lsn). If the connection fails first, they go to the
 * journal under their batch ids: on replay a batch that did survive is found
 * in ingest_batches and skipped, one that was lost is written. No tick lost,
 * none written twice, and no fsync wait on the hot path.
 */
import type pg from 'pg';
import type { PendingBatch } from './pending-rows';

interface Entry {
  batch: PendingBatch;
  lsn: bigint;
}

/** 'AB/12CD' → a comparable number. */
export function parseLsn(text: string): bigint {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a WAL position`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** Where the server has inserted WAL so far: read right after a COMMIT, it is past that commit's record. */
export async function readInsertLsn(client: pg.Client): Promise<bigint> {
  const { rows } = await client.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
  return parseLsn(rows[0]?.lsn ?? '');
}

/** Where the server's WAL is durably on disk. */
export async function readFlushLsn(client: pg.Client): Promise<bigint> {
  const { rows } = await client.query<{ lsn: string }>('SELECT pg_current_wal_flush_lsn()::text AS lsn');
  return parseLsn(rows[0]?.lsn ?? '');
}

export class UnsureCommits {
  #entries: Entry[] = [];
  #rows = 0;

  get rows(): number {
    return this.#rows;
  }

  get size(): number {
    return this.#entries.length;
  }

  add(batch: PendingBatch, lsn: bigint): void {
    this.#entries.push({ batch, lsn });
    this.#rows += batch.rows;
  }

  /** Lets go of every batch whose commit is at or before the flushed WAL position. */
  release(flushed: bigint): void {
    const keep = this.#entries.filter((e) => e.lsn > flushed);
    if (keep.length === this.#entries.length) return;
    this.#entries = keep;
    this.#rows = keep.reduce((n, e) => n + e.batch.rows, 0);
  }

  /** A durable commit flushed all WAL before it: everything earlier is safe. */
  releaseAll(): void {
    this.#entries = [];
    this.#rows = 0;
  }

  /** The connection failed: hand every unconfirmed batch over (to the journal). */
  takeAll(): PendingBatch[] {
    const out = this.#entries.map((e) => e.batch);
    this.releaseAll();
    return out;
  }
}
