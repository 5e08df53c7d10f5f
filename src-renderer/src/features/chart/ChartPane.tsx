import { useCallback, useEffect, useState } from 'react';
import type { Candle } from '../../../../src-shared/market/candle';
import { TIMEFRAMES } from '../../../../src-shared/market/timeframe';
import { useClient } from '../../client/client-context';
import { errorMessage } from '../../format/error-message';
import { setChartTimeframe, shownToken, useChartStore } from '../../stores/chart-store';
import { useWatchlistStore } from '../../stores/watchlist-store';
import { useMarketUsable } from '../market/usable';
import { Pane } from '../workspace/Pane';
import { ChartController } from './chart-controller';
import { ChartFeed, IDLE, type ChartFeedState } from './chart-feed';
import { ChartLegend } from './ChartLegend';
import './chart.css';

/** Candles and volume of the picked instrument (by default the watchlist's first row). */
export function ChartPane() {
  const client = useClient();
  const [parts, setParts] = useState<{ controller: ChartController; feed: ChartFeed } | null>(null);
  const [legend, setLegend] = useState<Candle | null>(null);
  const [feedState, setFeedState] = useState<ChartFeedState>(IDLE);
  const timeframe = useChartStore((s) => s.timeframe);
  const pickedToken = useChartStore((s) => s.token);
  const items = useWatchlistStore((s) => s.items);
  const online = useMarketUsable();
  const token = shownToken(pickedToken, items);
  const instrument = items?.find((entry) => entry.token === token)?.instrument ?? null;

  // A ref callback with a cleanup (React 19): the chart lives exactly as long as its element.
  const mountChart = useCallback(
    (container: HTMLDivElement | null) => {
      if (!container) return;
      let feed: ChartFeed | null = null;
      let controller: ChartController;
      try {
        controller = new ChartController(container, {
          onNeedOlder: () => void feed?.loadOlder(),
          onLegend: setLegend,
        });
      } catch (error) {
        // No canvas (a locked-down or headless renderer): say so instead of taking the workspace down.
        setFeedState({ ...IDLE, error: `the chart cannot draw here (${errorMessage(error)})` });
        return;
      }
      const created = new ChartFeed(client, controller, setFeedState);
      feed = created;
      setParts({ controller, feed: created });
      return () => {
        created.dispose();
        controller.destroy();
        setParts(null);
      };
    },
    [client],
  );

  const tickSize = instrument?.tickSize ?? 5;
  useEffect(() => {
    if (!parts) return;
    parts.controller.setTimeframe(timeframe);
    parts.controller.setTickSize(tickSize);
  }, [parts, timeframe, tickSize]);

  useEffect(() => {
    if (!parts || !online) return;
    if (token === null) parts.feed.clear();
    else void parts.feed.show(token, timeframe);
  }, [parts, token, timeframe, online]);

  const title = instrument ? `${instrument.tradingsymbol} · ${instrument.exchange}` : token !== null ? `#${token}` : 'No instrument';
  return (
    <Pane title="Chart" area="chart" testId="pane-chart">
      <div className="chart">
        <div className="chart-toolbar">
          <span className="chart-symbol" data-testid="chart-symbol">
            {title}
          </span>
          <span className="chart-timeframes" role="group" aria-label="Timeframe">
            {TIMEFRAMES.map((tf) => (
              <button
                key={tf}
                type="button"
                className={`chart-tf${tf === timeframe ? ' active' : ''}`}
                aria-pressed={tf === timeframe}
                data-testid={`chart-tf-${tf}`}
                onClick={() => setChartTimeframe(tf)}
              >
                {tf}
              </button>
            ))}
          </span>
          <span className="chart-state" data-testid="chart-state">
            {feedState.error ? `Could not load: ${feedState.error}` : feedState.loading ? 'Loading…' : feedState.loadingOlder ? 'Loading older…' : ''}
          </span>
        </div>
        <ChartLegend candle={legend} timeframe={timeframe} />
        <div className="chart-area">
          {/* lightweight-charts owns this element's children; React puts nothing inside it. */}
          <div className="chart-canvas" ref={mountChart} data-testid="chart-canvas" />
          {token === null ? <p className="chart-empty">Add an instrument to the watchlist to chart it.</p> : null}
        </div>
      </div>
    </Pane>
  );
}
