/**
 * The login handlers the configuration needs, registered with the secrets' login hooks
 * (Settings → Log in): Kite's whenever a Kite account is used (its broker or its feed),
 * Kotak's whenever a Kotak account is (its broker, or its feed with another broker).
 */
import type { Logger } from '../../log';
import type { LoginHooks } from '../../secrets/login-hooks';
import type { SecretStore } from '../../secrets/secret-store';
import { DisposableStore } from '../../util/disposable-store';
import { KiteLoginHandler } from '../kite/adapter/kite-login';
import { KotakLoginHandler } from '../kotak/adapter/login-handler';
import type { BrokerConfig } from './broker-config';
import type { KiteAccount } from './kite-account';
import { kotakFeedAccount } from './kotak-feed-source';

export interface LoginRegistration {
  config: BrokerConfig;
  /** The market feed chosen. */
  feed: string;
  store: SecretStore;
  login: LoginHooks;
  /** The Kite account in use, if any: a login renews its one session. */
  kite: KiteAccount | null;
  log: Logger;
}

/** Registers the handlers; the function returned unregisters them. */
export function registerLogins(o: LoginRegistration): () => void {
  const registered = new DisposableStore();
  const { kite, config } = o;
  if (kite) {
    registered.add(o.login.register(new KiteLoginHandler({ restRoot: config.kite.restRoot, store: o.store, onLoggedIn: (accountId, token, expiresAt) => kite.renew(accountId, token, expiresAt) })));
  }
  if (config.kind === 'kotak' || o.feed === 'kotak') {
    registered.add(o.login.register(new KotakLoginHandler({ loginUrl: config.kotak.loginUrl, onLogin: () => o.log.info('kotak login', { accountId: kotakFeedAccount(config) }) })));
  }
  return () => registered.dispose();
}
