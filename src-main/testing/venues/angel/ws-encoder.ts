/**
 * SERVER side of SmartWebSocket V2: typed packets → binary frames, byte for byte per
 * brokers/angel/ws-packets.ts. For the Angel venue and the tests (valid seed frames for
 * the fuzzer; the decoder tests build their bytes by hand from the facts sheet instead).
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
} from '../../../brokers/angel/ws-packets';

export function encodeAngelPacket(packet: AngelPacket): Uint8Array {
  const bytes = new Uint8Array(ANGEL_PACKET_BYTES[packet.mode]);
  const view = new DataView(bytes.buffer);
  const i64 = (at: number, value: number) => view.setBigInt64(at, BigInt(value), true);
  const f64 = (at: number, value: number | null) => view.setFloat64(at, value ?? Number.NaN, true);
  bytes[0] = ANGEL_WS_MODES[packet.mode];
  bytes[1] = packet.exchangeType;
  if (packet.token.length > TOKEN_BYTES) throw new RangeError(`token "${packet.token}" is longer than ${TOKEN_BYTES} bytes`);
  for (let i = 0; i < packet.token.length; i++) bytes[TOKEN_OFFSET + i] = packet.token.charCodeAt(i) & 0xff;
  if (packet.mode === 'depth-20') {
    i64(27, packet.exchangeTimestampMs);
    const side = (from: number, levels: typeof packet.depth.buy) =>
      levels.slice(0, 20).forEach((level, n) => {
        const at = from + n * DEPTH_20_LEVEL_BYTES;
        view.setInt32(at, level.quantity, true);
        view.setInt32(at + 4, level.price, true);
        view.setInt16(at + 8, level.orders, true);
      });
    side(DEPTH_20_OFFSET, packet.depth.buy);
    side(DEPTH_20_OFFSET + 20 * DEPTH_20_LEVEL_BYTES, packet.depth.sell);
    return bytes;
  }
  // No meaningful sequence (the decoder's null) goes out as a value no safe integer holds.
  if (packet.sequence === null) view.setBigInt64(27, 2n ** 63n - 1n, true);
  else i64(27, packet.sequence);
  i64(35, packet.exchangeTimestampMs);
  i64(43, packet.ltp);
  if (packet.mode === 'ltp') return bytes;
  i64(51, packet.lastQuantity);
  i64(59, packet.averagePrice);
  i64(67, packet.volume);
  f64(75, packet.totalBuyQuantity);
  f64(83, packet.totalSellQuantity);
  i64(91, packet.open);
  i64(99, packet.high);
  i64(107, packet.low);
  i64(115, packet.close);
  if (packet.mode === 'quote') return bytes;
  i64(123, packet.lastTradedTimestamp);
  i64(131, packet.openInterest);
  f64(139, packet.oiChangePercent);
  const side = (from: number, levels: typeof packet.depth.buy) =>
    levels.slice(0, 5).forEach((level, n) => {
      const at = from + n * BEST_FIVE_LEVEL_BYTES;
      view.setUint16(at, level.flag, true);
      i64(at + 2, level.quantity);
      i64(at + 10, level.price);
      view.setUint16(at + 18, level.orders, true);
    });
  side(BEST_FIVE_OFFSET, packet.depth.buy);
  side(BEST_FIVE_OFFSET + 5 * BEST_FIVE_LEVEL_BYTES, packet.depth.sell);
  i64(347, packet.upperCircuit);
  i64(355, packet.lowerCircuit);
  i64(363, packet.high52Week);
  i64(371, packet.low52Week);
  return bytes;
}
