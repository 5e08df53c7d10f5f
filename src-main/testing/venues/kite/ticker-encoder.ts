/**
 * Builds Kite ticker frames from typed packets, byte for byte per the documented
 * layout. The decoder's tests and fuzzer use it to make valid frames, and the local
 * test server that stands in for ws.kite.trade will use it to speak the protocol.
 */
import {
  DEPTH_ENTRY_BYTES,
  DEPTH_LEVELS,
  DEPTH_OFFSET,
  PACKET_LENGTHS,
  type DepthLevel,
  type KitePacket,
} from '../../../brokers/kite/ticker-packets';

export function encodePacket(packet: KitePacket): Uint8Array {
  const bytes = new Uint8Array(PACKET_LENGTHS[packet.mode]);
  const view = new DataView(bytes.buffer);
  const u32 = (field: number, value: number) => view.setUint32(field, value >>> 0);
  u32(0, packet.token);
  u32(4, packet.ltp);
  switch (packet.mode) {
    case 'ltp':
      break;
    case 'index-quote':
    case 'index-full':
      u32(8, packet.high);
      u32(12, packet.low);
      u32(16, packet.open);
      u32(20, packet.close);
      view.setInt32(24, packet.change);
      if (packet.mode === 'index-full') u32(28, packet.exchangeTimestamp);
      break;
    case 'quote':
    case 'full':
      u32(8, packet.lastQuantity);
      u32(12, packet.averagePrice);
      u32(16, packet.volume);
      u32(20, packet.totalBuyQuantity);
      u32(24, packet.totalSellQuantity);
      u32(28, packet.open);
      u32(32, packet.high);
      u32(36, packet.low);
      u32(40, packet.close);
      if (packet.mode === 'full') {
        u32(44, packet.lastTradeTime);
        u32(48, packet.oi);
        u32(52, packet.oiDayHigh);
        u32(56, packet.oiDayLow);
        u32(60, packet.exchangeTimestamp);
        writeDepth(view, DEPTH_OFFSET, packet.depth.buy);
        writeDepth(view, DEPTH_OFFSET + DEPTH_LEVELS * DEPTH_ENTRY_BYTES, packet.depth.sell);
      }
      break;
  }
  return bytes;
}

function writeDepth(view: DataView, at: number, levels: readonly DepthLevel[]): void {
  if (levels.length > DEPTH_LEVELS) throw new RangeError(`at most ${DEPTH_LEVELS} depth levels per side`);
  levels.forEach((level, i) => {
    const base = at + i * DEPTH_ENTRY_BYTES;
    view.setUint32(base, level.quantity >>> 0);
    view.setUint32(base + 4, level.price >>> 0);
    view.setUint16(base + 8, level.orders);
  });
}

/**
 * Frames raw packet bodies. `declaredCount` defaults to the number of bodies; tests
 * pass another number to make a frame whose count lies.
 */
export function encodeBodies(bodies: readonly Uint8Array[], declaredCount = bodies.length): Uint8Array {
  const size = 2 + bodies.reduce((sum, body) => sum + 2 + body.length, 0);
  const frame = new Uint8Array(size);
  const view = new DataView(frame.buffer);
  view.setUint16(0, declaredCount);
  let offset = 2;
  for (const body of bodies) {
    view.setUint16(offset, body.length);
    frame.set(body, offset + 2);
    offset += 2 + body.length;
  }
  return frame;
}

export function encodeFrame(packets: readonly KitePacket[]): Uint8Array {
  return encodeBodies(packets.map(encodePacket));
}

/** Kite's heartbeat: a single byte. */
export function heartbeatFrame(): Uint8Array {
  return Uint8Array.of(0);
}
