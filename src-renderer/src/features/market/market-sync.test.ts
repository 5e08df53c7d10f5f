import { beforeEach, describe, expect, it } from 'vitest';
import type { WatchlistItem } from '../../../../src-shared/contract/domains/market';
import type { Quote } from '../../../../src-shared/market/quote';
import { useFeedHealthStore } from '../../stores/feed-health-store';
import { useQuotesStore } from '../../stores/quotes-store';
import { useWatchlistStore } from '../../stores/watchlist-store';
import { fakeMarketClient } from './fake-market-client';
import { pricedTokens, startMarketSync, type ConnectionWatch } from './market-sync';
import { sampleHealth } from './test-health';

const quote = (token: number, ltp: number, ts: number): Quote => ({ token, ltp, open: ltp, high: ltp, low: ltp, close: ltp, change: 0, changePct: 0, volume: 0, oi: 0, bid: null, ask: null, bidQty: 0, askQty: 0, ts });
const item = (token: number, listed = true): WatchlistItem => ({
  token,
  position: 0,
  addedAt: 0,
  instrument: listed ? { token, exchangeToken: token, tradingsymbol: `T${token}`, name: '', exchange: 'NSE', segment: 'NSE', instrumentType: 'EQ', expiry: null, strike: null, lotSize: 1, tickSize: 5, freezeQty: null } : null,
});

/** A connection the test switches by hand. */
function manualConnection(open: boolean) {
  const listeners = new Set<(open: boolean) => void>();
  const watch: ConnectionWatch = {
    isOpen: () => open,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    watch,
    set(next: boolean) {
      open = next;
      listeners.forEach((listener) => listener(next));
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  useQuotesStore.setState({ quotes: {} });
  useWatchlistStore.setState({ items: null, error: null });
  useFeedHealthStore.setState({ health: null });
});

describe('startMarketSync', () => {
  it('reads the watchlist, its quotes and the health once usable, and again after each return', async () => {
    let failWith: string | null = "Tickdesk's database is starting";
    const client = fakeMarketClient({
      'watchlist.list': () => {
        if (failWith) throw new Error(failWith);
        return [item(1), item(2, false)];
      },
      'market.quotes': ({ tokens }) => tokens.map((token) => quote(token, 100, 1)),
      'market.health': () => sampleHealth({ ticksPerSec: 42 }),
    });
    const connection = manualConnection(true);
    const stop = startMarketSync(client, connection.watch);
    await settle();
    expect(useWatchlistStore.getState().error).toBe("Tickdesk's database is starting");
    failWith = null;
    connection.set(false);
    connection.set(true);
    await settle();
    expect(useWatchlistStore.getState()).toMatchObject({ error: null, items: [{ token: 1 }, { token: 2 }] });
    // Only tokens still in the master are priced.
    expect(client.calls.filter((c) => c.method === 'market.quotes').map((c) => c.args)).toEqual([{ tokens: [1] }]);
    expect(useQuotesStore.getState().quotes[1]?.ltp).toBe(100);
    expect(useFeedHealthStore.getState().health?.ticksPerSec).toBe(42);
    stop();
  });

  it('folds pushed quotes in and keeps the newest health line', async () => {
    const client = fakeMarketClient({});
    const stop = startMarketSync(client, manualConnection(false).watch);
    client.emit('market.quotes', [quote(5, 200, 10)]);
    client.emit('market.quotes', [quote(5, 150, 9)]); // older: ignored
    expect(useQuotesStore.getState().quotes[5]?.ltp).toBe(200);
    client.emit('market.health', sampleHealth({ connected: false }));
    expect(useFeedHealthStore.getState().health?.connected).toBe(false);
    stop();
    client.emit('market.quotes', [quote(5, 300, 11)]);
    expect(useQuotesStore.getState().quotes[5]?.ltp).toBe(200);
  });

  it('prices at most 500 tokens per snapshot', () => {
    expect(pricedTokens(Array.from({ length: 600 }, (_, i) => item(i + 1)))).toHaveLength(500);
  });
});
