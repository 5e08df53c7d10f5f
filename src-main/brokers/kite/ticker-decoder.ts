/**
 * Decoder for Kite's binary ticker frames (big-endian):
 *   uint16 packet count, then per packet: uint16 length + that many bytes.
 * A 1-byte frame is a heartbeat. The mode is told by the packet length.
 *
 * It never throws and always terminates: every step consumes at least two bytes of
 * a finite frame, and the declared count (≤ 65,535) bounds the loop too. A broken
 * packet costs an error entry, not the frame: while the length prefixes still add
 * up, the packets after a bad one are decoded as usual. When they stop adding up
 * (the frame ends mid-packet) nothing after that point can be trusted and decoding
 * stops there.
 */
import {
  DEPTH_ENTRY_BYTES,
  DEPTH_LEVELS,
  DEPTH_OFFSET,
  KITE_SEGMENTS,
  PACKET_LENGTHS,
  segmentOfToken,
  type DepthLevel,
  type FullPacket,
  type IndexQuotePacket,
  type KitePacket,
  type QuotePacket,
} from './ticker-packets';

export type DecodeErrorKind =
  /** A zero-byte frame (Kite never sends one). */
  | 'empty-frame'
  /** The frame ended inside a length prefix or a packet body. */
  | 'truncated'
  /** A packet of length 0. */
  | 'zero-length'
  /** A length that is none of 8, 28, 32, 44, 184. */
  | 'unknown-mode'
  /** An index-only length (28, 32) for a non-index token, or a quote length (44, 184) for an index. */
  | 'segment-mismatch'
  /** The frame ended cleanly before the declared number of packets. */
  | 'count-mismatch'
  /** Bytes left over after the declared number of packets. */
  | 'trailing-bytes';

export interface DecodeError {
  kind: DecodeErrorKind;
  /** Byte offset in the frame where the problem starts. */
  offset: number;
}

export interface DecodeResult {
  heartbeat: boolean;
  /** The packet count the frame claims (0 for a heartbeat or an empty frame). */
  declaredCount: number;
  packets: KitePacket[];
  errors: DecodeError[];
}

/** Errors that stand for one packet body that was read but not decoded. */
export const PACKET_ERROR_KINDS: readonly DecodeErrorKind[] = ['zero-length', 'unknown-mode', 'segment-mismatch'];

export function decodeFrame(frame: Uint8Array): DecodeResult {
  const result: DecodeResult = { heartbeat: false, declaredCount: 0, packets: [], errors: [] };
  if (frame.length === 0) {
    result.errors.push({ kind: 'empty-frame', offset: 0 });
    return result;
  }
  if (frame.length === 1) {
    result.heartbeat = true;
    return result;
  }
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const count = view.getUint16(0);
  result.declaredCount = count;
  let offset = 2;
  for (let i = 0; i < count; i++) {
    if (offset === frame.length) {
      result.errors.push({ kind: 'count-mismatch', offset });
      return result;
    }
    if (offset + 2 > frame.length) {
      result.errors.push({ kind: 'truncated', offset });
      return result;
    }
    const length = view.getUint16(offset);
    const start = offset + 2;
    if (start + length > frame.length) {
      result.errors.push({ kind: 'truncated', offset });
      return result;
    }
    const decoded = decodePacket(view, start, length);
    if (typeof decoded === 'string') result.errors.push({ kind: decoded, offset });
    else result.packets.push(decoded);
    offset = start + length;
  }
  if (offset < frame.length) result.errors.push({ kind: 'trailing-bytes', offset });
  return result;
}

type PacketFailure = 'zero-length' | 'unknown-mode' | 'segment-mismatch';

function decodePacket(view: DataView, at: number, length: number): KitePacket | PacketFailure {
  if (length === 0) return 'zero-length';
  const isModeLength =
    length === PACKET_LENGTHS.ltp ||
    length === PACKET_LENGTHS['index-quote'] ||
    length === PACKET_LENGTHS['index-full'] ||
    length === PACKET_LENGTHS.quote ||
    length === PACKET_LENGTHS.full;
  if (!isModeLength) return 'unknown-mode';
  const u32 = (field: number) => view.getUint32(at + field);
  const token = u32(0);
  const segment = segmentOfToken(token);
  const ltp = u32(4);
  if (length === PACKET_LENGTHS.ltp) return { mode: 'ltp', token, segment, ltp };

  const isIndex = segment === KITE_SEGMENTS.INDICES;
  if (length === PACKET_LENGTHS['index-quote'] || length === PACKET_LENGTHS['index-full']) {
    if (!isIndex) return 'segment-mismatch';
    const quote: IndexQuotePacket = {
      mode: 'index-quote',
      token,
      segment,
      ltp,
      high: u32(8),
      low: u32(12),
      open: u32(16),
      close: u32(20),
      change: view.getInt32(at + 24),
    };
    if (length === PACKET_LENGTHS['index-quote']) return quote;
    return { ...quote, mode: 'index-full', exchangeTimestamp: u32(28) };
  }

  if (isIndex) return 'segment-mismatch';
  const quote: QuotePacket = {
    mode: 'quote',
    token,
    segment,
    ltp,
    lastQuantity: u32(8),
    averagePrice: u32(12),
    volume: u32(16),
    totalBuyQuantity: u32(20),
    totalSellQuantity: u32(24),
    open: u32(28),
    high: u32(32),
    low: u32(36),
    close: u32(40),
  };
  if (length === PACKET_LENGTHS.quote) return quote;
  const full: FullPacket = {
    ...quote,
    mode: 'full',
    lastTradeTime: u32(44),
    oi: u32(48),
    oiDayHigh: u32(52),
    oiDayLow: u32(56),
    exchangeTimestamp: u32(60),
    depth: { buy: readDepth(view, at + DEPTH_OFFSET), sell: readDepth(view, at + DEPTH_OFFSET + DEPTH_LEVELS * DEPTH_ENTRY_BYTES) },
  };
  return full;
}

function readDepth(view: DataView, at: number): DepthLevel[] {
  const levels: DepthLevel[] = [];
  for (let i = 0; i < DEPTH_LEVELS; i++) {
    const base = at + i * DEPTH_ENTRY_BYTES;
    // qty int32, price int32, orders int16, then 2 bytes of padding.
    levels.push({ quantity: view.getUint32(base), price: view.getUint32(base + 4), orders: view.getUint16(base + 8) });
  }
  return levels;
}

/** Running totals for a connection's health line; `tally` adds one frame's result. */
export interface DecodeCounters {
  frames: number;
  heartbeats: number;
  packets: number;
  errors: Record<DecodeErrorKind, number>;
}

export function createDecodeCounters(): DecodeCounters {
  return {
    frames: 0,
    heartbeats: 0,
    packets: 0,
    errors: {
      'empty-frame': 0,
      truncated: 0,
      'zero-length': 0,
      'unknown-mode': 0,
      'segment-mismatch': 0,
      'count-mismatch': 0,
      'trailing-bytes': 0,
    },
  };
}

export function tally(counters: DecodeCounters, result: DecodeResult): void {
  counters.frames += 1;
  if (result.heartbeat) counters.heartbeats += 1;
  counters.packets += result.packets.length;
  for (const error of result.errors) counters.errors[error.kind] += 1;
}
