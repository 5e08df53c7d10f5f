/**
 * Archives one expiring day partition as gzip-compressed CSV (with a header
 * row) under `${archiveDir}/<table>/<partition>.csv.gz`, before it is
 * dropped. Written to a .part file and renamed when complete, so a file with
 * the final name is always whole; a failure leaves the partition in place.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { archiveCopySql } from '../market/partition-sql';

export async function archivePartition(client: pg.PoolClient, table: string, partition: string, archiveDir: string): Promise<{ file: string; rows: number }> {
  const sql = archiveCopySql(table, partition);
  const dir = join(archiveDir, table);
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${partition}.csv.gz`);
  const part = `${file}.part`;
  const stream = client.query(copyTo(sql));
  try {
    await pipeline(stream, createGzip({ level: 1 }), createWriteStream(part));
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
  await rename(part, file);
  return { file, rows: stream.rowCount };
}
