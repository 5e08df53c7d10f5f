/**
 * Heikin-Ashi bars: close = (o + h + l + c)/4; open = the mean of the previous
 * HA open and close (on the first bar, of the bar's own open and close);
 * high/low = the extremes of the real high/low and the HA open/close. Time and
 * volume pass through, so the result feeds the chart and other indicators.
 */
import type { Bar } from './bar';
import { runBatch, type Indicator } from './indicator';

export function createHeikinAshi(): Indicator<Bar> {
  let count = 0;
  let previousOpen = 0;
  let previousClose = 0;
  const step = (bar: Bar, commit: boolean): Bar => {
    const close = (bar.open + bar.high + bar.low + bar.close) / 4;
    const open = count === 0 ? (bar.open + bar.close) / 2 : (previousOpen + previousClose) / 2;
    const high = Math.max(bar.high, open, close);
    const low = Math.min(bar.low, open, close);
    if (commit) {
      count++;
      previousOpen = open;
      previousClose = close;
    }
    return { time: bar.time, open, high, low, close, volume: bar.volume };
  };
  return {
    get length() {
      return count;
    },
    push: (bar) => step(bar, true),
    update: (bar) => step(bar, false),
  };
}

export const heikinAshi = (bars: readonly Bar[]) => runBatch(createHeikinAshi(), bars);
