import { create } from 'zustand';
import type { WatchlistItem } from '../../../src-shared/contract/domains/market';
import type { Timeframe } from '../../../src-shared/market/timeframe';

interface ChartStore {
  /** The instrument shown in the chart; null until one is picked (or the watchlist gives a first one). */
  token: number | null;
  timeframe: Timeframe;
  /** Chosen by a click, as opposed to defaulted to the watchlist's first row. */
  picked: boolean;
}

export const useChartStore = create<ChartStore>()(() => ({ token: null, timeframe: '1m', picked: false }));

export function showInChart(token: number): void {
  useChartStore.setState({ token, picked: true });
}

export function setChartTimeframe(timeframe: Timeframe): void {
  useChartStore.setState({ timeframe });
}

/** What the chart shows: the picked token, else the watchlist's first row that can be priced. */
export function shownToken(picked: number | null, items: readonly WatchlistItem[] | null): number | null {
  return picked ?? items?.find((item) => item.instrument !== null)?.token ?? null;
}
