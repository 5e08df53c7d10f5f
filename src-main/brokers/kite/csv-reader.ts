/**
 * A small RFC 4180 reader that takes text in chunks (a streamed, gunzipped download)
 * and hands back complete records as soon as they end. Quoted fields may hold commas,
 * doubled quotes and line breaks; CRLF, LF and a lone CR all end a record, even when
 * a chunk boundary falls between CR and LF. Each record carries the physical line it
 * starts on, so a bad row can be reported as "line 48,213", and a record that breaks
 * the quoting rules is flagged, not fatal: one bad row must not lose the day's master.
 *
 * Shared by the Kite and Kotak masters (Kotak imports it from here).
 */

export interface CsvRecord {
  fields: string[];
  /** 1-based physical line the record starts on. */
  line: number;
  /** Set when the record broke the quoting rules (text after a closing quote, or a quote never closed). */
  malformed: string | null;
}

const State = {
  FieldStart: 0,
  Unquoted: 1,
  Quoted: 2,
  /** Just read a quote inside a quoted field: either an escaped quote or the closing one. */
  QuoteInQuoted: 3,
} as const;
type State = (typeof State)[keyof typeof State];

const SPECIAL_UNQUOTED = /[,\r\n"]/g;

export class CsvReader {
  private state: State = State.FieldStart;
  private field = '';
  private fields: string[] = [];
  private line = 1;
  private recordLine = 1;
  private malformed: string | null = null;
  /** The previous chunk ended in CR: a leading LF in the next one belongs to it. */
  private pendingCr = false;
  private started = false;
  /** Inside a quoted field, the last character counted was CR (a CRLF may straddle chunks). */
  private quotedCr = false;

  /** Feeds a chunk; returns the records it completed. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let i = 0;
    if (this.pendingCr && text.startsWith('\n')) i = 1;
    if (text.length > 0) this.pendingCr = false;
    while (i < text.length) {
      const ch = text[i];
      switch (this.state) {
        case State.FieldStart:
          if (ch === '"') {
            this.state = State.Quoted;
            this.quotedCr = false;
            i += 1;
          } else {
            this.state = State.Unquoted;
          }
          break;
        case State.Unquoted: {
          SPECIAL_UNQUOTED.lastIndex = i;
          const hit = SPECIAL_UNQUOTED.exec(text);
          const end = hit ? hit.index : text.length;
          this.field += text.slice(i, end);
          i = end;
          if (!hit) break;
          if (hit[0] === '"') {
            // A bare quote inside an unquoted field: keep it literally, flag the row.
            this.malformed ??= 'quote inside an unquoted field';
            this.field += '"';
            i += 1;
          } else {
            i = this.delimiter(text, i, out);
          }
          break;
        }
        case State.Quoted: {
          const quote = text.indexOf('"', i);
          const end = quote === -1 ? text.length : quote;
          const run = text.slice(i, end);
          this.countLines(run);
          this.field += run;
          i = end;
          if (quote !== -1) {
            this.state = State.QuoteInQuoted;
            i += 1;
          }
          break;
        }
        case State.QuoteInQuoted:
          this.quotedCr = false;
          if (ch === '"') {
            this.field += '"';
            this.state = State.Quoted;
            i += 1;
          } else if (ch === ',' || ch === '\r' || ch === '\n') {
            i = this.delimiter(text, i, out);
          } else {
            this.malformed ??= 'text after a closing quote';
            this.state = State.Unquoted;
          }
          break;
      }
    }
    return out;
  }

  /** Ends the input; returns the last record if the text did not end with a line break. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.state === State.Quoted) this.malformed ??= 'quote never closed';
    if (this.state !== State.FieldStart || this.fields.length > 0) this.finishRecord(out);
    this.state = State.FieldStart;
    return out;
  }

  /** Handles ',' CR or LF at text[i]; returns the index after it. */
  private delimiter(text: string, i: number, out: CsvRecord[]): number {
    const ch = text[i];
    if (ch === ',') {
      this.fields.push(this.field);
      this.field = '';
      this.state = State.FieldStart;
      return i + 1;
    }
    this.finishRecord(out);
    this.line += 1;
    this.recordLine = this.line;
    if (ch === '\r') {
      if (i + 1 < text.length) return text[i + 1] === '\n' ? i + 2 : i + 1;
      this.pendingCr = true;
    }
    return i + 1;
  }

  private finishRecord(out: CsvRecord[]): void {
    this.fields.push(this.field);
    const blank = this.fields.length === 1 && this.fields[0] === '' && this.malformed === null;
    if (!blank) out.push({ fields: this.fields, line: this.recordLine, malformed: this.malformed });
    this.fields = [];
    this.field = '';
    this.malformed = null;
    this.state = State.FieldStart;
  }

  /** Line breaks inside a quoted field still advance the physical line count. */
  private countLines(run: string): void {
    for (let i = 0; i < run.length; i++) {
      const c = run.charCodeAt(i);
      if (c === 13 || (c === 10 && !this.quotedCr)) this.line += 1;
      this.quotedCr = c === 13;
    }
  }
}

/** Reads a whole text at once. */
export function readCsv(text: string): CsvRecord[] {
  const reader = new CsvReader();
  return [...reader.push(text), ...reader.end()];
}
