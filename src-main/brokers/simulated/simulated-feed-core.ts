/**
 * The simulated feed's generator: deterministic ticks for a universe, paced by
 * a rate and the NSE session. No I/O, no timers: the caller (a worker thread
 * in the app, a loop in the benchmark) passes the current time to `next()` and
 * gets the ticks due since the previous call.
 *
 * Tick i is due at startTime + i / rate, so the same seed yields the same
 * ticks however the calls are spaced. Outside the normal market (09:15–15:30
 * IST on trading days) nothing is generated unless simulateOutsideHours is
 * set; ticks that fall in closed time are not made up later.
 */
import type { Tick } from '../../../src-shared/domain/tick';
import { DAY_MS, istDayOf, istDayStartUtc } from '../../../src-shared/market/ist-calendar';
import { createNseCalendar, sessionAt, type NseCalendar } from '../../../src-shared/market/nse-session';
import type { UniverseEntry } from '../../market/universe';
import { MODEL_DEFAULTS, futurePrice, optionPrice, stepFairValue, toTickGrid } from './price-model';
import { mulberry32, normalish, type Random } from '../../util/prng';
import { KIND_CE, KIND_EQ, KIND_FUT, KIND_INDEX, buildSimState, type SimState } from './sim-state';

export interface SimulatedFeedOptions {
  seed: number;
  instruments: readonly UniverseEntry[];
  /** Epoch ms at which tick 0 is due. */
  startTime: number;
  /** Ticks per second across all instruments; any positive number (benchmarks use 50,000+). */
  ratePerSec: number;
  /** Holidays and special sessions; default: weekends only. */
  calendar?: NseCalendar;
  /** Generate around the clock (clearly labelled SIMULATED on screen either way). */
  simulateOutsideHours?: boolean;
  /** Backlog cap: when a call is late by more than this many ticks, the oldest are skipped. Default: one second's worth. */
  maxTicksPerCall?: number;
}

export interface SimulatedFeedStats {
  generated: number;
  /** Due ticks dropped because a call came too late (see maxTicksPerCall). */
  skipped: number;
  /** Due ticks not generated because the market was closed. */
  closed: number;
}

export interface SimulatedFeedCore {
  next(nowMs: number): Tick[];
  /** Changes the pace from the time already reached; the sequence so far is unaffected. */
  setRate(ratePerSec: number): void;
  /** Restricts generation to these tokens (null: all). Unknown tokens are ignored. */
  setActiveTokens(tokens: Iterable<number> | null): void;
  stats(): SimulatedFeedStats;
}

const KAPPA_PER_MS = Math.LN2 / MODEL_DEFAULTS.reversionHalfLifeMs;
/** A first step after a long pause moves as if at most this much time had passed. */
const MAX_STEP_MS = 60_000;

function assertRate(rate: number): number {
  if (!Number.isFinite(rate) || rate <= 0) throw new RangeError(`ratePerSec must be positive, got ${rate}`);
  return rate;
}

/** What tick making reads and moves: the instruments' state, the seeded generator, the day's end. */
interface TickMaker {
  readonly s: SimState;
  readonly random: Random;
  /** Epoch ms when the current IST day ends (day volume starts again). */
  dayEndMs: number;
}

/** Brings an underlying's fair value forward to `ts`. */
function advance(g: TickMaker, i: number, ts: number): number {
  const { s } = g;
  const dt = ts - (s.fairTs[i] as number);
  if (dt <= 0) return s.fair[i] as number;
  const fair = stepFairValue(s.fair[i] as number, s.ref[i] as number, s.sigma[i] as number, KAPPA_PER_MS, dt < MAX_STEP_MS ? dt : MAX_STEP_MS, normalish(g.random));
  s.fair[i] = fair;
  s.fairTs[i] = ts;
  return fair;
}

/** Instrument i's traded price at `ts`, before rounding to its tick. */
function priceAt(g: TickMaker, i: number, ts: number): number {
  const { s, random } = g;
  const kind = s.kind[i] as number;
  if (kind <= KIND_EQ) return advance(g, i, ts);
  const spot = advance(g, s.under[i] as number, ts);
  const left = Math.max((s.expiryMs[i] as number) - ts, MODEL_DEFAULTS.minTimeMs);
  const price = kind === KIND_FUT ? futurePrice(spot, left, MODEL_DEFAULTS.carryRate) : optionPrice(kind === KIND_CE, spot, s.strike[i] as number, MODEL_DEFAULTS.optionVol, left);
  // Trades print a tick either side of fair value now and then.
  const tick = s.tick[i] as number;
  return price + (random() < 0.5 ? -tick : tick) * (random() < 0.3 ? 1 : 0);
}

