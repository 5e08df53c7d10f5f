/**
 * In-memory OHLCV candles for every timeframe, fed tick by tick on the ingest
 * path. Closed candles are handed out once for persistence; changed ones can
 * be drained (coalesced) for pushing to the renderer.
 *
 * Volume comes from the feed's cumulative day volume: a candle gets the
 * increase since the token's previous tick. The first tick seen on a day adds
 * only its lastQty (the rest of its cumulative volume traded before we were
 * listening, at unknown times); a drop in cumulative volume within a day is a
 * feed reset: that tick adds its lastQty and the count restarts from it. A tick
 * older than the token's newest adds no volume (its trade is already inside
 * the newer cumulative figure). The 1d candle's volume is the cumulative day
 * volume itself, which is what the exchange reports for the day.
 * A tick for a bucket already closed is counted in `late` and ignored.
 */
import type { Tick } from '../../src-shared/domain/tick';
import type { Candle } from '../../src-shared/market/candle';
import { TIMEFRAMES, bucketEnd, bucketStart, type Timeframe } from '../../src-shared/market/timeframe';
import { addTurnover, emptyTurnover, turnoverTotal, vwapPaise, type Turnover } from './turnover';

/** A closed candle with what an exact NUMERIC VWAP needs (see turnover.ts `vwapRupees`). */
export interface ClosedCandle extends Candle {
  /** Σ price × qty in paise × units over the ticks that carried volume. */
  turnover: bigint;
  /** Σ qty behind `turnover` (differs from `volume` only for 1d). */
  vwapVolume: number;
}

/** The builder's own mutable record; read it, don't keep it (it changes with the next tick). */
export interface LiveCandle {
  readonly token: number;
  readonly timeframe: Timeframe;
  readonly bucket: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  trades: number;
  oi: number;
  openTs: number;
  closeTs: number;
  turnover: Turnover;
  vwapVolume: number;
}

interface TokenState {
  dayStart: number;
  lastTs: number;
  lastVolume: number;
  candles: (LiveCandle | undefined)[];
  /** Per timeframe: end of the last closed bucket; ticks before it are late. */
  closedUntil: number[];
}

export interface CandleBuilder {
  /** Folds one (already guarded) tick in; returns the live candles it changed, one per timeframe. */
  update(tick: Tick): LiveCandle[];
  /** Candles completed since the previous call (a later bucket started, or closeUpTo passed them). */
  closed(): ClosedCandle[];
  /** Closes every candle whose bucket ended at or before `nowMs`, e.g. a quiet instrument's last minute. */
  closeUpTo(nowMs: number): void;
  /** Snapshots of the candles changed since the previous call, each once (for a coalesced push). */
  takeChanged(): Candle[];
  /** Snapshot of the open candle of a token and timeframe, if any. */
  current(token: number, timeframe: Timeframe): Candle | null;
  stats(): { late: number };
}

export function toCandle(live: LiveCandle): Candle {
  const { token, timeframe, bucket, open, high, low, close, volume, trades, oi } = live;
  return { token, timeframe, bucket, open, high, low, close, volume, trades, vwap: vwapPaise(live.turnover, live.vwapVolume), oi };
}

function toClosed(live: LiveCandle): ClosedCandle {
  return { ...toCandle(live), turnover: turnoverTotal(live.turnover), vwapVolume: live.vwapVolume };
}

/** Units this tick adds to intraday candles; also advances the token's volume baseline. */
function volumeDelta(state: TokenState, tick: Tick, dayStart: number): number {
  if (dayStart > state.dayStart) {
    state.dayStart = dayStart;
    state.lastTs = tick.ts;
    state.lastVolume = tick.volume;
    return Math.min(tick.volume, tick.lastQty);
  }
  if (dayStart < state.dayStart || tick.ts < state.lastTs) return 0;
  const delta = tick.volume >= state.lastVolume ? tick.volume - state.lastVolume : Math.min(tick.volume, tick.lastQty);
  state.lastTs = tick.ts;
  state.lastVolume = tick.volume;
  return delta;
}

