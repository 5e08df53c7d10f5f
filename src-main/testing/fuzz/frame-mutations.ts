/**
 * Shared by the broker decoders' fuzz tests (kite/ticker-decoder.fuzz.test.ts,
 * kotak/hsm/hsm-decoder.fuzz.test.ts): seeded random bytes and the damage a broken socket
 * or a buggy server does to a valid frame. The two ways a frame lies about its own
 * structure (a count or length, the header) are the protocol's own: the caller passes them.
 */
import type { Random } from '../../util/prng';

export const int = (random: Random, n: number) => Math.floor(random() * n);
export const u32 = (random: Random) => int(random, 0x1_0000_0000);

export function randomBytes(random: Random, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = int(random, 256);
  return bytes;
}

export interface FrameLies {
  /** Makes a count or length somewhere in the structure lie (edits the copy in place). */
  body(frame: Uint8Array): void;
  /** Makes the header lie (edits the copy in place). */
  header(frame: Uint8Array): void;
}

/** A damaged copy of `valid`: truncated, bit-flipped, lying (body or header), junk appended, or bytes cut out. */
export function mutate(random: Random, valid: Uint8Array, lies: FrameLies): Uint8Array {
  const frame = Uint8Array.from(valid);
  switch (int(random, 6)) {
    case 0:
      return frame.subarray(0, int(random, frame.length + 1));
    case 1:
      for (let flips = 1 + int(random, 4); flips > 0; flips--) {
        const at = int(random, frame.length);
        frame[at] = (frame[at] ?? 0) ^ (1 << int(random, 8));
      }
      return frame;
    case 2:
      lies.body(frame);
      return frame;
    case 3:
      lies.header(frame);
      return frame;
    case 4: {
      const out = new Uint8Array(frame.length + 1 + int(random, 40));
      out.set(frame);
      out.set(randomBytes(random, out.length - frame.length), frame.length);
      return out;
    }
    default: {
      const from = int(random, frame.length);
      const to = Math.min(frame.length, from + 1 + int(random, 20));
      const out = new Uint8Array(frame.length - (to - from));
      out.set(frame.subarray(0, from));
      out.set(frame.subarray(to), from);
      return out;
    }
  }
}
