import { describe, expect, it } from 'vitest';
import type { TickdeskClient } from '../../../../src-shared/contract/client';
import type { EventName, MethodName } from '../../../../src-shared/contract';
import type { Candle } from '../../../../src-shared/market/candle';
import { ChartFeed, FIRST_PAGE, type ChartFeedState, type ChartSink } from './chart-feed';
import { applyLive, prependOlder } from './candle-series';

const M = 60_000;
const bar = (minute: number, close = 100, token = 7): Candle => ({ token, timeframe: '1m', bucket: minute * M, open: 100, high: Math.max(100, close), low: Math.min(100, close), close, volume: 1, trades: 1, vwap: null, oi: 0 });

interface Pending {
  method: MethodName;
  args: Record<string, unknown>;
  resolve(value: unknown): void;
}

/** A client whose calls wait until the test answers them, and whose events the test pushes. */
function fakeClient() {
  const pending: Pending[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const client = {
    call: (method: MethodName, args: Record<string, unknown>) =>
      method === 'market.watchCandles'
        ? Promise.resolve({ watching: 1 })
        : new Promise((resolve) => pending.push({ method, args, resolve })),
    on: (event: EventName, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  } as unknown as TickdeskClient;
  const push = (candles: Candle[]) => listeners.get('market.candles')?.forEach((l) => l(candles.map((candle) => ({ token: candle.token, timeframe: candle.timeframe, candle }))));
  const next = async () => {
    for (let i = 0; i < 10 && pending.length === 0; i += 1) await Promise.resolve();
    const call = pending.shift();
    if (!call) throw new Error('no call pending');
    return call;
  };
  return { client, push, next };
}

function fakeSink(): ChartSink & { resets: number } {
  const sink = {
    bars: [] as Candle[],
    resets: 0,
    reset(bars: Candle[]) {
      sink.bars = bars;
      sink.resets += 1;
    },
    live(candle: Candle) {
      applyLive(sink.bars, candle);
    },
    prepend(older: readonly Candle[]) {
      const before = sink.bars.length;
      sink.bars = prependOlder(sink.bars, older);
      return sink.bars.length - before;
    },
  };
  return sink;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const minutes = (bars: readonly Candle[]) => bars.map((b) => b.bucket / M);

describe('ChartFeed', () => {
  it('joins live candles pushed while the first page loads, then applies them directly', async () => {
    const { client, push, next } = fakeClient();
    const sink = fakeSink();
    const feed = new ChartFeed(client, sink, () => undefined);
    const shown = feed.show(7, '1m');
    const page = await next();
    expect(page).toMatchObject({ method: 'market.candles', args: { token: 7, timeframe: '1m', limit: FIRST_PAGE } });
    push([bar(1, 101), bar(2, 102)]);
    push([bar(2, 99, 8)]); // another token: not ours
    page.resolve([bar(0), bar(1, 100)]);
    await shown;
    expect(minutes(sink.bars)).toEqual([0, 1, 2]);
    expect(sink.bars.map((b) => b.close)).toEqual([100, 101, 102]);
    push([bar(2, 105), bar(3, 106)]);
    expect(minutes(sink.bars)).toEqual([0, 1, 2, 3]);
    expect(sink.bars[2]?.close).toBe(105);
  });

  it('drops an answer meant for the previous key after a switch', async () => {
    const { client, next } = fakeClient();
    const sink = fakeSink();
    const feed = new ChartFeed(client, sink, () => undefined);
    void feed.show(7, '1m');
    const first = await next();
    const second = feed.show(7, '5m');
    const page5m = await next();
    first.resolve([bar(0), bar(1)]);
    page5m.resolve([{ ...bar(0), timeframe: '5m' }]);
    await second;
    await flush();
    expect(sink.bars).toHaveLength(1);
    expect(sink.bars[0]?.timeframe).toBe('5m');
  });

  it('loads older pages before the oldest bar, one at a time, until history runs out', async () => {
    const { client, next } = fakeClient();
    const sink = fakeSink();
    const states: ChartFeedState[] = [];
    const feed = new ChartFeed(client, sink, (state) => states.push(state));
    const shown = feed.show(7, '1m');
    (await next()).resolve(Array.from({ length: FIRST_PAGE }, (_, i) => bar(10_000 + i)));
    await shown;
    const older = feed.loadOlder();
    void feed.loadOlder(); // while one is in flight: no second request
    const call = await next();
    expect(call.args).toMatchObject({ before: 10_000 * M });
    call.resolve([bar(9_998), bar(9_999)]);
    await older;
    expect(sink.bars).toHaveLength(FIRST_PAGE + 2);
    expect(states[states.length - 1]).toMatchObject({ exhausted: true, loadingOlder: false });
    await feed.loadOlder();
    await flush();
    await expect(next()).rejects.toThrow('no call pending');
  });

  it('shows an empty chart and the error when history cannot be read', async () => {
    const { client, next } = fakeClient();
    const sink = fakeSink();
    const states: ChartFeedState[] = [];
    const feed = new ChartFeed(client, sink, (state) => states.push(state));
    const shown = feed.show(7, '1m');
    const call = await next();
    call.resolve(Promise.reject(new Error('database is restarting')));
    await shown;
    expect(sink.bars).toEqual([]);
    expect(states[states.length - 1]).toMatchObject({ loading: false, error: 'database is restarting' });
  });
});
