/**
 * Hostile ticks and worker→main messages for the feed fuzz suite: ticks with
 * NaN, negatives, fractions, huge values, unknown tokens, repeats and
 * late timestamps; batch messages whose counts, buffers and verdicts disagree.
 */
import type { Tick } from '../../../src-shared/domain/tick';
import { batchMessage } from '../../brokers/simulated/feed-protocol';
import type { TickStage } from '../../market/ingest/tick-stage';
import type { Fuzz } from './random-values';

export const KNOWN_TOKENS: readonly number[] = Array.from({ length: 40 }, (_, i) => 1000 + i);
export const BASE_TS = 1_800_000_000_000;
export const INT4_MAX = 2_147_483_647;

const TICK_KEYS = ['token', 'ts', 'ltp', 'lastQty', 'volume', 'oi', 'bid', 'bidQty', 'ask', 'askQty'] as const;

export function goodTick(fuzz: Fuzz, clock: { ts: number; volume: number }): Tick {
  clock.ts += fuzz.int(50);
  clock.volume += 1 + fuzz.int(10);
  const ltp = 100 + fuzz.int(1_000_000);
  return {
    token: fuzz.pick(KNOWN_TOKENS), ts: clock.ts, ltp, lastQty: 1 + fuzz.int(500), volume: clock.volume, oi: fuzz.int(1e6),
    bid: fuzz.chance(0.1) ? null : ltp - 5, bidQty: fuzz.int(1000), ask: fuzz.chance(0.1) ? null : ltp + 5, askQty: fuzz.int(1000),
  };
}

/** A tick, or something posing as one; `previous` feeds duplicates and late repeats. */
export function hostileTick(fuzz: Fuzz, clock: { ts: number; volume: number }, previous: unknown): unknown {
  const tick: Record<string, unknown> = { ...goodTick(fuzz, clock) };
  const key = fuzz.pick(TICK_KEYS);
  switch (fuzz.int(12)) {
    case 0:
    case 1:
    case 2:
      return tick;
    case 3:
      return previous ?? tick; // an exact duplicate
    case 4:
      return { ...tick, ts: BASE_TS - 10_000 - fuzz.int(1e6) }; // older than the token's newest by far
    case 5:
      return { ...tick, token: fuzz.chance(0.5) ? 999_999 : fuzz.number() };
    case 6:
      tick[key] = fuzz.pick([Number.NaN, -1, -0, 0.5, Infinity, -Infinity, 2 ** 53, 2 ** 31, 2 ** 32, 1e308, Number.MAX_SAFE_INTEGER]);
      return tick;
    case 7:
      tick[key] = fuzz.value(1);
      return tick;
    case 8:
      delete tick[key];
      return tick;
    case 9:
      // A getter that throws: only a JS caller can hand this over, and it must still cost a counter.
      return Object.defineProperty({ ...tick }, key, { get: () => { throw new Error('getter'); }, enumerable: true });
    case 10:
      return fuzz.value(2);
    default:
      return Object.values(tick); // an array where an object is expected
  }
}

/** A batch message as the worker would post it, or one of its shapes broken. */
export function batchLike(fuzz: Fuzz, stage: TickStage, clock: { ts: number; volume: number }): unknown {
  const ticks = Array.from({ length: fuzz.int(20) }, () => goodTick(fuzz, clock));
  const { message } = batchMessage(stage.stage(ticks, BASE_TS));
  const m: Record<string, unknown> = { ...message };
  switch (fuzz.int(12)) {
    case 0:
    case 1:
    case 2:
      return m;
    case 3:
      m.count = (message.count + fuzz.pick([-1, 1, 0.5, -message.count - 1, 2_000_000])) as number;
      return m;
    case 4:
      m.data = fuzz.pick([
        new Float64Array(message.data.length + 1 + fuzz.int(9)), new Float64Array(Math.max(0, message.data.length - 1)),
        new Float32Array(message.data.length), Array.from(message.data), new Uint8Array(message.data.buffer), null,
      ]);
      return m;
    case 5:
      m.copy = fuzz.pick([new Uint8Array(fuzz.int(200)), message.copy?.subarray(0, fuzz.int(message.copy.length + 1)) ?? null, new Uint8Array(3), 'bytes']);
      return m;
    case 6:
      m.copyRows = message.copyRows + fuzz.pick([-1, 1, 100, -5]);
      return m;
    case 7:
      m.verdicts = { ...message.verdicts, accepted: message.verdicts.accepted + fuzz.pick([-1, 1]) };
      return m;
    case 8:
      m.receivedAt = fuzz.pick([-1, Number.NaN, Infinity, '1']);
      return m;
    case 9:
      m.type = fuzz.pick(['batch ', 'BATCH', 'ready', 'stats', 'error', 'stopped', '']);
      return m;
    case 10:
      return fuzz.mutate(m);
    default:
      return fuzz.chance(0.5) ? fuzz.value(3) : fuzz.pick([{ type: 'ready', instruments: [fuzz.value(2)] }, { type: 'stats', generated: -1, skipped: 0, closed: 0 }, { type: 'error', message: 'x'.repeat(5_000) }]);
  }
}
