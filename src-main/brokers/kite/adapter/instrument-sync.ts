/**
 * The morning drill for Kite: download the day's instrument dump, parse it
 * (instruments-csv.ts: bad rows counted, never fatal) and upsert it into
 * `instruments`. Freeze quantity: Kite's dump has none, so an existing row keeps
 * the freeze quantity it has (from the exchange's file) instead of losing it.
 * A symbol stored under another token (the simulated universe's made-up tokens, on
 * a data folder that started in paper mode) is replaced by Kite's row.
 * Runs at start-up and daily before the open (`msUntilNextDrill` for the scheduler).
 */
import { sql, type Kysely } from 'kysely';
import type { Instrument } from '../../../../src-shared/domain/instrument';
import type { Database } from '../../../db/schema';
import { instrumentToRow, replaceSymbolHolders, upsertInstrumentRows } from '../../../market/queries/instrument-row';
import { parseKiteInstrumentsCsv } from '../instruments-csv';
import type { MasterSummary } from '../master-report';
import { KiteRequestFailed, KiteRest } from './kite-rest';
import type { KiteSession } from './kite-session';
import { readBody, describeNonJson } from '../http-body';

export interface SyncProgress {
  phase: 'download' | 'parse' | 'upsert' | 'done';
  done: number;
  total: number;
}

export interface SyncSummary {
  rows: number;
  inserted: number;
  updated: number;
  bad: number;
  unsupported: number;
  master: MasterSummary;
}

export interface InstrumentSyncOptions {
  restRoot: string;
  session: KiteSession;
  db: Kysely<Database>;
  onProgress?: (progress: SyncProgress) => void;
  timeoutMs?: number;
  batchRows?: number;
}

export async function syncKiteInstruments(o: InstrumentSyncOptions): Promise<SyncSummary> {
  const progress = o.onProgress ?? (() => {});
  progress({ phase: 'download', done: 0, total: 1 });
  const rest = new KiteRest({ restRoot: o.restRoot, session: o.session, timeoutMs: o.timeoutMs ?? 120_000 });
  const answer = await rest.send({ method: 'GET', path: '/instruments', form: {} });
  if (answer.status !== 200) {
    const reading = readBody(answer);
    if (answer.status === 403) o.session.expire();
    throw new KiteRequestFailed('download', reading.kind === 'json' ? `HTTP ${answer.status}: ${JSON.stringify(reading.value).slice(0, 200)}` : describeNonJson(answer.status, reading));
  }
  // Kite gzips the dump with Content-Encoding: gzip, which fetch undoes on the way in.
  const text = answer.body;
  progress({ phase: 'parse', done: 0, total: 1 });
  const { instruments, summary } = parseKiteInstrumentsCsv(text);
  if (summary.headerError !== null) throw new KiteRequestFailed('bad-response', `Kite instrument dump: ${summary.headerError}`);
  const { inserted, updated } = await upsertInstruments(o.db, instruments, (done) => progress({ phase: 'upsert', done, total: instruments.length }), o.batchRows);
  progress({ phase: 'done', done: instruments.length, total: instruments.length });
  return { rows: summary.rows, inserted, updated, bad: summary.badRows, unsupported: summary.unsupportedRows, master: summary };
}

export async function upsertInstruments(
  db: Kysely<Database>,
  instruments: readonly Instrument[],
  onProgress: (done: number) => void = () => {},
  batchRows = 1_000,
): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  let updated = 0;
  await db.transaction().execute(async (trx) => {
    for (let k = 0; k < instruments.length; k += batchRows) {
      const rows = await replaceSymbolHolders(trx, instruments.slice(k, k + batchRows).map((i) => instrumentToRow(i, 'kite')));
      if (rows.length === 0) continue;
      const result = await upsertInstrumentRows(trx, rows, 'keep-stored')
        // xmax = 0 only on a freshly inserted row: the one way to tell insert from update in one statement.
        .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
        .execute();
      for (const row of result) if (row.inserted) inserted += 1;
      updated += result.length - result.filter((r) => r.inserted).length;
      onProgress(Math.min(instruments.length, k + batchRows));
    }
  });
  return { inserted, updated };
}

/** Delay until the next drill at `clock` IST (default 08:00, before the 09:15 open). */
export function msUntilNextDrill(nowMs: number, istMinutes = 8 * 60): number {
  const IST_OFFSET = 330 * 60_000;
  const DAY = 86_400_000;
  const istNow = nowMs + IST_OFFSET;
  const target = Math.floor(istNow / DAY) * DAY + istMinutes * 60_000;
  return (target > istNow ? target : target + DAY) - istNow;
}
