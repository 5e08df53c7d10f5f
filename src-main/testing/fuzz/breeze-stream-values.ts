/**
 * Seeded random payloads for the Breeze stream fuzzers: arbitrary JSON values, and the
 * damage a buggy server or a broken transport does to a valid array — structural (an
 * item dropped, inserted, retyped; the array cut; the name changed) or textual (the
 * JSON text mutated byte-wise, then parsed if it still parses, else delivered as text).
 * Built on frame-mutations.ts, like the binary decoders' fuzzers.
 */
import { int, mutate, type FrameLies } from './frame-mutations';
import type { Random } from '../../util/prng';

export function randomJson(random: Random, depth = 0): unknown {
  switch (int(random, depth > 2 ? 6 : 8)) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return Math.round((random() - 0.3) * 1e6) / 100;
    case 3:
      return random() * 1e12;
    case 4:
      return ['', '4.1!2885', '4.2!x', '1.1!500780', 'NIFTY 50', '+', 'B', '13.1!7', '6.1!1'][int(random, 9)];
    case 5:
      return [Number.NaN, -0, 1e308, Number.MAX_SAFE_INTEGER + 2][int(random, 4)];
    case 6:
      return Array.from({ length: int(random, 30) }, () => randomJson(random, depth + 1));
    default:
      return { a: randomJson(random, depth + 1) };
  }
}

const TEXT_LIES = ',[]"-.0123456789nul!';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function textLies(random: Random): FrameLies {
  return {
    body: (bytes) => {
      bytes[int(random, bytes.length)] = TEXT_LIES.charCodeAt(int(random, TEXT_LIES.length));
    },
    header: (bytes) => {
      if (bytes.length > 2) bytes[2] = 0x30 + int(random, 10);
    },
  };
}

export function damage(random: Random, valid: readonly unknown[]): unknown {
  const items = [...valid];
  switch (int(random, 7)) {
    case 0:
      items.splice(int(random, items.length), 1);
      return items;
    case 1:
      items.splice(int(random, items.length + 1), 0, randomJson(random));
      return items;
    case 2:
      items[int(random, items.length)] = randomJson(random);
      return items;
    case 3:
      return items.slice(0, int(random, items.length));
    case 4:
      items[0] = randomJson(random);
      return items;
    default: {
      const text = decoder.decode(mutate(random, encoder.encode(JSON.stringify(valid)), textLies(random)));
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    }
  }
}
