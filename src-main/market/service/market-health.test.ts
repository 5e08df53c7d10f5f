import { describe, expect, it } from 'vitest';
import { feedHealthSchema } from '../../../src-shared/market/feed-health';
import { createNseCalendar } from '../../../src-shared/market/nse-session';
import type { FeedWireProblems } from '../../../src-shared/market/wire-problems';
import type { Feed } from '../feed-port';
import { IngestPipeline } from './ingest-pipeline';
import { buildHealth, idleHealth } from './market-health';
import { DEFAULT_MARKET_SETTINGS } from './market-service';

function fakeFeed(name: string, wire?: () => FeedWireProblems | null): Feed {
  const feed: Feed = {
    name, simulated: name === 'simulated', persist: false,
    connect: () => Promise.resolve(), disconnect: () => Promise.resolve(), instruments: () => [],
    subscribe: () => undefined, unsubscribe: () => undefined, onBatch: () => () => undefined,
    status: () => ({ connected: true, error: null }), onStatus: () => () => undefined, now: () => Date.now(),
  };
  return wire ? { ...feed, wireProblems: wire } : feed;
}

const health = (feed: Feed) =>
  buildHealth({ settings: DEFAULT_MARKET_SETTINGS, feed, calendar: createNseCalendar(), pipeline: new IngestPipeline({ writer: null, store: null, previousCloses: new Map() }), writer: null, store: null, seconds: 1 });

describe('feed health line: wire problems', () => {
  it('carries a broker feed\'s wire totals as it reads them now', () => {
    let totals: FeedWireProblems = { badFrames: 12, unknownInstruments: 3, badMessages: 0, refusedSubscriptions: 0 };
    const feed = fakeFeed('kite', () => totals);
    const line = feedHealthSchema.parse(health(feed));
    expect(line.wire).toEqual({ badFrames: 12, unknownInstruments: 3, badMessages: 0, refusedSubscriptions: 0 });
    totals = { ...totals, badMessages: 4 };
    expect(health(feed).wire).toEqual({ badFrames: 12, unknownInstruments: 3, badMessages: 4, refusedSubscriptions: 0 });
  });

  it('is null for a feed that keeps no wire counters, or has none to give, and before any feed runs', () => {
    expect(health(fakeFeed('simulated')).wire).toBeNull();
    expect(health(fakeFeed('kotak', () => null)).wire).toBeNull();
    expect(idleHealth(DEFAULT_MARKET_SETTINGS, createNseCalendar()).wire).toBeNull();
  });
});

describe('feed health line before a feed runs', () => {
  it('labels only generated or replayed data SIMULATED, whichever broker feed is chosen', () => {
    const idle = (feed: (typeof DEFAULT_MARKET_SETTINGS)['feed']) => idleHealth({ ...DEFAULT_MARKET_SETTINGS, feed }, createNseCalendar()).simulated;
    expect([idle('simulated'), idle('replay'), idle('kite'), idle('kotak')]).toEqual([true, true, false, false]);
  });
});
