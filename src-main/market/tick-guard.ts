/**
 * First line of defence on the ingest path: every incoming tick is classified
 * and counted, bad ones are dropped, and nothing here ever throws — a broker
 * sending garbage must cost a counter, not the process. Input is `unknown` on
 * purpose: feeds hand over what they parsed, and this is where it is checked
 * (by hand, not zod: it runs for every tick).
 */
import type { Tick } from '../../src-shared/domain/tick';

export type TickVerdict = 'accepted' | 'unknownToken' | 'badPrice' | 'malformed' | 'duplicate' | 'outOfOrder';

export type TickGuardCounters = Record<TickVerdict, number>;

export interface TickGuardOptions {
  knownTokens: Iterable<number>;
  /**
   * A tick older than the newest seen for its token by more than this is
   * dropped; within it, it is accepted (feeds interleave slightly). Default 1000 ms.
   */
  outOfOrderToleranceMs?: number;
  /**
   * Opt-in for live feeds: a tick stamped more than this far past `now()` is
   * 'malformed'. Without it, one tick from a skewed clock would raise the
   * token's high-water mark and make every later tick look out of order.
   * Leave unset for replays and simulations that run on their own clock.
   */
  maxAheadMs?: number;
  now?: () => number;
}

export interface TickGuard {
  /** Classifies and counts one tick; only 'accepted' ticks should go on. */
  check(tick: unknown): TickVerdict;
  /** Keeps the accepted ticks of a batch, in order, in a new array. */
  filter(ticks: readonly unknown[]): Tick[];
  /** Replaces the instrument list (e.g. the day's master was reloaded); per-token history is kept. */
  setKnownTokens(tokens: Iterable<number>): void;
  counters(): TickGuardCounters;
  /** Counters since the previous call (for a ticks/s and drops/s health line). */
  takeCounters(): TickGuardCounters;
}

interface LastSeen {
  ts: number;
  volume: number;
  /** Newest ts accepted for the token (out-of-order ticks do not lower it). */
  maxTs: number;
}

const zero = (): TickGuardCounters => ({ accepted: 0, unknownToken: 0, badPrice: 0, malformed: 0, duplicate: 0, outOfOrder: 0 });

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isIntegerNumber = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);
/** market_ticks stores quantities as int4: a larger one would be written wrapped (found by fuzzing). */
const INT4_MAX = 2_147_483_647;
const isQuantity = (value: unknown): value is number => isCount(value) && value <= INT4_MAX;

/** Shape check: every field present with the right kind of value. Prices are checked separately. */
function isWellFormed(t: Record<string, unknown>): boolean {
  return (
    isIntegerNumber(t.token) &&
    (t.token as number) > 0 &&
    isCount(t.ts) &&
    isIntegerNumber(t.ltp) &&
    isQuantity(t.lastQty) &&
    isCount(t.volume) &&
    isCount(t.oi) &&
    (t.bid === null || isIntegerNumber(t.bid)) &&
    (t.ask === null || isIntegerNumber(t.ask)) &&
    isQuantity(t.bidQty) &&
    isQuantity(t.askQty)
  );
}

export function createTickGuard(options: TickGuardOptions): TickGuard {
  let known = new Set(options.knownTokens);
  const tolerance = options.outOfOrderToleranceMs ?? 1000;
  const maxAhead = options.maxAheadMs;
  const now = options.now ?? Date.now;
  const last = new Map<number, LastSeen>();
  const total = zero();
  let window = zero();

  function classify(input: unknown): TickVerdict {
    if (typeof input !== 'object' || input === null) return 'malformed';
    const t = input as Record<string, unknown>;
    if (!isWellFormed(t)) return 'malformed';
    const tick = input as Tick;
    if (!known.has(tick.token)) return 'unknownToken';
    if (maxAhead !== undefined && tick.ts > now() + maxAhead) return 'malformed';
    if (tick.ltp <= 0 || (tick.bid !== null && tick.bid < 0) || (tick.ask !== null && tick.ask < 0)) return 'badPrice';
    const seen = last.get(tick.token);
    if (seen) {
      if (tick.ts === seen.ts && tick.volume === seen.volume) return 'duplicate';
      if (tick.ts < seen.maxTs - tolerance) return 'outOfOrder';
      seen.ts = tick.ts;
      seen.volume = tick.volume;
      if (tick.ts > seen.maxTs) seen.maxTs = tick.ts;
    } else {
      last.set(tick.token, { ts: tick.ts, volume: tick.volume, maxTs: tick.ts });
    }
    return 'accepted';
  }

  function check(input: unknown): TickVerdict {
    let verdict: TickVerdict;
    try {
      verdict = classify(input);
    } catch {
      // A getter that throws, a revoked proxy…: still only a counter.
      verdict = 'malformed';
    }
    total[verdict] += 1;
    window[verdict] += 1;
    return verdict;
  }

  return {
    check,
    filter(ticks: readonly unknown[]): Tick[] {
      const out: Tick[] = [];
      for (const tick of ticks) if (check(tick) === 'accepted') out.push(tick as Tick);
      return out;
    },
    setKnownTokens(tokens: Iterable<number>): void {
      known = new Set(tokens);
    },
    counters: () => ({ ...total }),
    takeCounters(): TickGuardCounters {
      const taken = window;
      window = zero();
      return taken;
    },
  };
}