function openCandle(tick: Tick, timeframe: Timeframe, bucket: number): LiveCandle {
  const price = tick.ltp;
  return { token: tick.token, timeframe, bucket, open: price, high: price, low: price, close: price, volume: 0, trades: 0, oi: tick.oi, openTs: tick.ts, closeTs: tick.ts, turnover: emptyTurnover(), vwapVolume: 0 };
}

/**
 * Folds one tick into a live candle: high and low, open and close by the tick's own time
 * (a late tick inside the bucket moves neither end), trades, turnover, and `delta` units
 * of intraday volume. `daily`: the exchange's cumulative figure, not the sum of what we
 * happened to see.
 */
function foldTick(live: LiveCandle, tick: Tick, delta: number, daily: boolean): void {
  const price = tick.ltp;
  if (price > live.high) live.high = price;
  if (price < live.low) live.low = price;
  if (tick.ts < live.openTs) {
    live.open = price;
    live.openTs = tick.ts;
  }
  if (tick.ts >= live.closeTs) {
    live.close = price;
    live.closeTs = tick.ts;
    live.oi = tick.oi;
  }
  live.trades += 1;
  if (delta > 0) {
    addTurnover(live.turnover, price, delta);
    live.vwapVolume += delta;
  }
  if (daily) live.volume = Math.max(live.volume, tick.volume);
  else live.volume += delta;
}

export function createCandleBuilder(timeframes: readonly Timeframe[] = TIMEFRAMES): CandleBuilder {
  const frames = [...timeframes];
  const dayIndex = frames.indexOf('1d');
  const tokens = new Map<number, TokenState>();
  const closedQueue: ClosedCandle[] = [];
  const changed = new Set<LiveCandle>();
  let late = 0;

  function close(state: TokenState, k: number): void {
    const live = state.candles[k];
    if (!live) return;
    closedQueue.push(toClosed(live));
    state.candles[k] = undefined;
    state.closedUntil[k] = bucketEnd(live.bucket, live.timeframe);
  }

  return {
    update(tick: Tick): LiveCandle[] {
      let state = tokens.get(tick.token);
      if (!state) {
        state = { dayStart: -Infinity, lastTs: -Infinity, lastVolume: 0, candles: frames.map(() => undefined), closedUntil: frames.map(() => -Infinity) };
        tokens.set(tick.token, state);
      }
      const delta = volumeDelta(state, tick, bucketStart(tick.ts, '1d'));
      const touched: LiveCandle[] = [];
      for (let k = 0; k < frames.length; k += 1) {
        const timeframe = frames[k] as Timeframe;
        const bucket = bucketStart(tick.ts, timeframe);
        let live = state.candles[k];
        if (live && bucket > live.bucket) {
          close(state, k);
          live = undefined;
        }
        if (live ? bucket < live.bucket : bucket < (state.closedUntil[k] as number)) {
          late += 1;
          continue;
        }
        if (!live) {
          live = openCandle(tick, timeframe, bucket);
          state.candles[k] = live;
        }
        foldTick(live, tick, delta, k === dayIndex);
        changed.add(live);
        touched.push(live);
      }
      return touched;
    },
    closed(): ClosedCandle[] {
      return closedQueue.splice(0, closedQueue.length);
    },
    closeUpTo(nowMs: number): void {
      for (const state of tokens.values()) {
        for (let k = 0; k < frames.length; k += 1) {
          const live = state.candles[k];
          if (live && bucketEnd(live.bucket, live.timeframe) <= nowMs) close(state, k);
        }
      }
    },
    takeChanged(): Candle[] {
      const out = [...changed].map(toCandle);
      changed.clear();
      return out;
    },
    current(token: number, timeframe: Timeframe): Candle | null {
      const live = tokens.get(token)?.candles[frames.indexOf(timeframe)];
      return live ? toCandle(live) : null;
    },
    stats: () => ({ late }),
  };
}
