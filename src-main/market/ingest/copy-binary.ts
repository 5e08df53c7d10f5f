/**
 * Ticks → PostgreSQL's binary COPY format, written straight into a growing
 * byte buffer with a DataView: no per-row strings, and the server skips
 * parsing timestamps and numerics from text (its side of COPY is the
 * bottleneck at 100,000 rows/s on two cores).
 *
 * Format (PostgreSQL docs, "COPY: Binary Format"): a 19-byte header, then per
 * row an int16 field count and per field an int32 byte length (-1 = NULL) and
 * the value in the type's binary send format, then an int16 -1 trailer.
 * Values used here:
 *   int2/int4/int8  big-endian two's complement
 *   timestamptz     int64 microseconds since 2000-01-01 00:00 UTC
 *   numeric         int16 ndigits, int16 weight, uint16 sign, int16 dscale,
 *                   then ndigits base-10000 digits, most significant first
 *
 * The row bytes (without header and trailer) are also what the on-disk
 * journal stores, so a journaled batch is replayed byte for byte.
 */
import type { Tick } from '../../../src-shared/domain/tick';

export const TICK_COPY_COLUMNS = [
  'token',
  'ts',
  'ltp',
  'last_qty',
  'volume',
  'oi',
  'bid_price',
  'bid_qty',
  'ask_price',
  'ask_qty',
  'exchange_ts',
  'received_at',
  'flags',
] as const;

export const COPY_TICKS_SQL = `COPY market_ticks (${TICK_COPY_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT binary)`;

/** Bit flags of market_ticks.flags. */
export const TICK_FLAG_SIMULATED = 1;

/** 'PGCOPY\n\xff\r\n\0', int32 flags 0, int32 header extension length 0. */
export const COPY_HEADER: Uint8Array = Uint8Array.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
export const COPY_TRAILER: Uint8Array = Uint8Array.from([0xff, 0xff]);

const PG_EPOCH_MS = 946_684_800_000;
const TWO_32 = 4_294_967_296;
const NUMERIC_NEG = 0x4000;
/** Longest row: 13 fields × 4 length bytes + values (numerics ≤ 8 + 2 × 5 digits). */
export const MAX_ROW_BYTES = 2 + 13 * 4 + 8 * 6 + 4 * 3 + 2 + 3 * 18;
/** Shortest row: ltp 0 (no digits), bid and ask NULL. */
export const MIN_ROW_BYTES = 2 + 13 * 4 + 8 * 6 + 4 * 3 + 2 + 8;

/** Shape check of encoded rows from another thread: null when plausible, else why not. */
export function copyRowsProblem(bytes: unknown, rows: unknown): string | null {
  if (!(bytes instanceof Uint8Array)) return 'COPY rows are not bytes';
  if (typeof rows !== 'number' || !Number.isSafeInteger(rows) || rows < 0) return `row count ${String(rows)} is not a whole number`;
  if (bytes.byteLength < rows * MIN_ROW_BYTES || bytes.byteLength > rows * MAX_ROW_BYTES) return `${bytes.byteLength} bytes cannot hold ${rows} rows`;
  if (rows > 0 && new DataView(bytes.buffer, bytes.byteOffset, 2).getInt16(0) !== 13) return 'COPY rows do not start with a 13-field row';
  return null;
}

/**
 * Encodes accepted ticks as binary COPY rows. One encoder per batch; take()
 * hands the bytes over. The hot path is plain functions on a DataView (no
 * private methods: a transpiler targeting an older ES turns those into
 * WeakMap lookups, several times slower per field).
 */
export class TickRowEncoder {
  private buffer: ArrayBuffer;
  private view: DataView<ArrayBuffer>;
  private bytes: Uint8Array<ArrayBuffer>;
  private offset = 0;
  private count = 0;

  constructor(initialBytes = 64 * 1024) {
    this.buffer = new ArrayBuffer(initialBytes);
    this.view = new DataView(this.buffer);
    this.bytes = new Uint8Array(this.buffer);
  }

  get rows(): number {
    return this.count;
  }

  get byteLength(): number {
    return this.offset;
  }

