/**
 * Fuzzes the Kite frame decoder with 100,000 seeded frames: pure random bytes and
 * valid frames mutated the ways a broken socket or a buggy server would (truncation,
 * bit flips, lying length prefixes and counts, junk appended, bytes cut out). The
 * decoder must never throw, must finish, and its output must add up.
 */
import { describe, expect, it } from 'vitest';
import { int, mutate, randomBytes, u32, type FrameLies } from '../../testing/fuzz/frame-mutations';
import { mulberry32, type Random } from '../../util/prng';
import { PACKET_ERROR_KINDS, createDecodeCounters, decodeFrame, tally, type DecodeResult } from './ticker-decoder';
import { encodeBodies, encodePacket } from '../../testing/venues/kite/ticker-encoder';
import { KITE_SEGMENTS, PACKET_LENGTHS, type KitePacket, type KitePacketMode } from './ticker-packets';

const FRAMES = 100_000;
const FRAMING_KINDS = new Set(['empty-frame', 'truncated', 'count-mismatch', 'trailing-bytes']);
const MODES: readonly KitePacketMode[] = ['ltp', 'index-quote', 'index-full', 'quote', 'full'];

function randomPacket(random: Random): KitePacket {
  const mode = MODES[int(random, MODES.length)] ?? 'ltp';
  const index = mode === 'index-quote' || mode === 'index-full';
  const segment = index ? KITE_SEGMENTS.INDICES : ([1, 2, 3, 4, 5, 6, 7] as const)[int(random, 7)] ?? 1;
  const token = ((int(random, 0x100_0000) << 8) | segment) >>> 0;
  const ltp = u32(random);
  const f = () => u32(random);
  switch (mode) {
    case 'ltp':
      return { mode, token, segment, ltp };
    case 'index-quote':
    case 'index-full': {
      const quote = { token, segment, ltp, high: f(), low: f(), open: f(), close: f(), change: f() | 0 };
      return mode === 'index-quote' ? { ...quote, mode } : { ...quote, mode, exchangeTimestamp: f() };
    }
    case 'quote':
    case 'full': {
      const quote = {
        token, segment, ltp, lastQuantity: f(), averagePrice: f(), volume: f(), totalBuyQuantity: f(),
        totalSellQuantity: f(), open: f(), high: f(), low: f(), close: f(),
      };
      if (mode === 'quote') return { ...quote, mode };
      const level = () => ({ quantity: f(), price: f(), orders: int(random, 0x1_0000) });
      return {
        ...quote, mode, lastTradeTime: f(), oi: f(), oiDayHigh: f(), oiDayLow: f(), exchangeTimestamp: f(),
        depth: { buy: Array.from({ length: 5 }, level), sell: Array.from({ length: 5 }, level) },
      };
    }
  }
}

/** Kite's lies: a packet's length prefix, or the packet count in the header. */
function kiteLies(random: Random, prefixOffsets: readonly number[]): FrameLies {
  return {
    body: (frame) => {
      const at = prefixOffsets[int(random, prefixOffsets.length)] ?? 2;
      new DataView(frame.buffer).setUint16(at, random() < 0.5 ? int(random, 0x1_0000) : int(random, 200));
    },
    header: (frame) => new DataView(frame.buffer).setUint16(0, random() < 0.5 ? int(random, 0x1_0000) : int(random, 10)),
  };
}

/**
 * The invariants, checked by hand rather than with expect(): 100,000 frames × several
 * expect() calls would spend the time budget on the assertion library. Returns the
 * first broken rule, or null.
 */
function inconsistency(frame: Uint8Array, result: DecodeResult): string | null {
  if (result.heartbeat !== (frame.length === 1)) return 'heartbeat flag disagrees with frame length';
  let packetErrors = 0;
  let framing = 0;
  for (const error of result.errors) {
    if (PACKET_ERROR_KINDS.includes(error.kind)) packetErrors += 1;
    if (FRAMING_KINDS.has(error.kind)) framing += 1;
    if (error.offset < 0 || error.offset > frame.length) return `error offset ${error.offset} outside the frame`;
  }
  if (framing > 1) return 'more than one framing error';
  if (result.packets.length + packetErrors > result.declaredCount) return 'more packets than declared';
  // Packets are never made up: each needs 2 + its length bytes after the 2-byte header.
  const minBytes = result.packets.reduce((sum, p) => sum + 2 + PACKET_LENGTHS[p.mode], 0);
  if (frame.length > 1 && minBytes + 2 + 2 * packetErrors > frame.length) return 'more packet bytes than the frame holds';
  if (frame.length > 1 && result.errors.length === 0 && result.packets.length !== result.declaredCount) {
    return 'clean frame but packet count differs from declared';
  }
  return null;
}

describe('Kite ticker decoder, fuzzed', () => {
  it(`survives ${FRAMES.toLocaleString('en')} random and mutated frames with consistent output`, () => {
    const random = mulberry32(0x7ced_2026);
    const counters = createDecodeCounters();
    let exactRoundTrips = 0;
    const failures: string[] = [];
    for (let n = 0; n < FRAMES; n++) {
      const kind = n % 4;
      let frame: Uint8Array;
      let original: KitePacket[] | null = null;
      if (kind === 0) {
        frame = randomBytes(random, int(random, 400));
      } else {
        const packets = Array.from({ length: 1 + int(random, 6) }, () => randomPacket(random));
        const bodies = packets.map(encodePacket);
        const prefixOffsets: number[] = [];
        bodies.reduce((offset, body) => (prefixOffsets.push(offset), offset + 2 + body.length), 2);
        const valid = encodeBodies(bodies);
        if (kind === 1) {
          frame = valid;
          original = packets;
        } else {
          frame = mutate(random, valid, kiteLies(random, prefixOffsets));
        }
      }
      let result: DecodeResult;
      try {
        result = decodeFrame(frame);
      } catch (error) {
        throw new Error(`frame ${n} threw; bytes ${Buffer.from(frame).toString('hex')}`, { cause: error });
      }
      const problem = inconsistency(frame, result);
      if (problem) failures.push(`frame ${n}: ${problem}; bytes ${Buffer.from(frame).toString('hex')}`);
      if (original) {
        if (result.errors.length === 0 && result.packets.length === original.length) exactRoundTrips += 1;
        if (n % 64 === 1) expect(result.packets).toEqual(original);
      } else if (n % 64 === 3) {
        // Whatever was decoded from damage re-encodes to a packet that decodes to itself.
        for (const packet of result.packets) expect(decodeFrame(encodeBodies([encodePacket(packet)])).packets).toEqual([packet]);
      }
      tally(counters, result);
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(counters.frames).toBe(FRAMES);
    expect(exactRoundTrips).toBe(FRAMES / 4);
    // The fuzzer is only worth something if it reached every path.
    for (const [kind, count] of Object.entries(counters.errors)) expect(count, kind).toBeGreaterThan(0);
    expect(counters.heartbeats).toBeGreaterThan(0);
    expect(counters.packets).toBeGreaterThan(FRAMES / 4);
  }, 60_000);
});
