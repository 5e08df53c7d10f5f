/**
 * The Kite market-data feed as the selection hands it to the market service: the
 * ticker socket on the Kite account's session, its universe the day's master (the
 * start-up drill lands first). Without a readable session the market gets a RetryingFeed
 * that says why and opens the real feed once the credentials change. The feed it opens
 * also carries the broker's order updates (kite-order-updates.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Logger } from '../../log';
import type { Feed } from '../../market/feed-port';
import { loadBrokerInstruments } from '../../market/service/market-queries';
import type { LoginHooks } from '../../secrets/login-hooks';
import { KiteFeed } from '../kite/adapter/kite-feed';
import type { KiteAccount } from './kite-account';
import type { KiteOrderUpdates } from './kite-order-updates';
import { RetryingFeed } from './retrying-feed';

export interface KiteFeedSourceOptions {
  kite: KiteAccount;
  wsUrl: string;
  login: LoginHooks;
  db: () => Kysely<Database>;
  updates: KiteOrderUpdates;
  log: Logger;
  /** Resolves when the start-up drill (if any) has filled `instruments`. */
  drilled: () => Promise<unknown>;
}

export function kiteFeedSource(o: KiteFeedSourceOptions): () => Promise<Feed> {
  const log = o.log.child({ feed: 'kite' });
  const loadInstruments = () => loadBrokerInstruments(o.db(), 'kite');
  const open = async (): Promise<Feed> => {
    await o.drilled();
    const loaded = await o.kite.session();
    if (!loaded.ok) return new RetryingFeed({ name: 'kite', reason: loaded.reason, open, retryOn: (retry) => o.login.onAccessChanged(retry), loadInstruments, log });
    const feed = new KiteFeed({ session: loaded.session, wsUrl: o.wsUrl, loadInstruments, log });
    o.updates.useMarketFeed(feed);
    return feed;
  };
  return open;
}
