/**
 * Fuzzes the HSM frame decoder, the topic table and the tick mapping with 120,000 seeded
 * frames: pure random bytes, valid frames of every server message, and valid frames
 * mutated the ways a broken socket or a buggy server would (truncation, bit flips, lying
 * counts and lengths, junk appended, bytes cut out). Nothing may throw, everything must
 * finish, and the output must add up.
 */
import { describe, expect, it } from 'vitest';
import { int, mutate, randomBytes, u32, type FrameLies } from '../../../testing/fuzz/frame-mutations';
import { mulberry32, type Random } from '../../../util/prng';
import { createHsmDecodeCounters, decodeServerFrame, tallyHsm, type HsmDecodeResult, type HsmEntry } from './hsm-decoder';
import { TRASH_VALUE } from './hsm-protocol';
import { encodeConnectionResponse, encodeDataFrame, encodeStatusResponse } from '../../../testing/venues/kotak/hsm-server-frames';
import { hsmTick } from './hsm-tick';
import { TopicTable } from './hsm-topics';

const FRAMES = 120_000;
const STOPPING = new Set(['empty-frame', 'truncated', 'unknown-type', 'no-status', 'bad-field', 'unknown-entry', 'count-mismatch', 'trailing-bytes']);
/** The smallest entry: u16 + kind + u32 topic id + u8 value count (an UPDATE of no values). */
const MIN_ENTRY_BYTES = 8;

function randomValues(random: Random): (number | null)[] {
  return Array.from({ length: int(random, 30) }, () => {
    const roll = random();
    if (roll < 0.3) return null;
    if (roll < 0.5) return int(random, 10);
    const value = u32(random);
    return value === TRASH_VALUE ? 0 : value;
  });
}

function randomEntry(random: Random): HsmEntry {
  const topicId = int(random, 8);
  if (random() < 0.5) return { kind: 'update', topicId, values: randomValues(random) };
  const prefix = ['sf', 'if', 'dp', 'zz'][int(random, 4)] ?? 'sf';
  const segment = ['nse_cm', 'nse_fo', 'bse_cm', 'xx'][int(random, 4)] ?? 'nse_cm';
  const token = String(int(random, 5));
  const strings = random() < 0.5 ? [{ id: 52, value: token }, { id: 53, value: segment }, { id: 54, value: `SYM${token}` }] : [];
  return { kind: 'snap', topicId, name: `${prefix}|${segment}|${token}`, values: randomValues(random), strings };
}

function validFrame(random: Random, acks: boolean): { frame: Uint8Array; entries: HsmEntry[] | null } {
  const roll = int(random, 10);
  if (roll === 0) return { frame: encodeConnectionResponse(random() < 0.8, random() < 0.5 ? int(random, 5) : undefined), entries: null };
  if (roll === 1) return { frame: encodeStatusResponse((['subscribe', 'unsubscribe', 'snapshot', 'channel-pause', 'channel-resume'] as const)[int(random, 5)] ?? 'subscribe', random() < 0.5), entries: null };
  const entries = Array.from({ length: int(random, 6) }, () => randomEntry(random));
  return { frame: encodeDataFrame(entries, acks ? u32(random) : null), entries };
}

/** HSM's lies: a count or length byte somewhere in the structure, or the message type. */
function hsmLies(random: Random): FrameLies {
  return {
    body: (frame) => {
      const at = int(random, frame.length);
      frame[at] = random() < 0.5 ? 255 : int(random, 8);
    },
    header: (frame) => {
      if (frame.length > 2) frame[2] = int(random, 12);
    },
  };
}

