/**
 * The Kotak market-data feed as the selection hands it to the market service: the HSM
 * socket (kotak/adapter/kotak-feed.ts) on the Kotak account's stored session — the
 * broker's account with `--broker kotak`, else `kotak.feedAccountId` (broker-config.ts).
 *
 * The session is read from the secret store each time the feed asks, so a login in
 * Settings is picked up without a restart (the feed looks again after a refusal), and a
 * lost session goes out as `brokers.sessionExpired` like the broker's. While the account
 * cannot be read at all (store locked, not saved yet) the market gets a RetryingFeed that
 * says why and opens the real feed once the credentials change.
 */
import { loadBrokerInstruments } from '../../market/service/market-queries';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Logger } from '../../log';
import type { LoginHooks } from '../../secrets/login-hooks';
import type { SecretStore } from '../../secrets/secret-store';
import type { Feed } from '../../market/feed-port';
import { KotakFeed } from '../kotak/adapter/kotak-feed';
import { sessionFromFields } from '../kotak/adapter/session';
import { loadAccount } from './account-loader';
import type { BrokerConfig } from './broker-config';
import { RetryingFeed } from './retrying-feed';

export interface KotakFeedSourceOptions {
  config: BrokerConfig;
  store: SecretStore;
  login: LoginHooks;
  db: () => Kysely<Database>;
  log: Logger;
  clock: () => number;
  /** Resolves when the start-up drill (if any) has filled `instruments`. */
  drilled: () => Promise<unknown>;
}

/** The Kotak account whose session the market data runs on. */
export function kotakFeedAccount(config: BrokerConfig): string {
  return config.kind === 'kotak' ? config.accountId : (config.kotak.feedAccountId ?? config.accountId);
}

export function kotakFeedSource(o: KotakFeedSourceOptions): () => Promise<Feed> {
  const accountId = kotakFeedAccount(o.config);
  const log = o.log.child({ feed: 'kotak' });
  const instruments = () => loadBrokerInstruments(o.db(), 'kotak');
  const open = async (): Promise<Feed> => {
    // The feed's universe is the day's master: let the start-up drill land first.
    await o.drilled();
    const loaded = await loadAccount(o.store, 'kotak', accountId, []);
    if (!loaded.ok) {
      return new RetryingFeed({ name: 'kotak', reason: loaded.reason, open, retryOn: (retry) => o.login.onAccessChanged(retry), loadInstruments: instruments, log });
    }
    return new KotakFeed({
      wsUrl: o.config.kotak.hsmUrl,
      loadSession: async () => {
        const again = await loadAccount(o.store, 'kotak', accountId, []);
        return again.ok ? sessionFromFields(again.credentials.fields, o.clock()) : null;
      },
      onSessionExpired: (message) => o.login.sessionExpired('kotak', accountId, message),
      loadInstruments: instruments,
      log,
    });
  };
  return open;
}
