/**
 * Batches PostgreSQL refused as bad data are kept, not silently lost: written
 * as a complete binary COPY file (header, rows, trailer) that a person can
 * inspect or load by hand with `COPY market_ticks (...) FROM '<file>' WITH (FORMAT binary)`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyPayload } from './copy-binary';
import type { TickBatchToWrite } from './batch-transaction';

export async function saveRejectedBatch(dir: string, batch: TickBatchToWrite): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${batch.batchId}.pgcopy`);
  await writeFile(path, copyPayload(batch.chunks));
  return path;
}
