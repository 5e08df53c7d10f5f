/** Candles (paise, epoch ms) → the library's bars (rupees, UTC seconds). Display only. */
import type { CandlestickData, HistogramData, UTCTimestamp } from 'lightweight-charts';
import type { Candle } from '../../../../src-shared/market/candle';
import { toChartTime } from './chart-time';

export const UP_COLOUR = '#3fb950';
export const DOWN_COLOUR = '#f85149';
const UP_VOLUME = 'rgba(63, 185, 80, 0.45)';
const DOWN_VOLUME = 'rgba(248, 81, 73, 0.45)';

export function toCandlestick(candle: Candle): CandlestickData<UTCTimestamp> {
  return {
    time: toChartTime(candle.bucket) as UTCTimestamp,
    open: candle.open / 100,
    high: candle.high / 100,
    low: candle.low / 100,
    close: candle.close / 100,
  };
}

export function toVolume(candle: Candle): HistogramData<UTCTimestamp> {
  return {
    time: toChartTime(candle.bucket) as UTCTimestamp,
    value: candle.volume,
    color: candle.close >= candle.open ? UP_VOLUME : DOWN_VOLUME,
  };
}
