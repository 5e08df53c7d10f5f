// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WatchlistItem } from '../../../../src-shared/contract/domains/market';
import type { Instrument } from '../../../../src-shared/domain/instrument';
import type { Quote } from '../../../../src-shared/market/quote';
import { ClientProvider } from '../../client/client-context';
import { useChartStore } from '../../stores/chart-store';
import { applyQuotes, useQuotesStore } from '../../stores/quotes-store';
import { useWatchlistStore } from '../../stores/watchlist-store';
import { fakeMarketClient, type FakeClient } from '../market/fake-market-client';
import { FLASH_MS } from './flash';
import { SEARCH_DEBOUNCE_MS } from './SearchBox';
import { rowView } from './row-view';
import type * as RowViewModule from './row-view';
import { WatchlistPane } from './WatchlistPane';

// rowView runs once per row render: counting its calls counts row renders.
vi.mock('./row-view', async (importOriginal) => {
  const actual = await importOriginal<typeof RowViewModule>();
  return { rowView: vi.fn(actual.rowView) };
});

const instrument = (token: number, tradingsymbol: string): Instrument => ({
  token,
  exchangeToken: token,
  tradingsymbol,
  name: `${tradingsymbol} LTD`,
  exchange: 'NSE',
  segment: 'NSE',
  instrumentType: 'EQ',
  expiry: null,
  strike: null,
  lotSize: 1,
  tickSize: 5,
  freezeQty: null,
});
const RELIANCE = instrument(738561, 'RELIANCE');
const RELINFRA = instrument(141249, 'RELINFRA');
const INFY = instrument(408065, 'INFY');
const item = (instr: Instrument, position: number): WatchlistItem => ({ token: instr.token, position, addedAt: 0, instrument: instr });
const quote = (token: number, ltp: number, close: number, ts: number, volume = 1_234_567): Quote => ({
  token,
  ltp,
  open: close,
  high: ltp,
  low: close,
  close,
  change: ltp - close,
  changePct: ((ltp - close) / close) * 100,
  volume,
  oi: 0,
  bid: null,
  ask: null,
  bidQty: 0,
  askQty: 0,
  ts,
});

let client: FakeClient;
let list: WatchlistItem[];

