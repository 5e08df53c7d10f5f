import { useMemo } from 'react';
import type { Candle } from '../../../../src-shared/market/candle';
import type { Timeframe } from '../../../../src-shared/market/timeframe';
import { formatRupees } from '../../format/money';
import { formatVolume } from '../../format/volume';
import { istBarTime } from './chart-time';

interface ChartLegendProps {
  candle: Candle | null;
  timeframe: Timeframe;
}

/** O H L C V and the bar's IST time, for the bar under the crosshair (else the newest). */
export function ChartLegend({ candle, timeframe }: ChartLegendProps) {
  // The forming bar updates every frame; its time label only changes with the bucket.
  const bucket = candle?.bucket;
  const time = useMemo(() => (bucket === undefined ? '' : istBarTime(bucket, timeframe)), [bucket, timeframe]);
  if (!candle) return <div className="chart-legend" data-testid="chart-legend" />;
  const tone = candle.close >= candle.open ? 'up' : 'down';
  return (
    <div className={`chart-legend tone-${tone}`} data-testid="chart-legend">
      <span className="chart-legend-time" data-testid="chart-legend-time">
        {time}
      </span>
      <span>
        O <b>{formatRupees(candle.open)}</b>
      </span>
      <span>
        H <b>{formatRupees(candle.high)}</b>
      </span>
      <span>
        L <b>{formatRupees(candle.low)}</b>
      </span>
      <span>
        C <b data-testid="chart-legend-close">{formatRupees(candle.close)}</b>
      </span>
      <span>
        V <b>{formatVolume(candle.volume)}</b>
      </span>
    </div>
  );
}
