import { describe, expect, test } from 'vitest';
import type { Tick } from '../../../src-shared/domain/tick';
import { istInstant } from '../../../src-shared/market/ist-calendar';
import { createTickStage } from '../ingest/tick-stage';
import { IngestPipeline } from './ingest-pipeline';

const t0 = istInstant('2026-11-20', 600);
const tick = (token: number, ts: number, ltp: number, volume: number): Tick => ({ token, ts, ltp, lastQty: 1, volume, oi: 0, bid: ltp - 5, bidQty: 1, ask: ltp + 5, askQty: 1 });

describe('ingest pipeline (main thread)', () => {
  test('adds up verdicts, folds accepted ticks into quotes and candles, pushes only watched candles', () => {
    const stage = createTickStage({ knownTokens: [1, 2], persist: false, flags: 0 });
    const pipeline = new IngestPipeline({ writer: null, store: null, previousCloses: new Map() });
    pipeline.accept(stage.stage([tick(1, t0, 100_00, 10), tick(2, t0, 200_00, 5), tick(9, t0, 1, 1), tick(1, t0, 100_00, 10)], t0));
    pipeline.accept(stage.stage([tick(1, t0 + 1_500, 101_00, 12)], t0 + 1_500));
    expect(pipeline.verdicts).toEqual({ accepted: 3, unknownToken: 1, badPrice: 0, malformed: 0, duplicate: 1, outOfOrder: 0 });
    expect(pipeline.takeAccepted()).toBe(3);
    expect(pipeline.quotes.get(1)).toMatchObject({ ltp: 101_00, high: 101_00, low: 100_00, volume: 12 });

    // Nothing watched: no candle pushes.
    expect(pipeline.takeCandles()).toEqual([]);
    pipeline.setInterest([{ token: 1, timeframe: '1s' }]);
    pipeline.accept(stage.stage([tick(1, t0 + 2_100, 102_00, 15), tick(2, t0 + 2_100, 201_00, 6)], t0 + 2_100));
    // Changed since the last take: the 1 s bars of t0, t0+1 s (closed) and t0+2 s (live), token 1 only.
    const pushed = pipeline.takeCandles();
    expect(pushed.map((c) => [c.token, c.timeframe, c.bucket - t0])).toEqual([
      [1, '1s', 0],
      [1, '1s', 1_000],
      [1, '1s', 2_000],
    ]);
    expect(pushed[2]).toMatchObject({ close: 102_00, volume: 3 });
    expect(pipeline.takeCandles()).toEqual([]);
    expect(pipeline.candles.current(1, '1m')).toMatchObject({ open: 100_00, high: 102_00, close: 102_00 });
  });
});