/** The invariants, checked by hand: 120,000 frames × several expect() calls would spend the budget on the assertion library. */
function inconsistency(frame: Uint8Array, result: HsmDecodeResult): string | null {
  if (result.message === null && result.errors.length === 0) return 'no message and no error';
  let stopping = 0;
  for (const error of result.errors) {
    if (STOPPING.has(error.kind)) stopping += 1;
    if (error.offset < 0 || error.offset > frame.length) return `error offset ${error.offset} outside the frame`;
  }
  if (stopping > 1) return 'more than one error that ends decoding';
  if (result.errors.length > 2) return 'more than two errors';
  const message = result.message;
  if (message?.type === 'data') {
    if (message.entries.length > message.declaredCount) return 'more entries than declared';
    if (5 + message.entries.length * MIN_ENTRY_BYTES > frame.length) return 'more entry bytes than the frame holds';
    if (result.errors.length === 0 && message.entries.length !== message.declaredCount) return 'clean frame but entry count differs from declared';
    for (const entry of message.entries) if (entry.values.some((v) => v === TRASH_VALUE)) return 'TRASH leaked as a value';
  }
  return null;
}

describe('HSM decoder, fuzzed', () => {
  it(`survives ${FRAMES.toLocaleString('en')} random and mutated frames with consistent output`, () => {
    const random = mulberry32(0x4b07_2026);
    const counters = createHsmDecodeCounters();
    const table = new TopicTable(64);
    const resolve = (segment: string, token: string) => (segment === 'nse_cm' && /^\d+$/.test(token) ? Number(token) * 256 + 1 : null);
    const tickOutcomes = new Map<string, number>();
    let exactRoundTrips = 0;
    let validData = 0;
    const failures: string[] = [];
    for (let n = 0; n < FRAMES; n++) {
      const kind = n % 4;
      const acks = n % 8 < 4;
      let frame: Uint8Array;
      let original: HsmEntry[] | null = null;
      if (kind === 0) {
        frame = randomBytes(random, int(random, 300));
      } else {
        const valid = validFrame(random, acks);
        if (kind === 1) {
          frame = valid.frame;
          original = valid.entries;
        } else {
          frame = mutate(random, valid.frame, hsmLies(random));
        }
      }
      let result: HsmDecodeResult;
      try {
        result = decodeServerFrame(frame, { acks });
        if (result.message?.type === 'data') {
          const applied = table.apply(result.message.entries);
          for (const topic of applied.touched) {
            const tick = hsmTick(topic, { resolve, receivedAtMs: 1_767_000_000_000 });
            const key = tick.ok ? 'ok' : tick.reason;
            tickOutcomes.set(key, (tickOutcomes.get(key) ?? 0) + 1);
          }
        }
      } catch (error) {
        throw new Error(`frame ${n} threw; bytes ${Buffer.from(frame).toString('hex')}`, { cause: error });
      }
      const problem = inconsistency(frame, result);
      if (problem) failures.push(`frame ${n}: ${problem}; bytes ${Buffer.from(frame).toString('hex')}`);
      if (kind === 1) {
        if (result.errors.length === 0) exactRoundTrips += 1;
        if (original) {
          validData += 1;
          if (n % 64 === 1) expect(result.message).toMatchObject({ type: 'data', entries: original });
        }
      } else if (n % 64 === 3 && result.message?.type === 'data') {
        // Whatever was decoded from damage re-encodes to a frame that decodes to the same entries.
        const again = decodeServerFrame(encodeDataFrame(result.message.entries, result.message.messageNumber), { acks });
        expect(again.message).toMatchObject({ entries: result.message.entries });
      }
      tallyHsm(counters, result);
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(counters.frames).toBe(FRAMES);
    expect(exactRoundTrips).toBe(FRAMES / 4);
    expect(validData).toBeGreaterThan(FRAMES / 8);
    // The fuzzer is only worth something if it reached every path.
    for (const [kind, count] of Object.entries(counters.errors)) expect(count, kind).toBeGreaterThan(0);
    for (const outcome of ['ok', 'unknown-instrument', 'no-price', 'sub-paise', 'bad-scale', 'depth-topic']) expect(tickOutcomes.get(outcome) ?? 0, outcome).toBeGreaterThan(0);
    expect(table.size).toBeLessThanOrEqual(64);
  }, 60_000);
});