function makeTick(g: TickMaker, i: number, ts: number): Tick {
  const { s, random } = g;
  if (ts >= g.dayEndMs) {
    // A new IST day: cumulative day volume starts again.
    s.volume.fill(0);
    g.dayEndMs = istDayStartUtc(istDayOf(ts)) + DAY_MS;
  }
  const kind = s.kind[i] as number;
  const tick = s.tick[i] as number;
  const lot = s.lot[i] as number;
  const ltp = toTickGrid(priceAt(g, i, ts), tick);
  if (kind === KIND_INDEX) {
    return { token: s.token[i] as number, ts, ltp, lastQty: 0, volume: 0, oi: 0, bid: null, bidQty: 0, ask: null, askQty: 0 };
  }
  const u = random();
  const lastQty = kind === KIND_EQ ? 1 + Math.floor(u * u * u * 500) : lot * (1 + Math.floor(u * u * u * 20));
  const volume = (s.volume[i] as number) + lastQty;
  s.volume[i] = volume;
  let oi = 0;
  if (kind !== KIND_EQ) {
    oi = s.oi[i] as number;
    const r = random();
    if (r < 0.3) {
      oi += r < 0.165 ? lastQty : -lastQty;
      if (oi < 0) oi = 0;
      s.oi[i] = oi;
    }
  }
  const spread = random() < 0.7 ? 1 : 2;
  let bid = ltp - (random() < 0.5 ? 0 : tick);
  if (bid < tick) bid = tick;
  const depth = kind === KIND_EQ ? 1 : lot;
  return {
    token: s.token[i] as number,
    ts,
    ltp,
    lastQty,
    volume,
    oi,
    bid,
    bidQty: depth * (1 + Math.floor(random() * 200)),
    ask: bid + spread * tick,
    askQty: depth * (1 + Math.floor(random() * 200)),
  };
}

export function createSimulatedFeedCore(options: SimulatedFeedOptions): SimulatedFeedCore {
  const random: Random = mulberry32(options.seed);
  const s: SimState = buildSimState(options.instruments, options.startTime, random);
  const calendar = options.calendar ?? createNseCalendar();
  const outsideHours = options.simulateOutsideHours === true;
  let rate = assertRate(options.ratePerSec);
  let maxPerCall = options.maxTicksPerCall ?? Math.max(1, Math.ceil(rate));
  // Tick i is due at anchorMs + (i - anchorIndex) * 1000 / rate.
  let anchorMs = options.startTime;
  let anchorIndex = 0;
  let nextIndex = 0;
  let cursorMs = options.startTime;
  let active: Int32Array = Int32Array.from({ length: s.count }, (_, i) => i);
  const maker: TickMaker = { s, random, dayEndMs: istDayStartUtc(istDayOf(options.startTime)) + DAY_MS };
  const stats: SimulatedFeedStats = { generated: 0, skipped: 0, closed: 0 };

  /** Number of ticks due strictly before `t`. */
  const dueBefore = (t: number) => anchorIndex + Math.max(0, Math.ceil(((t - anchorMs) * rate) / 1000));
  const dueAt = (i: number) => Math.floor(anchorMs + ((i - anchorIndex) * 1000) / rate);

  function emit(from: number, to: number, out: Tick[]): void {
    const n = active.length;
    if (n === 0) return;
    for (let index = from; index < to; index += 1) {
      const pick = active[Math.floor(random() * n)] as number;
      out.push(makeTick(maker, pick, dueAt(index)));
    }
  }

  return {
    next(nowMs: number): Tick[] {
      const out: Tick[] = [];
      if (!(nowMs > cursorMs)) return out;
      while (cursorMs < nowMs) {
        let end = nowMs;
        let open = true;
        if (!outsideHours) {
          const session = sessionAt(cursorMs, calendar, 'equity');
          open = session.phase === 'open';
          if (session.until < end) end = session.until;
        }
        const to = Math.max(nextIndex, dueBefore(end));
        if (open) {
          // Too late to catch up in real time: drop the oldest, keep pace with the clock.
          const room = maxPerCall - out.length;
          const from = to - nextIndex > room ? to - room : nextIndex;
          stats.skipped += from - nextIndex;
          emit(from, to, out);
        } else {
          stats.closed += to - nextIndex;
        }
        nextIndex = to;
        cursorMs = end;
      }
      stats.generated += out.length;
      return out;
    },
    setRate(ratePerSec: number): void {
      const explicitCap = options.maxTicksPerCall;
      rate = assertRate(ratePerSec);
      maxPerCall = explicitCap ?? Math.max(1, Math.ceil(rate));
      anchorMs = cursorMs;
      anchorIndex = nextIndex;
    },
    setActiveTokens(tokens: Iterable<number> | null): void {
      if (tokens === null) {
        active = Int32Array.from({ length: s.count }, (_, i) => i);
        return;
      }
      const wanted = new Set(tokens);
      const picked: number[] = [];
      for (let i = 0; i < s.count; i += 1) if (wanted.has(s.token[i] as number)) picked.push(i);
      active = Int32Array.from(picked);
    },
    stats: () => ({ ...stats }),
  };
}
