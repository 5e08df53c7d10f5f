/**
 * The minimal bar an indicator reads. Prices are plain numbers (the chart's
 * candles carry paise; indicator values are for display and signals, never
 * summed into money). `time` is the bar's start, epoch ms UTC.
 */
export interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Which price of a bar a single-series indicator reads (TradingView's names). */
export type PriceSource = 'open' | 'high' | 'low' | 'close' | 'hl2' | 'hlc3' | 'ohlc4';

export function priceOf(bar: Bar, source: PriceSource): number {
  switch (source) {
    case 'close':
      return bar.close;
    case 'open':
      return bar.open;
    case 'high':
      return bar.high;
    case 'low':
      return bar.low;
    case 'hl2':
      return (bar.high + bar.low) / 2;
    case 'hlc3':
      return (bar.high + bar.low + bar.close) / 3;
    case 'ohlc4':
      return (bar.open + bar.high + bar.low + bar.close) / 4;
  }
}
