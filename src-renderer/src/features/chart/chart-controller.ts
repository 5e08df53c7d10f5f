/**
 * The one lightweight-charts instance of the chart pane, behind a small
 * imperative API: React decides what to show, this turns it into setData /
 * update calls. The bars (paise) are kept here too, so the legend and the
 * join rules (candle-series.ts) read exact values, never the chart's floats.
 */
import {
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  HistogramSeries,
  createChart,
  type IChartApi,
  type ISeriesApi,
  type LogicalRange,
  type MouseEventParams,
  type Time,
} from 'lightweight-charts';
import type { Candle } from '../../../../src-shared/market/candle';
import type { Timeframe } from '../../../../src-shared/market/timeframe';
import { formatRupees } from '../../format/money';
import { formatVolume } from '../../format/volume';
import { DOWN_COLOUR, UP_COLOUR, toCandlestick, toVolume } from './chart-bars';
import { applyLive, findBar, prependOlder } from './candle-series';
import { chartTimeToMs, istBarTime, istTickMark } from './chart-time';

/** Ask for older history when fewer than this many bars are left of the view. */
export const LOAD_OLDER_WITHIN_BARS = 30;

export interface ChartCallbacks {
  /** The view came near the oldest bar. */
  onNeedOlder(): void;
  /** The bar under the crosshair, or the newest bar when the crosshair is away. */
  onLegend(candle: Candle | null): void;
}

export class ChartController {
  readonly #chart: IChartApi;
  readonly #candles: ISeriesApi<'Candlestick', Time>;
  readonly #volume: ISeriesApi<'Histogram', Time>;
  readonly #callbacks: ChartCallbacks;
  readonly #container: HTMLElement;
  #bars: Candle[] = [];
  #timeframe: Timeframe = '1m';
  #hovering = false;

  constructor(container: HTMLElement, callbacks: ChartCallbacks) {
    // The library needs both (sizing, device pixel ratio) and fails later, asynchronously, without them.
    const view = container.ownerDocument.defaultView;
    if (typeof view?.matchMedia !== 'function' || typeof view.ResizeObserver !== 'function') {
      throw new Error('this window has no matchMedia or ResizeObserver');
    }
    this.#callbacks = callbacks;
    this.#container = container;
    this.#chart = createChart(container, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: '#121821' }, textColor: '#8591a5', fontSize: 11, attributionLogo: false },
      grid: { vertLines: { color: '#1a2230' }, horzLines: { color: '#1a2230' } },
      crosshair: { mode: CrosshairMode.Normal },
      rightPriceScale: { borderColor: '#263042' },
      timeScale: { borderColor: '#263042', timeVisible: true, secondsVisible: false, tickMarkFormatter: istTickMark },
      localization: {
        timeFormatter: (time: Time) => {
          const ms = chartTimeToMs(time);
          return ms === null ? '' : istBarTime(ms, this.#timeframe);
        },
        priceFormatter: (price: number) => formatRupees(Math.round(price * 100)),
      },
    });
    this.#candles = this.#chart.addSeries(CandlestickSeries, {
      upColor: UP_COLOUR,
      downColor: DOWN_COLOUR,
      borderUpColor: UP_COLOUR,
      borderDownColor: DOWN_COLOUR,
      wickUpColor: UP_COLOUR,
      wickDownColor: DOWN_COLOUR,
    });
    // Volume on its own overlay price scale, squeezed into the bottom fifth.
    this.#volume = this.#chart.addSeries(HistogramSeries, {
      priceScaleId: 'volume',
      priceFormat: { type: 'custom', minMove: 1, formatter: (value: number) => formatVolume(Math.round(value)) },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    this.#chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.#candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.25 } });
    this.#chart.subscribeCrosshairMove(this.#onCrosshair);
    this.#chart.timeScale().subscribeVisibleLogicalRangeChange(this.#onRange);
  }

  get bars(): readonly Candle[] {
    return this.#bars;
  }

  /** Price steps of the instrument shown (its tick size, in paise). */
  setTickSize(tickPaise: number): void {
    const minMove = Math.max(1, tickPaise) / 100;
    this.#candles.applyOptions({ priceFormat: { type: 'custom', minMove, formatter: (price: number) => formatRupees(Math.round(price * 100)) } });
  }

  setTimeframe(timeframe: Timeframe): void {
    this.#timeframe = timeframe;
    this.#chart.applyOptions({ timeScale: { timeVisible: timeframe !== '1d', secondsVisible: timeframe === '1s' } });
  }

  /** Replaces everything shown (a new instrument or timeframe, the first page). */
  reset(bars: Candle[]): void {
    this.#bars = bars;
    this.#candles.setData(bars.map(toCandlestick));
    this.#volume.setData(bars.map(toVolume));
    this.#chart.timeScale().scrollToRealTime();
    this.#markCount();
    this.#emitLegend();
  }

  /** One live candle: update() for the forming bar, a historical update for a just-closed one. */
  live(candle: Candle): void {
    const step = applyLive(this.#bars, candle);
    if (step.kind === 'ignore') return;
    const historical = step.kind === 'replace' && !step.last;
    if (step.kind === 'append') this.#markCount();
    this.#candles.update(toCandlestick(candle), historical);
    this.#volume.update(toVolume(candle), historical);
    if (!this.#hovering) this.#emitLegend();
  }

  /**
   * An older page in front; the view stays on the bars it showed. setData
   * already keeps the view anchored to the newest bar (e2e/bench/chart-history
   * checks it); the explicit range, shifted by what was added, makes that
   * our promise rather than a library default.
   */
  prepend(older: readonly Candle[]): number {
    const before = this.#bars.length;
    const range = this.#chart.timeScale().getVisibleLogicalRange();
    this.#bars = prependOlder(this.#bars, older);
    const added = this.#bars.length - before;
    if (added === 0) return 0;
    this.#candles.setData(this.#bars.map(toCandlestick));
    this.#volume.setData(this.#bars.map(toVolume));
    if (range) this.#chart.timeScale().setVisibleLogicalRange({ from: range.from + added, to: range.to + added });
    this.#markCount();
    return added;
  }

  destroy(): void {
    this.#chart.unsubscribeCrosshairMove(this.#onCrosshair);
    this.#chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.#onRange);
    this.#chart.remove();
  }

  /** The bar count as a data attribute: what end-to-end tests and the render benchmark read. */
  #markCount(): void {
    this.#container.dataset.bars = String(this.#bars.length);
    this.#container.dataset.lastBucket = String(this.#bars[this.#bars.length - 1]?.bucket ?? '');
  }

  #emitLegend(): void {
    this.#callbacks.onLegend(this.#bars[this.#bars.length - 1] ?? null);
  }

  readonly #onCrosshair = (param: MouseEventParams<Time>): void => {
    const ms = param.time === undefined ? null : chartTimeToMs(param.time);
    const index = ms === null ? -1 : findBar(this.#bars, ms);
    this.#hovering = index !== -1;
    if (index === -1) this.#emitLegend();
    else this.#callbacks.onLegend(this.#bars[index] ?? null);
  };

  readonly #onRange = (range: LogicalRange | null): void => {
    if (range && this.#bars.length > 0 && range.from < LOAD_OLDER_WITHIN_BARS) this.#callbacks.onNeedOlder();
  };
}