  /** Appends one row. The tick must have passed the tick guard (integers, non-negative prices). */
  append(tick: Tick, receivedAtMs: number, flags: number): void {
    if (this.offset + MAX_ROW_BYTES > this.buffer.byteLength) this.grow(MAX_ROW_BYTES);
    const v = this.view;
    let o = this.offset;
    v.setInt16(o, 13);
    o += 2;
    o = putInt8(v, o, tick.token);
    o = putTimestamp(v, o, tick.ts);
    o = putNumeric(v, o, tick.ltp);
    o = putInt4(v, o, tick.lastQty);
    o = putInt8(v, o, tick.volume);
    o = putInt8(v, o, tick.oi);
    o = tick.bid === null ? putNull(v, o) : putNumeric(v, o, tick.bid);
    o = putInt4(v, o, tick.bidQty);
    o = tick.ask === null ? putNull(v, o) : putNumeric(v, o, tick.ask);
    o = putInt4(v, o, tick.askQty);
    // The feeds' ts is the exchange timestamp (simulated: the simulated exchange's).
    o = putTimestamp(v, o, tick.ts);
    o = putTimestamp(v, o, receivedAtMs);
    v.setInt32(o, 2);
    v.setInt16(o + 4, flags);
    this.offset = o + 6;
    this.count += 1;
  }

  /** The rows so far (a copy sized to fit) and resets the encoder for reuse. */
  take(): { bytes: Uint8Array<ArrayBuffer>; rows: number } {
    const out = { bytes: this.bytes.slice(0, this.offset), rows: this.count };
    this.offset = 0;
    this.count = 0;
    return out;
  }

  private grow(extra: number): void {
    const next = new ArrayBuffer(Math.max(this.buffer.byteLength * 2, this.offset + extra));
    new Uint8Array(next).set(this.bytes.subarray(0, this.offset));
    this.buffer = next;
    this.view = new DataView(next);
    this.bytes = new Uint8Array(next);
  }
}

function putNull(v: DataView, o: number): number {
  v.setInt32(o, -1);
  return o + 4;
}

function putInt4(v: DataView, o: number, value: number): number {
  v.setInt32(o, 4);
  v.setInt32(o + 4, value);
  return o + 8;
}

function putInt8(v: DataView, o: number, value: number): number {
  v.setInt32(o, 8);
  writeInt64(v, o + 4, value);
  return o + 12;
}

function putTimestamp(v: DataView, o: number, epochMs: number): number {
  v.setInt32(o, 8);
  writeInt64(v, o + 4, Math.round((epochMs - PG_EPOCH_MS) * 1000));
  return o + 12;
}

/** An integer number of paise as NUMERIC with 2 decimals (rupees). */
function putNumeric(v: DataView, o: number, paise: number): number {
  const negative = paise < 0;
  const abs = negative ? -paise : paise;
  let rupees = Math.floor(abs / 100);
  const fraction = abs - rupees * 100;
  // Base-10000 digits of the integer part, least significant first.
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  let intDigits = 0;
  while (rupees > 0) {
    const digit = rupees % 10_000;
    rupees = (rupees - digit) / 10_000;
    if (intDigits === 0) d0 = digit;
    else if (intDigits === 1) d1 = digit;
    else if (intDigits === 2) d2 = digit;
    else d3 = digit;
    intDigits += 1;
  }
  const fracDigits = fraction === 0 ? 0 : 1;
  const ndigits = intDigits + fracDigits;
  v.setInt32(o, 8 + ndigits * 2);
  v.setInt16(o + 4, ndigits);
  v.setInt16(o + 6, intDigits === 0 ? -1 : intDigits - 1);
  v.setUint16(o + 8, negative && abs !== 0 ? NUMERIC_NEG : 0);
  v.setInt16(o + 10, 2);
  let p = o + 12;
  for (let k = intDigits - 1; k >= 0; k -= 1) {
    v.setInt16(p, k === 0 ? d0 : k === 1 ? d1 : k === 2 ? d2 : d3);
    p += 2;
  }
  // 0.05 rupees is the base-10000 digit 0500 after the point.
  if (fracDigits === 1) {
    v.setInt16(p, fraction * 100);
    p += 2;
  }
  return p;
}

function writeInt64(view: DataView, offset: number, value: number): void {
  const hi = Math.floor(value / TWO_32);
  view.setInt32(offset, hi);
  view.setUint32(offset + 4, value - hi * TWO_32);
}

/** One COPY stream's worth of bytes: header, the row chunks, trailer. */
export function copyPayload(chunks: readonly Uint8Array[]): Uint8Array[] {
  return [COPY_HEADER, ...chunks, COPY_TRAILER];
}
