import { useCallback, useMemo } from 'react';
import type { Instrument } from '../../../../src-shared/domain/instrument';
import { useClient } from '../../client/client-context';
import { showInChart, shownToken, useChartStore } from '../../stores/chart-store';
import { useWatchlistStore } from '../../stores/watchlist-store';
import { Pane } from '../workspace/Pane';
import { SearchBox } from './SearchBox';
import { WatchlistRow } from './WatchlistRow';
import { addToWatchlist, removeFromWatchlist } from './watchlist-actions';
import './watchlist.css';

/** Search, the persisted list with live prices, and the pick for the chart. */
export function WatchlistPane() {
  const client = useClient();
  const items = useWatchlistStore((s) => s.items);
  const error = useWatchlistStore((s) => s.error);
  const chartToken = useChartStore((s) => s.token);
  const charted = shownToken(chartToken, items);
  const listed = useMemo(() => new Set((items ?? []).map((item) => item.token)), [items]);

  const onAdd = useCallback((instrument: Instrument) => void addToWatchlist(client, instrument.token), [client]);
  const onRemove = useCallback((token: number) => void removeFromWatchlist(client, token), [client]);

  return (
    <Pane title="Watchlist" area="watchlist" testId="pane-watchlist">
      <div className="wl">
        <SearchBox listed={listed} onAdd={onAdd} />
        {error ? (
          <p className="pane-error" data-testid="watchlist-error">
            {error}
          </p>
        ) : null}
        {items === null ? (
          <p className="pane-note">Loading the watchlist…</p>
        ) : items.length === 0 ? (
          <p className="pane-note" data-testid="watchlist-empty">
            The watchlist is empty. Search above and press Enter to add an instrument.
          </p>
        ) : (
          <ul className="wl-list" aria-label="Watchlist" data-testid="watchlist">
            {items.map((item) => (
              <WatchlistRow key={item.token} item={item} selected={item.token === charted} onSelect={showInChart} onRemove={onRemove} />
            ))}
          </ul>
        )}
      </div>
    </Pane>
  );
}
