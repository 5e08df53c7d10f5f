import { unescapeCopyField } from './copy-text';
import type { CellKind } from './csv-cell';
import { parseUtcTimestamp, writeIst, writeUtcIso } from './timestamp-bytes';

/** How one CSV column is made: from which COPY field, and by which rule. */
export interface CsvColumnSource {
  field: number;
  /**
   * ist / utc: the field is a timestamptz in PostgreSQL's ISO output at TimeZone UTC (timestamp-bytes.ts).
   * lookup: the field is a key (the order id) whose cells were encoded once, ahead (OrderCells).
   */
  kind: CellKind | 'ist' | 'utc' | 'lookup';
}

/**
 * Several adjacent CSV cells made once per key rather than once per row (the
 * order's columns, once per order): the encoded cells, commas between them,
 * and what to write when the key is NULL or unknown (a LEFT JOIN's NULLs).
 */
export interface LookupCells {
  /** Key to entry number n, whose cells are cells[bounds[2n], bounds[2n + 1]). */
  index: ReadonlyMap<string, number>;
  bounds: Int32Array;
  cells: Buffer;
  missing: Buffer;
}

/**
 * COPY text rows to CSV records, byte for byte, with the exact rules of
 * csv-cell.ts (textCell / numberCell) — a differential test holds the two
 * together. Working on bytes skips decoding to JS strings and encoding back,
 * which is most of the cost at a million rows. It is safe on UTF-8: every
 * byte of a multi-byte character is >= 0x80, so it is never mistaken for a
 * TAB, LF, quote, comma, backslash or formula character, and is copied as is.
 */

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;
const APOSTROPHE = 0x27;
const SPECIAL = new Uint8Array(256);
SPECIAL[COMMA] = 1;
SPECIAL[CR] = 1;
SPECIAL[LF] = 1;
SPECIAL[QUOTE] = 2;

function isFormulaByte(b: number): boolean {
  return b === 0x3d || b === 0x2b || b === 0x2d || b === 0x40 || b === TAB || b === CR || b === LF;
}

/** -?(0|[1-9][0-9]*)(\.[0-9]+)? over src[start, end) — the PLAIN_NUMBER of csv-cell.ts. */
function isPlainNumber(src: Buffer, start: number, end: number): boolean {
  let i = start;
  if (i < end && src[i] === 0x2d) i += 1;
  if (i >= end) return false;
  const first = src[i] as number;
  if (first < 0x30 || first > 0x39) return false;
  i += 1;
  if (first === 0x30 && i < end && src[i] !== 0x2e) return false;
  while (i < end && (src[i] as number) >= 0x30 && (src[i] as number) <= 0x39) i += 1;
  if (i === end) return true;
  if (src[i] !== 0x2e) return false;
  i += 1;
  if (i >= end) return false;
  while (i < end && (src[i] as number) >= 0x30 && (src[i] as number) <= 0x39) i += 1;
  return i === end;
}

/** The rare field holding a backslash: decoded through the string reader (COPY TO writes only the simple escapes). */
function unescaped(src: Buffer, start: number, end: number): Buffer {
  return Buffer.from(unescapeCopyField(src.toString('utf8', start, end)) ?? '', 'utf8');
}

export class CopyCsvEncoder {
  readonly #columns: readonly CsvColumnSource[];
  readonly #fieldCount: number;
  readonly #starts: Int32Array;
  readonly #ends: Int32Array;
  #out: Buffer = Buffer.alloc(0);
  #pos = 0;
  readonly #lookup: LookupCells | null;
  /** The last key looked up and its cells: a ledger's events come in runs of one order. */
  #lastKey: Buffer = Buffer.alloc(64);
  #lastKeyLength = -1;
  #lastEntry = -1;

  constructor(columns: readonly CsvColumnSource[], lookup: LookupCells | null = null) {
    this.#columns = columns;
    this.#lookup = lookup;
    if (lookup === null && columns.some((c) => c.kind === 'lookup')) throw new Error('CopyCsvEncoder: a lookup column needs its cells');
    this.#fieldCount = Math.max(...columns.map((c) => c.field)) + 1;
    this.#starts = new Int32Array(this.#fieldCount);
    this.#ends = new Int32Array(this.#fieldCount);
  }

  #reserve(extra: number): void {
    if (this.#pos + extra <= this.#out.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#out.length * 2, this.#pos + extra));
    this.#out.copy(next, 0, 0, this.#pos);
    this.#out = next;
  }

