/**
 * Ticks in flight between threads, packed column by column into one
 * Float64Array so a batch crosses postMessage as a single transferred buffer
 * (no structured clone of thousands of objects, no copy). Every Tick field is
 * an integer below 2^53 (paise, units, epoch ms), so a float64 holds it
 * exactly; a null bid or ask travels as NaN.
 *
 * Batches are checked by shape (length = count × fields, count within bounds)
 * rather than per tick with zod, which would cost more than generating them at
 * 100,000 ticks/s. The values themselves are checked per tick, by hand, by
 * the tick guard on the ingest path, which never throws.
 */
import type { Tick } from '../../../src-shared/domain/tick';

export const TICK_FIELDS = ['token', 'ts', 'ltp', 'lastQty', 'volume', 'oi', 'bid', 'bidQty', 'ask', 'askQty'] as const;
export const FIELD_COUNT = TICK_FIELDS.length;
/** A batch larger than this is refused as malformed (a feed sends a few thousand at a time). */
export const MAX_BATCH_TICKS = 1_000_000;

const F_TOKEN = 0;
const F_TS = 1;
const F_LTP = 2;
const F_LAST_QTY = 3;
const F_VOLUME = 4;
const F_OI = 5;
const F_BID = 6;
const F_BID_QTY = 7;
const F_ASK = 8;
const F_ASK_QTY = 9;

/** Column-major: field f of tick i sits at f × count + i. */
export interface TickColumns {
  count: number;
  data: Float64Array<ArrayBuffer>;
}

export function packTicks(ticks: readonly Tick[]): TickColumns {
  const count = ticks.length;
  const data = new Float64Array(count * FIELD_COUNT);
  for (let i = 0; i < count; i += 1) {
    const t = ticks[i] as Tick;
    data[F_TOKEN * count + i] = t.token;
    data[F_TS * count + i] = t.ts;
    data[F_LTP * count + i] = t.ltp;
    data[F_LAST_QTY * count + i] = t.lastQty;
    data[F_VOLUME * count + i] = t.volume;
    data[F_OI * count + i] = t.oi;
    data[F_BID * count + i] = t.bid ?? Number.NaN;
    data[F_BID_QTY * count + i] = t.bidQty;
    data[F_ASK * count + i] = t.ask ?? Number.NaN;
    data[F_ASK_QTY * count + i] = t.askQty;
  }
  return { count, data };
}

/**
 * Tick i copied into `into` (no allocation: at 100,000 ticks/s a fresh object
 * per tick is measurable GC work on the UI thread). Callers that keep the
 * tick must copy it; the quote book and the candle builder copy its values.
 */
export function readTick(columns: TickColumns, i: number, into: Tick): Tick {
  const { count, data } = columns;
  const bid = data[F_BID * count + i] as number;
  const ask = data[F_ASK * count + i] as number;
  into.token = data[F_TOKEN * count + i] as number;
  into.ts = data[F_TS * count + i] as number;
  into.ltp = data[F_LTP * count + i] as number;
  into.lastQty = data[F_LAST_QTY * count + i] as number;
  into.volume = data[F_VOLUME * count + i] as number;
  into.oi = data[F_OI * count + i] as number;
  into.bid = Number.isNaN(bid) ? null : bid;
  into.bidQty = data[F_BID_QTY * count + i] as number;
  into.ask = Number.isNaN(ask) ? null : ask;
  into.askQty = data[F_ASK_QTY * count + i] as number;
  return into;
}

/**
 * Tick i as a new object for the guard and the candle builder. Values are copied
 * as they are (NaN, fractions included) so the guard sees and counts them.
 */
export function tickAt(columns: TickColumns, i: number): Tick {
  const { count, data } = columns;
  const bid = data[F_BID * count + i] as number;
  const ask = data[F_ASK * count + i] as number;
  return {
    token: data[F_TOKEN * count + i] as number,
    ts: data[F_TS * count + i] as number,
    ltp: data[F_LTP * count + i] as number,
    lastQty: data[F_LAST_QTY * count + i] as number,
    volume: data[F_VOLUME * count + i] as number,
    oi: data[F_OI * count + i] as number,
    bid: Number.isNaN(bid) ? null : bid,
    bidQty: data[F_BID_QTY * count + i] as number,
    ask: Number.isNaN(ask) ? null : ask,
    askQty: data[F_ASK_QTY * count + i] as number,
  };
}

/** Shape check for a batch that came from another thread; null when it is sound, else why not. */
export function columnsProblem(count: unknown, data: unknown): string | null {
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0 || count > MAX_BATCH_TICKS) {
    return `tick count ${String(count)} is not a whole number between 0 and ${MAX_BATCH_TICKS}`;
  }
  if (!(data instanceof Float64Array)) return 'tick columns are not a Float64Array';
  if (data.length !== count * FIELD_COUNT) return `tick columns hold ${data.length} values, expected ${count} × ${FIELD_COUNT}`;
  return null;
}
