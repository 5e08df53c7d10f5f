/**
 * Fuzzes the SmartWebSocket V2 decoder and the tick mapping with 100,000 seeded frames:
 * pure random bytes, valid packets of every mode, and valid packets mutated the ways a
 * broken socket or a buggy server would (truncation, bit flips, a lying mode byte or
 * exchange type, junk appended, bytes cut out). Nothing may throw, and the output must
 * add up.
 */
import { describe, expect, it } from 'vitest';
import { int, mutate, randomBytes, u32, type FrameLies } from '../../testing/fuzz/frame-mutations';
import { mulberry32, type Random } from '../../util/prng';
import { createAngelDecodeCounters, decodeAngelFrame, tallyAngel, type AngelDecodeResult } from './ws-decoder';
import { encodeAngelPacket } from '../../testing/venues/angel/ws-encoder';
import { ANGEL_PACKET_BYTES, type AngelPacket, type AngelWsModeName } from './ws-packets';
import { angelTick } from './ws-tick';

const FRAMES = 100_000;
const MODES: readonly AngelWsModeName[] = ['ltp', 'quote', 'snap-quote', 'depth-20'];
const EXCHANGE_TYPES = [1, 2, 3, 4, 5, 7, 13, 6] as const;

function randomPacket(random: Random): AngelPacket {
  const mode = MODES[int(random, MODES.length)] ?? 'ltp';
  const exchangeType = EXCHANGE_TYPES[int(random, EXCHANGE_TYPES.length)] ?? 1;
  const token = random() < 0.9 ? String(1 + int(random, 99_999_999)) : 'NIFTY';
  const big = () => (random() < 0.05 ? -u32(random) : u32(random) * (random() < 0.1 ? 1000 : 1));
  const exchangeTimestampMs = random() < 0.1 ? 0 : 1_767_000_000_000 + int(random, 1e9);
  if (mode === 'depth-20') {
    const level = () => ({ quantity: u32(random) | 0, price: u32(random) | 0, orders: (int(random, 0x1_0000) << 16) >> 16 });
    return { mode, exchangeType, token, exchangeTimestampMs, depth: { buy: Array.from({ length: 20 }, level), sell: Array.from({ length: 20 }, level) } };
  }
  const ltp = { exchangeType, token, sequence: u32(random), exchangeTimestampMs, ltp: big() };
  if (mode === 'ltp') return { mode, ...ltp };
  const qty = () => (random() < 0.1 ? null : u32(random));
  const quote = {
    ...ltp, lastQuantity: big(), averagePrice: big(), volume: big(), totalBuyQuantity: qty(), totalSellQuantity: qty(),
    open: big(), high: big(), low: big(), close: big(),
  };
  if (mode === 'quote') return { mode, ...quote };
  const level = (flag: number) => ({ flag, quantity: big(), price: random() < 0.2 ? 0 : big(), orders: int(random, 0x1_0000) });
  return {
    mode, ...quote, lastTradedTimestamp: random() < 0.5 ? 1_767_000_000 : 1_767_000_000_000, openInterest: big(),
    oiChangePercent: random() < 0.5 ? null : random() * 100,
    depth: { buy: Array.from({ length: 5 }, () => level(1)), sell: Array.from({ length: 5 }, () => level(0)) },
    upperCircuit: big(), lowerCircuit: big(), high52Week: big(), low52Week: big(),
  };
}

/** Angel's lies: the mode byte (the packet's length) or the exchange type; or an i64 made huge. */
function angelLies(random: Random): FrameLies {
  return {
    body: (frame) => {
      const at = 27 + 8 * int(random, Math.max(1, Math.floor((frame.length - 27) / 8)));
      if (at + 8 <= frame.length) frame[at + 7] = int(random, 256);
    },
    header: (frame) => {
      if (random() < 0.5) frame[0] = int(random, 6);
      else if (frame.length > 1) frame[1] = int(random, 16);
    },
  };
}

/** The invariants, checked by hand: 100,000 frames × several expect() calls would spend the budget on the assertion library. */
function inconsistency(frame: Uint8Array, result: AngelDecodeResult): string | null {
  if (result.packet === null && result.errors.length === 0) return 'no packet and no error';
  if (result.errors.length > 1) return 'more than one error';
  for (const error of result.errors) if (error.offset < 0 || error.offset > frame.length) return `error offset ${error.offset} outside the frame`;
  const packet = result.packet;
  if (packet !== null) {
    if (frame.length < ANGEL_PACKET_BYTES[packet.mode]) return 'a packet from fewer bytes than its mode needs';
    if ((frame.length > ANGEL_PACKET_BYTES[packet.mode]) !== (result.errors[0]?.kind === 'trailing-bytes')) return 'trailing bytes not reported';
    if (!/^[\x21-\x7e]{1,25}$/.test(packet.token)) return `token ${JSON.stringify(packet.token)} is not printable ASCII`;
  } else if (result.errors[0]?.kind === 'trailing-bytes') return 'trailing bytes without a packet';
  return null;
}

describe('SmartWebSocket V2 decoder, fuzzed', () => {
  it(`survives ${FRAMES.toLocaleString('en')} random and mutated frames with consistent output`, () => {
    const random = mulberry32(0xa4_6e_2026);
    const counters = createAngelDecodeCounters();
    const tickOutcomes = new Map<string, number>();
    const failures: string[] = [];
    let roundTrips = 0;
    for (let n = 0; n < FRAMES; n++) {
      const kind = n % 4;
      let frame: Uint8Array;
      let original: AngelPacket | null = null;
      if (kind === 0) frame = randomBytes(random, int(random, 500));
      else {
        const packet = randomPacket(random);
        const valid = encodeAngelPacket(packet);
        if (kind === 1) {
          frame = valid;
          original = packet;
        } else frame = mutate(random, valid, angelLies(random));
      }
      let result: AngelDecodeResult;
      try {
        result = decodeAngelFrame(frame);
        if (result.packet !== null) {
          const tick = angelTick(result.packet, { receivedAtMs: 1_767_000_000_000 });
          const key = tick.ok ? 'ok' : tick.reason;
          tickOutcomes.set(key, (tickOutcomes.get(key) ?? 0) + 1);
        }
      } catch (error) {
        throw new Error(`frame ${n} threw; bytes ${Buffer.from(frame).toString('hex')}`, { cause: error });
      }
      const problem = inconsistency(frame, result);
      if (problem) failures.push(`frame ${n}: ${problem}; bytes ${Buffer.from(frame).toString('hex')}`);
      if (original) {
        if (result.errors.length === 0 && result.packet !== null) roundTrips += 1;
        if (n % 64 === 1) expect(result.packet).toEqual(original);
      } else if (n % 64 === 3 && result.packet !== null) {
        // Whatever was decoded from damage re-encodes to a frame that decodes to itself.
        expect(decodeAngelFrame(encodeAngelPacket(result.packet)).packet).toEqual(result.packet);
      }
      tallyAngel(counters, result);
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(counters.frames).toBe(FRAMES);
    expect(roundTrips).toBe(FRAMES / 4);
    // The fuzzer is only worth something if it reached every path.
    for (const [kind, count] of Object.entries(counters.errors)) expect(count, kind).toBeGreaterThan(0);
    for (const outcome of ['ok', 'bad-token', 'unknown-segment', 'sub-paise', 'bad-price', 'depth-only']) expect(tickOutcomes.get(outcome) ?? 0, outcome).toBeGreaterThan(0);
  }, 60_000);
});
