import type { TickdeskClient } from '../../../../src-shared/contract/client';
import { MARKET_LIMITS, type WatchlistItem } from '../../../../src-shared/contract/domains/market';
import { errorMessage } from '../../format/error-message';
import { useFeedHealthStore } from '../../stores/feed-health-store';
import { applyQuotes } from '../../stores/quotes-store';
import { useWatchlistStore } from '../../stores/watchlist-store';

export interface ConnectionWatch {
  isOpen(): boolean;
  /** Called on every change of the open state. */
  onChange(listener: (open: boolean) => void): () => void;
}

/** Tokens worth a quote snapshot: those still in the master (an expired contract has no price). */
export function pricedTokens(items: readonly WatchlistItem[]): number[] {
  return items.filter((item) => item.instrument !== null).map((item) => item.token).slice(0, MARKET_LIMITS.quotesMax);
}

/** Reads a quote snapshot for some tokens into the store (pushes only carry what changes). */
export async function loadQuotes(client: TickdeskClient, tokens: number[]): Promise<void> {
  if (tokens.length === 0) return;
  try {
    applyQuotes(await client.call('market.quotes', { tokens }));
  } catch (error) {
    console.warn('tickdesk: market.quotes failed', error);
  }
}

/**
 * Feeds the market stores: the pushed quotes and feed health, and on every
 * (re)connection a fresh read of the watchlist, its quotes and the health
 * line (events are not replayed after a reconnect).
 */
export function startMarketSync(client: TickdeskClient, connection: ConnectionWatch): () => void {
  let stopped = false;
  let healthEvents = 0;

  const offQuotes = client.on('market.quotes', applyQuotes);
  const offHealth = client.on('market.health', (health) => {
    healthEvents += 1;
    useFeedHealthStore.setState({ health });
  });

  async function reload(): Promise<void> {
    const eventsBefore = healthEvents;
    const health = client.call('market.health', {}).then(
      (line) => {
        if (!stopped && healthEvents === eventsBefore) useFeedHealthStore.setState({ health: line });
      },
      (error: unknown) => console.warn('tickdesk: market.health failed', error),
    );
    try {
      const items = await client.call('watchlist.list', {});
      if (stopped) return;
      useWatchlistStore.setState({ items, error: null });
      await loadQuotes(client, pricedTokens(items));
    } catch (error) {
      if (!stopped) useWatchlistStore.setState({ error: errorMessage(error) });
    }
    await health;
  }

  const offConnection = connection.onChange((open) => {
    if (open) void reload();
  });
  if (connection.isOpen()) void reload();

  return () => {
    stopped = true;
    offQuotes();
    offHealth();
    offConnection();
  };
}