beforeEach(() => {
  list = [item(INFY, 0)];
  useWatchlistStore.setState({ items: list, error: null });
  useQuotesStore.setState({ quotes: {} });
  useChartStore.setState({ token: null, timeframe: '1m', picked: false });
  client = fakeMarketClient({
    'market.search': ({ query }) => [RELIANCE, RELINFRA, INFY].filter((i) => i.tradingsymbol.startsWith(query.toUpperCase())),
    'watchlist.add': ({ token }) => {
      const found = [RELIANCE, RELINFRA, INFY].find((i) => i.token === token);
      if (found) list = [...list, item(found, list.length)];
      return list;
    },
    'watchlist.remove': ({ token }) => (list = list.filter((entry) => entry.token !== token)),
    'market.quotes': ({ tokens }) => tokens.map((token) => quote(token, 250_000, 245_000, 1)),
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const renderPane = () =>
  render(
    <ClientProvider client={client}>
      <WatchlistPane />
    </ClientProvider>,
  );
const rowOf = (symbol: string) => screen.getAllByTestId('watchlist-row').find((row) => row.dataset.symbol === symbol);

describe('watchlist rows', () => {
  it('shows LTP, change and change % coloured by direction, and volume, from paise', () => {
    applyQuotes([quote(INFY.token, 1_52_345_05, 1_50_000_00, 1)]);
    renderPane();
    const row = rowOf('INFY');
    expect(row?.querySelector('[data-testid="watchlist-ltp"]')?.textContent).toBe('1,52,345.05');
    expect(row?.querySelector('[data-testid="watchlist-change"]')?.textContent).toBe('+2,345.05 (+1.56%)');
    expect(row?.querySelector('[data-testid="watchlist-volume"]')?.textContent).toBe('12.35 L');
    expect(row?.className).toContain('dir-up');
  });

  it('flashes the price on each change, in its direction, then lets it fade', () => {
    vi.useFakeTimers();
    applyQuotes([quote(INFY.token, 100_00, 100_00, 1)]);
    renderPane();
    const ltp = () => rowOf('INFY')?.querySelector<HTMLElement>('[data-testid="watchlist-ltp"]');
    expect(ltp()?.dataset.flash).toBeUndefined();
    act(() => applyQuotes([quote(INFY.token, 101_00, 100_00, 2)]));
    expect(ltp()?.dataset.flash).toBe('up');
    act(() => applyQuotes([quote(INFY.token, 99_00, 100_00, 3)]));
    expect(ltp()?.dataset.flash).toBe('down');
    expect(rowOf('INFY')?.className).toContain('dir-down');
    // An older quote arriving late changes nothing.
    act(() => applyQuotes([quote(INFY.token, 150_00, 100_00, 2)]));
    expect(ltp()?.textContent).toBe('99.00');
    act(() => vi.advanceTimersByTime(FLASH_MS + 100));
    expect(ltp()?.dataset.flash).toBeUndefined();
  });

  it('re-renders only the row whose quote changed', () => {
    useWatchlistStore.setState({ items: [item(INFY, 0), item(RELIANCE, 1)] });
    applyQuotes([quote(INFY.token, 100_00, 100_00, 1), quote(RELIANCE.token, 200_00, 200_00, 1)]);
    renderPane();
    const renders = vi.mocked(rowView);
    renders.mockClear();
    act(() => applyQuotes([quote(INFY.token, 101_00, 100_00, 2)]));
    expect(renders.mock.calls.map(([q]) => q?.token)).toEqual([INFY.token]);
    const relianceLtp = rowOf('RELIANCE')?.querySelector<HTMLElement>('[data-testid="watchlist-ltp"]');
    expect(relianceLtp?.dataset.flash).toBeUndefined();
  });

  it('removes a row with its button and shows a clicked row in the chart', async () => {
    useWatchlistStore.setState({ items: [item(INFY, 0), item(RELIANCE, 1)] });
    list = [item(INFY, 0), item(RELIANCE, 1)];
    renderPane();
    fireEvent.click(rowOf('RELIANCE') as HTMLElement);
    expect(useChartStore.getState()).toMatchObject({ token: RELIANCE.token, picked: true });
    await act(async () => {
      fireEvent.click(rowOf('INFY')?.querySelector('[data-testid="watchlist-remove"]') as HTMLElement);
    });
    expect(screen.getAllByTestId('watchlist-row').map((row) => row.dataset.symbol)).toEqual(['RELIANCE']);
    expect(client.calls.filter((c) => c.method === 'watchlist.remove')).toEqual([{ method: 'watchlist.remove', args: { token: INFY.token } }]);
  });
});

describe('watchlist search', () => {
  it('debounces typing into one search, and adds the highlighted result with arrows and Enter', async () => {
    vi.useFakeTimers();
    renderPane();
    const box = screen.getByTestId('watchlist-search');
    fireEvent.change(box, { target: { value: 'R' } });
    fireEvent.change(box, { target: { value: 'RE' } });
    fireEvent.change(box, { target: { value: 'REL' } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 10);
    });
    expect(client.calls.filter((c) => c.method === 'market.search')).toEqual([{ method: 'market.search', args: { query: 'REL', limit: 20 } }]);
    expect(screen.getAllByTestId('watchlist-result').map((r) => r.dataset.symbol)).toEqual(['RELIANCE', 'RELINFRA']);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    await act(async () => {
      fireEvent.keyDown(box, { key: 'Enter' });
      await vi.runAllTimersAsync();
    });
    expect(client.calls.some((c) => c.method === 'watchlist.add' && (c.args as { token: number }).token === RELINFRA.token)).toBe(true);
    expect(screen.getAllByTestId('watchlist-row').map((row) => row.dataset.symbol)).toEqual(['INFY', 'RELINFRA']);
    expect((box as HTMLInputElement).value).toBe('');
    // The new row got its quote snapshot.
    expect(rowOf('RELINFRA')?.querySelector('[data-testid="watchlist-ltp"]')?.textContent).toBe('2,500.00');
  });

  it('clears the box and the results on Escape', async () => {
    vi.useFakeTimers();
    renderPane();
    const box = screen.getByTestId('watchlist-search');
    fireEvent.change(box, { target: { value: 'INF' } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 10);
    });
    expect(screen.getAllByTestId('watchlist-result')).toHaveLength(1);
    fireEvent.keyDown(box, { key: 'Escape' });
    expect((box as HTMLInputElement).value).toBe('');
    expect(screen.queryByTestId('watchlist-results')).toBeNull();
    // Typing the same text again before the debounce settles still shows its results.
    fireEvent.change(box, { target: { value: 'INF' } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 10);
    });
    expect(screen.getAllByTestId('watchlist-result').map((r) => r.dataset.symbol)).toEqual(['INFY']);
  });
});
