import { describe, expect, it } from 'vitest';
import { createDecodeCounters, decodeFrame, tally } from './ticker-decoder';
import { encodeBodies, encodeFrame, encodePacket, heartbeatFrame } from '../../testing/venues/kite/ticker-encoder';
import {
  FULL_NIFTY_FUT,
  INDEX_FULL_NIFTY,
  INDEX_QUOTE_NIFTY,
  INFY_TOKEN,
  LTP_INFY,
  NIFTY_INDEX_TOKEN,
  QUOTE_INFY,
} from '../../testing/venues/kite/fixtures';

/** Writes bytes by hand, independent of the encoder, to check the encoder's layout. */
function handMadeLtp(token: number, ltp: number): Uint8Array {
  return Uint8Array.from([
    0, 1, // one packet
    0, 8, // of 8 bytes
    (token >>> 24) & 0xff, (token >>> 16) & 0xff, (token >>> 8) & 0xff, token & 0xff,
    (ltp >>> 24) & 0xff, (ltp >>> 16) & 0xff, (ltp >>> 8) & 0xff, ltp & 0xff,
  ]);
}

describe('Kite ticker decoder', () => {
  it('decodes a hand-made big-endian LTP frame, and the encoder makes the same bytes', () => {
    const frame = handMadeLtp(INFY_TOKEN, 154_275);
    expect(decodeFrame(frame)).toEqual({ heartbeat: false, declaredCount: 1, packets: [LTP_INFY], errors: [] });
    expect(encodeFrame([LTP_INFY])).toEqual(frame);
  });

  it('decodes every mode with the documented lengths', () => {
    const cases = [
      [LTP_INFY, 8],
      [INDEX_QUOTE_NIFTY, 28],
      [INDEX_FULL_NIFTY, 32],
      [QUOTE_INFY, 44],
      [FULL_NIFTY_FUT, 184],
    ] as const;
    for (const [packet, length] of cases) {
      expect(encodePacket(packet)).toHaveLength(length);
      const result = decodeFrame(encodeFrame([packet]));
      expect(result.errors).toEqual([]);
      expect(result.packets).toEqual([packet]);
    }
  });

  it('reads the full packet depth at the documented offsets: 5 bids then 5 asks of 12 bytes', () => {
    const body = encodePacket(FULL_NIFTY_FUT);
    const view = new DataView(body.buffer);
    expect(view.getUint32(64)).toBe(650); // first bid quantity
    expect(view.getUint32(68)).toBe(2_412_300); // first bid price
    expect(view.getUint16(72)).toBe(3); // first bid orders
    expect(view.getUint32(64 + 60 + 4)).toBe(2_412_400); // first ask price
    expect(view.getUint32(48)).toBe(12_345_678); // OI
    const decoded = decodeFrame(encodeFrame([FULL_NIFTY_FUT])).packets[0];
    expect(decoded?.mode === 'full' && decoded.depth.sell[4]).toEqual({ quantity: 585, price: 2_412_440, orders: 6 });
  });

  it('keeps the signed index change negative', () => {
    const decoded = decodeFrame(encodeFrame([INDEX_QUOTE_NIFTY])).packets[0];
    expect(decoded?.mode === 'index-quote' && decoded.change).toBe(-2_469);
  });

  it('decodes several packets of mixed modes in one frame, in order', () => {
    const packets = [LTP_INFY, FULL_NIFTY_FUT, INDEX_FULL_NIFTY, QUOTE_INFY, INDEX_QUOTE_NIFTY];
    const result = decodeFrame(encodeFrame(packets));
    expect(result.declaredCount).toBe(5);
    expect(result.packets).toEqual(packets);
    expect(result.errors).toEqual([]);
  });

  it('reads a frame at a non-zero offset inside a larger buffer (pooled Node buffers)', () => {
    const frame = encodeFrame([QUOTE_INFY, LTP_INFY]);
    const pool = new Uint8Array(frame.length + 7);
    pool.set(frame, 5);
    expect(decodeFrame(pool.subarray(5, 5 + frame.length)).packets).toEqual([QUOTE_INFY, LTP_INFY]);
  });

  it('treats a 1-byte frame as a heartbeat and a 0-byte frame as an error', () => {
    expect(decodeFrame(heartbeatFrame())).toEqual({ heartbeat: true, declaredCount: 0, packets: [], errors: [] });
    expect(decodeFrame(Uint8Array.of(0xff)).heartbeat).toBe(true);
    expect(decodeFrame(new Uint8Array(0)).errors).toEqual([{ kind: 'empty-frame', offset: 0 }]);
  });

  it('accepts a frame that declares zero packets', () => {
    expect(decodeFrame(Uint8Array.of(0, 0))).toEqual({ heartbeat: false, declaredCount: 0, packets: [], errors: [] });
  });

  it('keeps the packets before a truncation and reports where it happened', () => {
    const frame = encodeFrame([LTP_INFY, QUOTE_INFY]);
    const cut = frame.subarray(0, frame.length - 5);
    const result = decodeFrame(cut);
    expect(result.packets).toEqual([LTP_INFY]);
    expect(result.errors).toEqual([{ kind: 'truncated', offset: 12 }]);
    // Cut inside the second length prefix.
    expect(decodeFrame(frame.subarray(0, 13)).errors).toEqual([{ kind: 'truncated', offset: 12 }]);
    // A frame of only half a count is still two bytes short of a packet: 3 bytes with count 1.
    expect(decodeFrame(Uint8Array.of(0, 1, 0)).errors).toEqual([{ kind: 'truncated', offset: 2 }]);
  });

  it('reports a count that claims more packets than the frame holds', () => {
    const frame = encodeBodies([encodePacket(LTP_INFY), encodePacket(LTP_INFY)], 5);
    const result = decodeFrame(frame);
    expect(result.packets).toHaveLength(2);
    expect(result.errors).toEqual([{ kind: 'count-mismatch', offset: frame.length }]);
  });

  it('reports bytes after a count that claims fewer packets, having decoded the declared ones', () => {
    const frame = encodeBodies([encodePacket(LTP_INFY), encodePacket(QUOTE_INFY)], 1);
    const result = decodeFrame(frame);
    expect(result.packets).toEqual([LTP_INFY]);
    expect(result.errors).toEqual([{ kind: 'trailing-bytes', offset: 12 }]);
  });

  it('skips zero-length and unknown-length packets but decodes the ones after them', () => {
    const frame = encodeBodies([new Uint8Array(0), new Uint8Array(13), encodePacket(LTP_INFY)]);
    const result = decodeFrame(frame);
    expect(result.packets).toEqual([LTP_INFY]);
    expect(result.errors).toEqual([
      { kind: 'zero-length', offset: 2 },
      { kind: 'unknown-mode', offset: 4 },
    ]);
  });

  it('refuses index-only lengths for non-index tokens and quote lengths for indices', () => {
    const indexBody = encodePacket({ ...INDEX_QUOTE_NIFTY, token: INFY_TOKEN, segment: 1 });
    const quoteBody = encodePacket({ ...QUOTE_INFY, token: NIFTY_INDEX_TOKEN, segment: 9 });
    const result = decodeFrame(encodeBodies([indexBody, quoteBody, encodePacket(LTP_INFY)]));
    expect(result.errors.map((e) => e.kind)).toEqual(['segment-mismatch', 'segment-mismatch']);
    expect(result.packets).toEqual([LTP_INFY]);
  });

  it('reads uint32 fields above 2^31 as positive numbers', () => {
    const big = { ...QUOTE_INFY, volume: 3_000_000_000 };
    const decoded = decodeFrame(encodeFrame([big])).packets[0];
    expect(decoded?.mode === 'quote' && decoded.volume).toBe(3_000_000_000);
  });

  it('tallies frames, heartbeats, packets and errors by kind', () => {
    const counters = createDecodeCounters();
    tally(counters, decodeFrame(heartbeatFrame()));
    tally(counters, decodeFrame(encodeFrame([LTP_INFY, QUOTE_INFY])));
    tally(counters, decodeFrame(encodeBodies([new Uint8Array(3)], 2)));
    expect(counters.frames).toBe(3);
    expect(counters.heartbeats).toBe(1);
    expect(counters.packets).toBe(2);
    expect(counters.errors['unknown-mode']).toBe(1);
    expect(counters.errors['count-mismatch']).toBe(1);
    expect(counters.errors.truncated).toBe(0);
  });
});
