/**
 * The exactly-once write of tick batches: one transaction that records the
 * batch ids in ingest_batches and COPYs the rows of those ids not already
 * there. A batch whose earlier attempt did commit (the server died during
 * COMMIT, so we could not know) finds its id present and is skipped.
 */
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_TICKS_SQL, copyPayload } from './copy-binary';

export interface TickBatchToWrite {
  batchId: string;
  rows: number;
  /** Binary COPY rows, header and trailer excluded. */
  chunks: readonly Uint8Array[];
}

export interface BatchWriteOutcome {
  /** Rows copied in this transaction. */
  rows: number;
  /** Batch ids found already committed, skipped. */
  skippedBatches: number;
  skippedRows: number;
}

const RECORD_IDS_SQL = `INSERT INTO ingest_batches (batch_id, rows)
SELECT * FROM unnest($1::uuid[], $2::int[])
ON CONFLICT (batch_id) DO NOTHING
RETURNING batch_id::text AS batch_id`;

/**
 * durable: commit with synchronous_commit on for this transaction (journal
 * replays: the journal's copy is deleted right after, so the commit must be on
 * disk). Direct writes run with the connection's default (off, see
 * unsure-commits.ts).
 */
export async function writeTickBatches(client: pg.Client, batches: readonly TickBatchToWrite[], options: { durable: boolean } = { durable: true }): Promise<BatchWriteOutcome> {
  // One round trip (simple protocol, no parameters).
  await client.query(options.durable ? 'BEGIN; SET LOCAL synchronous_commit TO on' : 'BEGIN');
  try {
    const recorded = await client.query<{ batch_id: string }>(RECORD_IDS_SQL, [batches.map((b) => b.batchId), batches.map((b) => b.rows)]);
    const fresh = new Set(recorded.rows.map((row) => row.batch_id));
    const chunks: Uint8Array[] = [];
    let rows = 0;
    let skippedBatches = 0;
    let skippedRows = 0;
    for (const batch of batches) {
      if (fresh.has(batch.batchId)) {
        chunks.push(...batch.chunks);
        rows += batch.rows;
      } else {
        skippedBatches += 1;
        skippedRows += batch.rows;
      }
    }
    if (rows > 0) await copyIn(client, chunks);
    await client.query('COMMIT');
    return { rows, skippedBatches, skippedRows };
  } catch (error) {
    // On a dead connection this fails too; the server rolls back on its own.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Streams one binary COPY; resolves when the server has accepted every row. Exported for the benchmark's raw-COPY ceiling. */
export function copyIn(client: pg.Client, chunks: readonly Uint8Array[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(COPY_TICKS_SQL));
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    stream.on('error', fail);
    stream.on('finish', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    const parts = copyPayload(chunks);
    let index = 0;
    const pump = () => {
      while (index < parts.length) {
        const part = parts[index] as Uint8Array;
        index += 1;
        if (!stream.write(part)) {
          stream.once('drain', pump);
          return;
        }
      }
      stream.end();
    };
    pump();
  });
}
