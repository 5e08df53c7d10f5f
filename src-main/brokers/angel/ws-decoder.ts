/**
 * Decoder for SmartWebSocket V2 binary frames (layout: ws-packets.ts), straight into
 * typed packets. It never throws: a frame that cannot be a packet is a typed error
 * with its byte offset and no packet.
 *
 * - A frame shorter than its mode's packet is 'truncated'; longer, it is decoded and
 *   the extra bytes reported ('trailing-bytes'), since the documented fields are whole.
 * - The token must be printable ASCII before the first NUL, else 'bad-token'.
 * - Every i64 that must hold a price, quantity or time has to fit a safe integer;
 *   one that does not ('out-of-range', with its offset) drops the packet: a price off
 *   by 2^53 must not reach a chart. The sequence number, which indices do not fill
 *   meaningfully, becomes null instead, and the doubles (total buy/sell quantity, OI
 *   change %) become null when not finite.
 */
import {
  ANGEL_PACKET_BYTES,
  ANGEL_WS_MODES,
  BEST_FIVE_LEVEL_BYTES,
  BEST_FIVE_OFFSET,
  DEPTH_20_LEVEL_BYTES,
  DEPTH_20_OFFSET,
  TOKEN_BYTES,
  TOKEN_OFFSET,
  type AngelPacket,
  type AngelWsModeName,
  type BestFiveLevel,
  type Depth20Level,
} from './ws-packets';

export type AngelDecodeErrorKind = 'empty-frame' | 'unknown-mode' | 'truncated' | 'bad-token' | 'out-of-range' | 'trailing-bytes';

export interface AngelDecodeError {
  kind: AngelDecodeErrorKind;
  offset: number;
}

export interface AngelDecodeResult {
  packet: AngelPacket | null;
  errors: AngelDecodeError[];
}

const MODE_NAMES: ReadonlyMap<number, AngelWsModeName> = new Map(
  (Object.entries(ANGEL_WS_MODES) as [AngelWsModeName, number][]).map(([name, code]) => [code, name]),
);

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

class OutOfRange {
  constructor(readonly offset: number) {}
}

export function decodeAngelFrame(frame: Uint8Array): AngelDecodeResult {
  if (frame.length === 0) return { packet: null, errors: [{ kind: 'empty-frame', offset: 0 }] };
  const mode = MODE_NAMES.get(frame[0] as number);
  if (mode === undefined) return { packet: null, errors: [{ kind: 'unknown-mode', offset: 0 }] };
  const size = ANGEL_PACKET_BYTES[mode];
  if (frame.length < size) return { packet: null, errors: [{ kind: 'truncated', offset: frame.length }] };
  const token = readToken(frame);
  if (token === null) return { packet: null, errors: [{ kind: 'bad-token', offset: TOKEN_OFFSET }] };
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  let packet: AngelPacket;
  try {
    packet = readPacket(view, mode, frame[1] as number, token);
  } catch (error) {
    if (error instanceof OutOfRange) return { packet: null, errors: [{ kind: 'out-of-range', offset: error.offset }] };
    throw error;
  }
  return { packet, errors: frame.length > size ? [{ kind: 'trailing-bytes', offset: size }] : [] };
}

function readToken(frame: Uint8Array): string | null {
  let token = '';
  for (let i = TOKEN_OFFSET; i < TOKEN_OFFSET + TOKEN_BYTES; i++) {
    const byte = frame[i] as number;
    if (byte === 0) break;
    if (byte < 0x21 || byte > 0x7e) return null;
    token += String.fromCharCode(byte);
  }
  return token === '' ? null : token;
}

function readPacket(view: DataView, mode: AngelWsModeName, exchangeType: number, token: string): AngelPacket {
  const i64 = (at: number): number => {
    const value = view.getBigInt64(at, true);
    if (value > MAX_SAFE || value < MIN_SAFE) throw new OutOfRange(at);
    return Number(value);
  };
  const i64OrNull = (at: number): number | null => {
    const value = view.getBigInt64(at, true);
    return value > MAX_SAFE || value < MIN_SAFE ? null : Number(value);
  };
  const f64 = (at: number): number | null => {
    const value = view.getFloat64(at, true);
    return Number.isFinite(value) ? value : null;
  };
  if (mode === 'depth-20') {
    return { mode, exchangeType, token, exchangeTimestampMs: i64(27), depth: { buy: depth20(view, DEPTH_20_OFFSET), sell: depth20(view, DEPTH_20_OFFSET + 20 * DEPTH_20_LEVEL_BYTES) } };
  }
  const ltp = { exchangeType, token, sequence: i64OrNull(27), exchangeTimestampMs: i64(35), ltp: i64(43) };
  if (mode === 'ltp') return { mode, ...ltp };
  const quote = {
    ...ltp,
    lastQuantity: i64(51),
    averagePrice: i64(59),
    volume: i64(67),
    totalBuyQuantity: f64(75),
    totalSellQuantity: f64(83),
    open: i64(91),
    high: i64(99),
    low: i64(107),
    close: i64(115),
  };
  if (mode === 'quote') return { mode, ...quote };
  const level = (at: number): BestFiveLevel => ({ flag: view.getUint16(at, true), quantity: i64(at + 2), price: i64(at + 10), orders: view.getUint16(at + 18, true) });
  const five = (from: number) => Array.from({ length: 5 }, (_, n) => level(from + n * BEST_FIVE_LEVEL_BYTES));
  return {
    mode,
    ...quote,
    lastTradedTimestamp: i64(123),
    openInterest: i64(131),
    oiChangePercent: f64(139),
    depth: { buy: five(BEST_FIVE_OFFSET), sell: five(BEST_FIVE_OFFSET + 5 * BEST_FIVE_LEVEL_BYTES) },
    upperCircuit: i64(347),
    lowerCircuit: i64(355),
    high52Week: i64(363),
    low52Week: i64(371),
  };
}

function depth20(view: DataView, from: number): Depth20Level[] {
  return Array.from({ length: 20 }, (_, n) => {
    const at = from + n * DEPTH_20_LEVEL_BYTES;
    return { quantity: view.getInt32(at, true), price: view.getInt32(at + 4, true), orders: view.getInt16(at + 8, true) };
  });
}

/** Running totals for the feed's health line; `tallyAngel` adds one frame's result. */
export interface AngelDecodeCounters {
  frames: number;
  packets: number;
  errors: Record<AngelDecodeErrorKind, number>;
}

export function createAngelDecodeCounters(): AngelDecodeCounters {
  return { frames: 0, packets: 0, errors: { 'empty-frame': 0, 'unknown-mode': 0, truncated: 0, 'bad-token': 0, 'out-of-range': 0, 'trailing-bytes': 0 } };
}

export function tallyAngel(counters: AngelDecodeCounters, result: AngelDecodeResult): void {
  counters.frames += 1;
  if (result.packet !== null) counters.packets += 1;
  for (const error of result.errors) counters.errors[error.kind] += 1;
}
