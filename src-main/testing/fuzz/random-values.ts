/**
 * A seeded generator of hostile JSON-ish values for the fuzz suites. Seeded
 * (mulberry32) so a failure names a case that can be replayed; no fast-check
 * because the project does not ship it and the rules here are few: wrong
 * types, edge numbers, long and broken strings, deep nesting, prototype
 * keys, and near-valid mutations (one field changed) of a valid argument.
 */
import { mulberry32, type Random } from '../../util/prng';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Numbers JSON can carry that break naive code; NaN/Infinity only reach JS callers (JSON turns them into null). */
export const EDGE_NUMBERS: readonly number[] = [
  0, -0, 1, -1, 0.5, -0.5, 1e308, -1e308, 5e-324, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 32, 2 ** 53, 2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 10_001, 1e21, 123.456, Number.NaN, Number.POSITIVE_INFINITY,
];

/** Lone surrogates, RTL override, NUL, combining marks, emoji, a BOM, SQL and path metacharacters. */
export const EDGE_STRINGS: readonly string[] = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud83d', '\u202eRTL\u202c', '\u05e9\u05dc\u05d5\u05dd', 'e\u0301\u0301\u0301',
  '\ud83d\ude80', '\ufeff', '\u2028\u2029', "'; DROP TABLE orders; --", '../../etc/passwd', '%00', '${x}', '{{x}}', 'NaN',
  'null', 'true', '-1', '1e308', '__proto__', 'constructor', 'toString', 'RELIANCE', 'M&M', '2026-02-30', '2026-11-20',
  '20261120T093015Z-manual', '00000000-0000-0000-0000-000000000000', 'SELECT 1', 'vacuum-analyze', 'BUY', 'L', 'MIS',
];

export const PROTO_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf'];

/** One megabyte and a bit: above MAX_FRAME_BYTES on the wire, and a cost for any regex that backtracks. */
export const MEGABYTE_STRING = 'A'.repeat(1024 * 1024 + 8);

export interface Fuzz {
  readonly random: Random;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** A hostile value, at most `depth` levels deep; cheap unless `big` (1 MB strings, depth 1,000). */
  value(depth?: number, big?: boolean): unknown;
  string(): string;
  number(): number;
  /** [[[…]]] or {"a":{"a":…}} `depth` levels deep (JSON.parse must cope; so must zod and the logger). */
  deep(depth: number): unknown;
  /** A copy of a valid object with one field changed, removed or added, or the whole thing swapped. */
  mutate(valid: Record<string, unknown>): unknown;
}

export function createFuzz(seed: number): Fuzz {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const chance = (p: number) => random() < p;

  function string(): string {
    switch (int(5)) {
      case 0:
        return pick(EDGE_STRINGS);
      case 1: {
        // Random UTF-16 code units: lone surrogates and controls included.
        let s = '';
        for (let n = int(24); n > 0; n--) s += String.fromCharCode(int(0x10000));
        return s;
      }
      case 2:
        return pick(EDGE_STRINGS) + pick(EDGE_STRINGS);
      case 3:
        return 'x'.repeat(int(200));
      default:
        return Math.floor(random() * 1e9).toString(36);
    }
  }

  const number = (): number => (chance(0.6) ? pick(EDGE_NUMBERS) : chance(0.5) ? int(2_000_000) - 1_000_000 : (random() - 0.5) * 1e12);

  function deep(depth: number): unknown {
    let v: unknown = chance(0.5) ? 1 : 'leaf';
    const asArray = chance(0.5);
    for (let d = 0; d < depth; d++) v = asArray ? [v] : { a: v };
    return v;
  }

  function object(depth: number, big: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let n = int(5); n > 0; n--) {
      const key = chance(0.3) ? pick(PROTO_KEYS) : string();
      // defineProperty so "__proto__" becomes an own key, as JSON.parse makes it.
      Object.defineProperty(out, key, { value: value(depth - 1, big), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  function value(depth = 3, big = false): unknown {
    const roll = int(big ? 12 : 10);
    switch (roll) {
      case 0:
        return null;
      case 1:
        return chance(0.5);
      case 2:
        return number();
      case 3:
        return string();
      case 4:
        return depth > 0 ? Array.from({ length: int(5) }, () => value(depth - 1, big)) : [];
      case 5:
      case 6:
        return depth > 0 ? object(depth, big) : {};
      case 7:
        return undefined;
      case 8:
        return { [pick(PROTO_KEYS)]: { polluted: true } };
      case 9:
        return deep(1 + int(60));
      case 10:
        return chance(0.5) ? MEGABYTE_STRING : { sql: MEGABYTE_STRING, query: MEGABYTE_STRING };
      default:
        return deep(1_000);
    }
  }

  function mutate(valid: Record<string, unknown>): unknown {
    const keys = Object.keys(valid);
    const copy: Record<string, unknown> = { ...valid };
    const key = keys.length > 0 ? pick(keys) : 'x';
    const inner = copy[key];
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner) && chance(0.5)) {
      // Reach nested schemas (audit filters, risk settings) with the same mutations.
      copy[key] = mutate(inner as Record<string, unknown>);
      return copy;
    }
    switch (int(8)) {
      case 0:
        delete copy[key];
        return copy;
      case 1:
        copy[key] = value(2);
        return copy;
      case 2:
        copy[key] = number();
        return copy;
      case 3:
        copy[key] = string();
        return copy;
      case 4:
        Object.defineProperty(copy, chance(0.5) ? pick(PROTO_KEYS) : string(), { value: value(1), enumerable: true, writable: true, configurable: true });
        return copy;
      case 5:
        // An array where an object is expected, or an object inside the field.
        return chance(0.5) ? Object.values(copy) : { ...copy, [key]: { ...copy } };
      case 6: {
        // A number nudged by one: off-by-one on every bound.
        const v = copy[key];
        copy[key] = typeof v === 'number' ? v + pick([-1, 1, 0.5, -v - 1, 1e9]) : typeof v === 'string' ? v + pick(['', ' ', '\u0000', 'x']) : null;
        return copy;
      }
      default:
        return copy; // Unchanged: valid input must still answer an envelope.
    }
  }

  return { random, int, pick, chance, value, string, number, deep, mutate };
}
