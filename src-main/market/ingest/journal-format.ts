/**
 * One journal record on disk: a fixed 44-byte header, then the batch's binary
 * COPY rows verbatim. The CRC covers the header fields after it and the
 * payload, so a record torn by a crash (power cut mid-append) or a flipped
 * bit is recognised and never replayed into market_ticks.
 *
 *   0  u32  magic 'TDJ1'
 *   4  u32  crc32 of bytes 8 … end of payload
 *   8  16B  batch id (uuid, binary)
 *  24  u32  rows
 *  28  u32  payload length
 *  32  f64  receivedAt of the batch's oldest tick (epoch ms), for the lag figure
 *  40  u32  reserved (0)
 *  44  …    payload
 */
import { crc32 } from 'node:zlib';

export const RECORD_MAGIC = 0x54444a31;
export const RECORD_HEADER_BYTES = 44;
/** A payload larger than this is refused when reading (a torn length field must not allocate gigabytes). */
export const MAX_RECORD_PAYLOAD = 256 * 1024 * 1024;

export interface JournalRecord {
  batchId: string;
  rows: number;
  receivedAt: number;
  /** Binary COPY rows (no header or trailer). */
  payload: Uint8Array;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function uuidToBytes(id: string): Uint8Array {
  if (!UUID.test(id)) throw new RangeError(`"${id}" is not a lowercase uuid`);
  return Uint8Array.from(Buffer.from(id.replaceAll('-', ''), 'hex'));
}

export function bytesToUuid(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Header bytes for a record; write them followed by the payload. */
export function encodeRecordHeader(record: JournalRecord): Uint8Array {
  const header = new Uint8Array(RECORD_HEADER_BYTES);
  const view = new DataView(header.buffer);
  view.setUint32(0, RECORD_MAGIC);
  header.set(uuidToBytes(record.batchId), 8);
  view.setUint32(24, record.rows);
  view.setUint32(28, record.payload.byteLength);
  view.setFloat64(32, record.receivedAt);
  view.setUint32(40, 0);
  view.setUint32(4, crc32(record.payload, crc32(header.subarray(8))));
  return header;
}

export type HeaderCheck = { ok: true; rows: number; payloadBytes: number; receivedAt: number; batchId: string } | { ok: false; why: string };

/** Reads a header; the CRC is checked later against the payload (checkRecordCrc). */
export function decodeRecordHeader(header: Uint8Array): HeaderCheck {
  if (header.byteLength < RECORD_HEADER_BYTES) return { ok: false, why: 'truncated header' };
  const view = new DataView(header.buffer, header.byteOffset, RECORD_HEADER_BYTES);
  if (view.getUint32(0) !== RECORD_MAGIC) return { ok: false, why: 'bad magic' };
  const payloadBytes = view.getUint32(28);
  if (payloadBytes > MAX_RECORD_PAYLOAD) return { ok: false, why: `payload length ${payloadBytes} is implausible` };
  return {
    ok: true,
    rows: view.getUint32(24),
    payloadBytes,
    receivedAt: view.getFloat64(32),
    batchId: bytesToUuid(header.subarray(8, 24)),
  };
}

export function checkRecordCrc(header: Uint8Array, payload: Uint8Array): boolean {
  const view = new DataView(header.buffer, header.byteOffset, RECORD_HEADER_BYTES);
  return view.getUint32(4) === crc32(payload, crc32(header.subarray(8, RECORD_HEADER_BYTES)));
}
