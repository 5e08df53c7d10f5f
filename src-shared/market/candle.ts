/**
 * An OHLCV candle as pushed to the renderer and stored in `candles`. Prices in
 * paise; `bucket` is the IST-aligned start (epoch ms) from timeframe.ts.
 */
import type { Timeframe } from './timeframe';

export interface Candle {
  token: number;
  timeframe: Timeframe;
  bucket: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Units traded in the bucket (1d: the exchange's cumulative day volume). */
  volume: number;
  /** Ticks folded into the candle. */
  trades: number;
  /** Volume-weighted average price in paise, rounded half-up; null when nothing traded (indices). */
  vwap: number | null;
  /** Open interest at the last tick (0 for cash and indices). */
  oi: number;
}
