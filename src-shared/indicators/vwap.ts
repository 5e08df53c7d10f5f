/**
 * Session VWAP: Σ(price × volume) / Σ volume since the start of the bar's IST
 * calendar day (the NSE trading day), reset at 00:00 IST. Price is hlc3 by
 * default, as TradingView's VWAP. Null until the session has traded volume
 * (an index, whose bars carry none, never gets one).
 */
import { DAY_MS, IST_OFFSET_MS } from '../market/ist-calendar';
import { priceOf, type Bar, type PriceSource } from './bar';
import { runBatch, type Indicator } from './indicator';

/** Whole IST days since the epoch: plain arithmetic, IST has no DST. */
export function istDayNumber(time: number): number {
  return Math.floor((time + IST_OFFSET_MS) / DAY_MS);
}

export function createVwap(source: PriceSource = 'hlc3'): Indicator<number | null> {
  let count = 0;
  let day = Number.NaN;
  let sumPriceVolume = 0;
  let sumVolume = 0;
  const step = (bar: Bar, commit: boolean): number | null => {
    const barDay = istDayNumber(bar.time);
    const sameDay = barDay === day;
    const pv = (sameDay ? sumPriceVolume : 0) + priceOf(bar, source) * bar.volume;
    const v = (sameDay ? sumVolume : 0) + bar.volume;
    if (commit) {
      count++;
      day = barDay;
      sumPriceVolume = pv;
      sumVolume = v;
    }
    return v > 0 ? pv / v : null;
  };
  return {
    get length() {
      return count;
    },
    push: (bar) => step(bar, true),
    update: (bar) => step(bar, false),
  };
}

export const vwap = (bars: readonly Bar[], source: PriceSource = 'hlc3') => runBatch(createVwap(source), bars);
