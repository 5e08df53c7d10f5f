import type { TickdeskClient } from '../../../../src-shared/contract/client';
import { errorMessage } from '../../format/error-message';
import { useChartStore } from '../../stores/chart-store';
import { useWatchlistStore } from '../../stores/watchlist-store';
import { loadQuotes } from '../market/market-sync';

/** Adds an instrument; main answers the whole list, which replaces ours. */
export async function addToWatchlist(client: TickdeskClient, token: number): Promise<void> {
  try {
    const items = await client.call('watchlist.add', { token });
    useWatchlistStore.setState({ items, error: null });
    await loadQuotes(client, [token]);
  } catch (error) {
    useWatchlistStore.setState({ error: `Could not add: ${errorMessage(error)}` });
  }
}

export async function removeFromWatchlist(client: TickdeskClient, token: number): Promise<void> {
  try {
    const items = await client.call('watchlist.remove', { token });
    useWatchlistStore.setState({ items, error: null });
    // A removed pick hands the chart back to its default, the first row of the list.
    const chart = useChartStore.getState();
    if (chart.token === token && chart.picked) useChartStore.setState({ token: null, picked: false });
  } catch (error) {
    useWatchlistStore.setState({ error: `Could not remove: ${errorMessage(error)}` });
  }
}