  /** src[start, end) to the output: short runs by hand, long ones natively (a Buffer.copy call costs more than ~40 bytes by hand). */
  #copy(src: Buffer, start: number, end: number): void {
    const out = this.#out;
    let pos = this.#pos;
    if (end - start > 48) pos += src.copy(out, pos, start, end);
    else for (let i = start; i < end; i += 1) out[pos++] = src[i] as number;
    this.#pos = pos;
  }

  /** Text cell from raw bytes that hold no backslash. */
  #text(src: Buffer, start: number, end: number): void {
    if (end === start) {
      this.#reserve(2);
      this.#out[this.#pos++] = QUOTE;
      this.#out[this.#pos++] = QUOTE;
      return;
    }
    // One table load per byte: 1 = comma/CR/LF (quote the cell), 2 = a quote (quote it and double).
    let quotes = 0;
    let quote = 0;
    for (let i = start; i < end; i += 1) {
      const flag = SPECIAL[src[i] as number] as number;
      if (flag !== 0) {
        quote = 1;
        if (flag === 2) quotes += 1;
      }
    }
    const prefix = isFormulaByte(src[start] as number);
    this.#reserve(end - start + quotes + 3);
    const out = this.#out;
    if (quote) out[this.#pos++] = QUOTE;
    if (prefix) out[this.#pos++] = APOSTROPHE;
    if (quotes === 0) {
      this.#copy(src, start, end);
    } else {
      let pos = this.#pos;
      for (let i = start; i < end; i += 1) {
        const b = src[i] as number;
        out[pos++] = b;
        if (b === QUOTE) out[pos++] = QUOTE;
      }
      this.#pos = pos;
    }
    if (quote) out[this.#pos++] = QUOTE;
  }

  #timestamp(kind: 'ist' | 'utc', src: Buffer, start: number, end: number): boolean {
    const parsed = parseUtcTimestamp(src, start, end);
    if (parsed === null) return false;
    this.#reserve(27);
    const next = kind === 'utc' ? writeUtcIso(this.#out, this.#pos, src, parsed) : writeIst(this.#out, this.#pos, src, parsed);
    if (next < 0) return false;
    this.#pos = next;
    return true;
  }

  #lookupCells(src: Buffer, start: number, end: number): void {
    const lookup = this.#lookup as LookupCells;
    let entry = -1;
    const length = end - start;
    if (!(length === 2 && src[start] === BACKSLASH && src[start + 1] === 0x4e)) {
      if (length === this.#lastKeyLength && src.compare(this.#lastKey, 0, length, start, end) === 0) entry = this.#lastEntry;
      else {
        entry = lookup.index.get(src.toString('latin1', start, end)) ?? -1;
        if (length <= this.#lastKey.length) {
          src.copy(this.#lastKey, 0, start, end);
          this.#lastKeyLength = length;
          this.#lastEntry = entry;
        } else this.#lastKeyLength = -1;
      }
    }
    if (entry < 0) {
      this.#reserve(lookup.missing.length);
      this.#pos += lookup.missing.copy(this.#out, this.#pos);
    } else {
      const from = lookup.bounds[2 * entry] as number;
      const to = lookup.bounds[2 * entry + 1] as number;
      this.#reserve(to - from);
      this.#copy(lookup.cells, from, to);
    }
  }

  #field(kind: CsvColumnSource['kind'], src: Buffer, start: number, end: number): void {
    if (kind === 'lookup') {
      this.#lookupCells(src, start, end);
      return;
    }
    if (end - start === 2 && src[start] === BACKSLASH && src[start + 1] === 0x4e) return; // \N: NULL is an empty cell
    if (kind === 'number' && isPlainNumber(src, start, end)) {
      this.#reserve(end - start);
      this.#copy(src, start, end);
      return;
    }
    if ((kind === 'ist' || kind === 'utc') && this.#timestamp(kind, src, start, end)) return;
    const backslash = src.indexOf(BACKSLASH, start);
    if (backslash === -1 || backslash >= end) this.#text(src, start, end);
    else {
      const plain = unescaped(src, start, end);
      this.#text(plain, 0, plain.length);
    }
  }

  /** Finds the row's field boundaries; throws unless it has exactly the expected number of fields. */
  #split(src: Buffer, start: number, rowEnd: number, row: number): void {
    const count = this.#fieldCount;
    let at = start;
    for (let f = 0; f < count; f += 1) {
      let stop = rowEnd;
      if (f < count - 1) {
        stop = src.indexOf(TAB, at);
        if (stop === -1 || stop > rowEnd) throw new Error(`COPY row ${row} has fewer than ${count} fields`);
      }
      this.#starts[f] = at;
      this.#ends[f] = stop;
      at = stop + 1;
    }
    const tab = src.indexOf(TAB, this.#starts[count - 1] as number);
    if (tab !== -1 && tab < rowEnd) throw new Error(`COPY row ${row} has more than ${count} fields`);
  }

  /**
   * Encodes the whole LF-terminated rows in src[start, end) into a fresh
   * buffer that is handed on as is (sized for typical expansion, grown if a
   * chunk is full of quotes): no copy out of a shared working buffer.
   * rowEnds, if given, gets each row's end in csv (after its CRLF).
   */
  encode(src: Buffer, start: number, end: number, rowEnds?: number[]): { csv: Buffer; rows: number } {
    const columns = this.#columns;
    this.#out = Buffer.allocUnsafe(Math.ceil((end - start) * 1.25) + 1024);
    this.#pos = 0;
    let rows = 0;
    let at = start;
    while (at < end) {
      const rowEnd = src.indexOf(LF, at);
      if (rowEnd === -1 || rowEnd >= end) throw new Error(`COPY row ${rows + 1} is not terminated`);
      this.#split(src, at, rowEnd, rows + 1);
      for (let c = 0; c < columns.length; c += 1) {
        if (c > 0) {
          this.#reserve(1);
          this.#out[this.#pos++] = COMMA;
        }
        const column = columns[c] as CsvColumnSource;
        this.#field(column.kind, src, this.#starts[column.field] as number, this.#ends[column.field] as number);
      }
      this.#reserve(2);
      this.#out[this.#pos++] = CR;
      this.#out[this.#pos++] = LF;
      rowEnds?.push(this.#pos);
      rows += 1;
      at = rowEnd + 1;
    }
    return { csv: this.#out.subarray(0, this.#pos), rows };
  }
}
