/**
 * The streaming skeleton both instrument masters share: CSV records in, header found
 * by column name, every data row either mapped to an Instrument or recorded as a
 * problem with its line. Each broker supplies only its columns and its row mapping.
 */
import type { Instrument } from '../../../src-shared/domain/instrument';
import { CsvReader, type CsvRecord } from './csv-reader';
import { emptySummary, indexHeader, recordProblem, rowObject, type MasterProblemKind, type MasterSummary } from './master-report';

export type RowOutcome = { ok: true; instrument: Instrument } | { ok: false; kind: MasterProblemKind; reason: string };

export interface MasterParserSpec {
  required: readonly string[];
  /** How a header name is cleaned before lookup (default: trimmed). */
  normaliseColumn?: (name: string) => string;
  /** Whether a row may have more fields than the header (Kotak's trailing separators). */
  allowExtraFields: boolean;
  /** Validates (zod) and maps one row, keyed by cleaned column name. */
  mapRow(row: Record<string, string>): RowOutcome;
}

export interface MasterParser {
  /** Feeds a chunk of CSV text; returns the instruments it completed. */
  push(chunk: string): Instrument[];
  end(): Instrument[];
  summary(): MasterSummary;
}

export function createMasterParser(spec: MasterParserSpec): MasterParser {
  const reader = new CsvReader();
  const summary = emptySummary();
  let columns: Map<string, number> | null = null;
  let width = 0;

  const take = (records: CsvRecord[]): Instrument[] => {
    const out: Instrument[] = [];
    for (const record of records) {
      if (summary.headerError !== null) return out;
      if (columns === null) {
        const header = indexHeader(record.fields, spec.required, spec.normaliseColumn);
        if (header.missing.length > 0) {
          summary.headerError = `line ${record.line}: missing columns ${header.missing.join(', ')}`;
          return out;
        }
        columns = header.columns;
        width = record.fields.length;
        continue;
      }
      summary.rows += 1;
      const outcome = mapRecord(record, columns);
      if (outcome.ok) {
        summary.instruments += 1;
        out.push(outcome.instrument);
      } else {
        recordProblem(summary, { line: record.line, kind: outcome.kind, reason: outcome.reason });
      }
    }
    return out;
  };

  const mapRecord = (record: CsvRecord, cols: Map<string, number>): RowOutcome => {
    if (record.malformed !== null) return { ok: false, kind: 'bad-row', reason: record.malformed };
    const count = record.fields.length;
    if (count < width || (count > width && !spec.allowExtraFields)) {
      return { ok: false, kind: 'bad-row', reason: `${count} fields, header has ${width}` };
    }
    return spec.mapRow(rowObject(record.fields, cols));
  };

  return {
    push: (chunk) => take(reader.push(chunk)),
    end: () => {
      const out = take(reader.end());
      if (columns === null && summary.headerError === null) summary.headerError = 'the file is empty: no header';
      return out;
    },
    summary: () => summary,
  };
}

/** Parses a whole file held in memory. */
export function parseMaster(spec: MasterParserSpec, text: string): { instruments: Instrument[]; summary: MasterSummary } {
  const parser = createMasterParser(spec);
  const instruments = [...parser.push(text), ...parser.end()];
  return { instruments, summary: parser.summary() };
}
