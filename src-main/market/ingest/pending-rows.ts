/**
 * The tick writer's in-memory queue: encoded chunks waiting for the next
 * flush, taken out as batches of whole chunks (each batch gets a fresh id:
 * its identity in ingest_batches and in the journal).
 */
import { randomUUID } from 'node:crypto';
import type { TickBatchToWrite } from './batch-transaction';
import type { JournalRecord } from './journal-format';

export interface TickChunk {
  bytes: Uint8Array;
  rows: number;
  /** Epoch ms (sub-ms) the feed received the chunk's ticks. */
  receivedAt: number;
}

export interface PendingBatch extends TickBatchToWrite {
  chunks: Uint8Array[];
  receivedAts: number[];
  chunkRows: number[];
}

export class PendingRows {
  #chunks: TickChunk[] = [];
  #rows = 0;
  /** When the oldest waiting chunk arrived (epoch ms): a flush is due flushMs after it. */
  firstAt = 0;

  get rows(): number {
    return this.#rows;
  }

  push(chunk: TickChunk, now: number): void {
    if (this.#rows === 0) this.firstAt = now;
    this.#chunks.push(chunk);
    this.#rows += chunk.rows;
  }

  /** Whole chunks up to maxRows (at least one chunk), or null when empty. */
  take(maxRows: number): PendingBatch | null {
    if (this.#rows === 0) return null;
    const batch: PendingBatch = { batchId: randomUUID(), rows: 0, chunks: [], receivedAts: [], chunkRows: [] };
    while (this.#chunks.length > 0 && (batch.rows === 0 || batch.rows + (this.#chunks[0] as TickChunk).rows <= maxRows)) {
      const chunk = this.#chunks.shift() as TickChunk;
      batch.chunks.push(chunk.bytes);
      batch.receivedAts.push(chunk.receivedAt);
      batch.chunkRows.push(chunk.rows);
      batch.rows += chunk.rows;
    }
    this.#rows -= batch.rows;
    if (this.#rows > 0) this.firstAt = (this.#chunks[0] as TickChunk).receivedAt;
    return batch;
  }
}

/** Each chunk of a batch as a batch of its own (fresh ids), to find the one PostgreSQL refuses. */
export function splitBatch(batch: PendingBatch): PendingBatch[] {
  return batch.chunks.map((bytes, i) => ({ batchId: randomUUID(), rows: batch.chunkRows[i] as number, chunks: [bytes], receivedAts: [batch.receivedAts[i] as number], chunkRows: [batch.chunkRows[i] as number] }));
}

export function batchToRecord(batch: PendingBatch): JournalRecord {
  return { batchId: batch.batchId, rows: batch.rows, receivedAt: Math.min(...batch.receivedAts), payload: concat(batch.chunks) };
}

export function recordToBatch(record: JournalRecord): TickBatchToWrite {
  return { batchId: record.batchId, rows: record.rows, chunks: [record.payload] };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  let size = 0;
  for (const chunk of chunks) size += chunk.byteLength;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
