/**
 * The morning drill for Kotak: ask for today's scrip master file paths (under the
 * session's base URL, Authorization = consumer key), download each segment we trade,
 * parse it as it streams (scrip-master.ts: bad rows counted with their lines, never
 * fatal), and upsert into `instruments` WITH the freeze quantity, in batches inside
 * one transaction per segment: a segment whose download breaks half-way leaves
 * yesterday's rows of that segment untouched rather than half of today's.
 *
 * `instruments` keeps one row per (exchange, tradingsymbol). When a symbol comes back
 * under a new token (a relisting, a master from another broker with different
 * tokens), the old row is replaced: the day's master is the authority.
 */
import type { Kysely } from 'kysely';
import type { Instrument } from '../../../../src-shared/domain/instrument';
import type { Database } from '../../../db/schema';
import type { Logger } from '../../../log';
import { instrumentToRow, replaceSymbolHolders, upsertInstrumentRows } from '../../../market/queries/instrument-row';
import { describeNonJson, readBody } from '../../kite/http-body';
import type { MasterSummary } from '../../kite/master-report';
import { createKotakScripMasterParser } from '../scrip-master';
import { asKotakSegment, type KotakSegment } from '../segments';
import { z } from 'zod';
import { kotakHttp } from './kotak-http';

export interface ScripProgress {
  segment: KotakSegment;
  phase: 'downloading' | 'done' | 'failed';
  rows: number;
  instruments: number;
}

export interface SegmentResult {
  segment: KotakSegment;
  url: string;
  upserted: number;
  summary: MasterSummary | null;
  error: string | null;
}

export interface ScripSyncResult {
  segments: SegmentResult[];
  /** Files listed that are not a segment we trade (nse_com, …). */
  skippedFiles: string[];
  upserted: number;
  badRows: number;
  unsupportedRows: number;
}

export interface ScripSyncOptions {
  db: Kysely<Database>;
  baseUrl: string;
  consumerKey: string;
  /** Only these segments (default: every one segments.ts knows). */
  segments?: readonly KotakSegment[];
  /** IST date "YYYY-MM-DD": enables the plausible-expiry check. */
  today?: string;
  timeoutMs?: number;
  batchSize?: number;
  onProgress?: (progress: ScripProgress) => void;
  log: Logger;
}

const filePathsSchema = z.object({ data: z.object({ filesPaths: z.array(z.string().url()) }) });

export async function syncKotakScripMaster(options: ScripSyncOptions): Promise<ScripSyncResult> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const listing = await kotakHttp({ method: 'GET', url: `${options.baseUrl.replace(/\/+$/, '')}/script-details/1.0/masterscrip/file-paths`, headers: { Authorization: options.consumerKey }, timeoutMs });
  const reading = readBody(listing);
  if (reading.kind !== 'json') throw new Error(`Kotak's scrip master list: ${describeNonJson(listing.status, reading)}`);
  const paths = filePathsSchema.safeParse(reading.value);
  if (listing.status !== 200 || !paths.success) throw new Error(`Kotak's scrip master list could not be read (HTTP ${listing.status})`);

  const result: ScripSyncResult = { segments: [], skippedFiles: [], upserted: 0, badRows: 0, unsupportedRows: 0 };
  for (const url of paths.data.data.filesPaths) {
    const segment = segmentOfFile(url);
    if (segment === null || (options.segments && !options.segments.includes(segment))) {
      result.skippedFiles.push(url);
      continue;
    }
    const one = await syncSegment(options, segment, url, timeoutMs);
    result.segments.push(one);
    result.upserted += one.upserted;
    result.badRows += one.summary?.badRows ?? 0;
    result.unsupportedRows += one.summary?.unsupportedRows ?? 0;
  }
  options.log.info('kotak scrip master synced', { upserted: result.upserted, badRows: result.badRows, unsupportedRows: result.unsupportedRows, failed: result.segments.filter((s) => s.error).length });
  return result;
}

/** ".../transformed-v1/nse_cm-v1.csv" → nse_cm; null for files we do not trade. */
export function segmentOfFile(url: string): KotakSegment | null {
  const name = new URL(url).pathname.split('/').at(-1) ?? '';
  return asKotakSegment(name.replace(/\.csv$/i, '').replace(/-v\d+$/i, ''));
}

async function syncSegment(options: ScripSyncOptions, segment: KotakSegment, url: string, timeoutMs: number): Promise<SegmentResult> {
  const parser = createKotakScripMasterParser(options.today === undefined ? {} : { today: options.today });
  const progress = (phase: ScripProgress['phase']) => {
    const s = parser.summary();
    options.onProgress?.({ segment, phase, rows: s.rows, instruments: s.instruments });
  };
  let upserted = 0;
  try {
    await options.db.transaction().execute(async (trx) => {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (response.status !== 200 || !response.body) throw new Error(`HTTP ${response.status} for ${segment}`);
      const decoder = new TextDecoder();
      let pending: Instrument[] = [];
      const flush = async (all: boolean) => {
        const size = options.batchSize ?? 1_000;
        while (pending.length >= size || (all && pending.length > 0)) {
          upserted += await upsert(trx, pending.slice(0, size));
          pending = pending.slice(size);
        }
      };
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        pending.push(...parser.push(decoder.decode(chunk, { stream: true })));
        await flush(false);
        progress('downloading');
      }
      pending.push(...parser.push(decoder.decode()), ...parser.end());
      const header = parser.summary().headerError;
      if (header !== null) throw new Error(`the ${segment} file is not a scrip master: ${header}`);
      await flush(true);
    });
  } catch (error) {
    progress('failed');
    const message = (error as Error).message;
    options.log.warn('kotak scrip master: a segment failed; its old rows stay', { segment, error: message });
    return { segment, url, upserted: 0, summary: parser.summary(), error: message };
  }
  progress('done');
  return { segment, url, upserted, summary: parser.summary(), error: null };
}

async function upsert(db: Kysely<Database>, batch: Instrument[]): Promise<number> {
  const rows = await replaceSymbolHolders(db, batch.map((i) => instrumentToRow(i, 'kotak')));
  if (rows.length === 0) return 0;
  await upsertInstrumentRows(db, rows, 'replace').execute();
  return rows.length;
}
