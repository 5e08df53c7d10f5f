/**
 * The OMS's broker for the configuration: the paper broker on the market's quotes by
 * default, Kite or Kotak when configured. A real broker is a DeferredBroker: it reads
 * its credentials from the secret store when first used, so a locked store or a missing
 * account refuses orders with the reason instead of failing the start; it never falls
 * back to paper.
 */
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Instrument } from '../../../src-shared/domain/instrument';
import type { Database } from '../../db/schema';
import type { Logger } from '../../log';
import type { Broker } from '../../oms/broker-port';
import { knownBrokerOrderId } from '../../oms/ledger/broker-order-lookup';
import type { QuoteSource } from '../../oms/quote-source';
import type { LoginHooks } from '../../secrets/login-hooks';
import type { SecretStore } from '../../secrets/secret-store';
import { KiteBroker } from '../kite/adapter/kite-broker';
import { KotakBroker } from '../kotak/adapter/kotak-broker';
import { sessionFromFields } from '../kotak/adapter/session';
import { PaperBroker } from '../paper/paper-broker';
import { loadAccount } from './account-loader';
import type { BrokerConfig } from './broker-config';
import { DeferredBroker } from './deferred-broker';
import type { KiteAccount } from './kite-account';
import type { KiteOrderUpdates } from './kite-order-updates';

export interface BrokerFactoryOptions {
  config: BrokerConfig;
  store: SecretStore;
  login: LoginHooks;
  db: () => Kysely<Database>;
  /** The market's instruments (Kotak's order wire needs exchange token and symbol). */
  instruments: () => ReadonlyMap<number, Instrument>;
  /** The market's quotes, which the paper broker fills against; asked for when the OMS starts. */
  quotes: () => QuoteSource;
  kite: KiteAccount | null;
  updates: KiteOrderUpdates;
  log: Logger;
  clock: () => number;
  kotakPollMs?: number | undefined;
}

export function brokerFactory(o: BrokerFactoryOptions): (pool: pg.Pool) => Broker {
  const { config, kite } = o;
  if (config.kind === 'kite' && kite) return () => kiteBroker(o, kite);
  if (config.kind === 'kotak') return () => kotakBroker(o);
  return (pool) => new PaperBroker({ pool, quotes: o.quotes(), log: o.log.child({ part: 'paper' }) });
}

function kiteBroker(o: BrokerFactoryOptions, kite: KiteAccount): Broker {
  const log = o.log.child({ broker: 'kite' });
  return new DeferredBroker('kite', async () => {
    const loaded = await kite.session();
    if (!loaded.ok) return loaded;
    o.updates.ensureSocket(loaded.session);
    return {
      ok: true,
      broker: new KiteBroker({
        restRoot: o.config.kite.restRoot,
        session: loaded.session,
        log,
        // Order updates ride the ticker socket (the market's Kite feed, or the order-only one).
        orderUpdates: (listener) => o.updates.onOrderUpdate(listener),
        // Kite's algo-order reconciliation after a restart: the id the ledger recorded.
        knownBrokerOrderId: (clientOrderId) => knownBrokerOrderId(o.db(), clientOrderId),
      }),
    };
  }, log);
}

function kotakBroker(o: BrokerFactoryOptions): Broker {
  const { config, store } = o;
  const log = o.log.child({ broker: 'kotak' });
  return new DeferredBroker('kotak', async () => {
    const loaded = await loadAccount(store, 'kotak', config.accountId, ['consumerKey']);
    if (!loaded.ok) return loaded;
    return {
      ok: true,
      broker: new KotakBroker({
        // Read afresh each time the adapter asks, so a login in Settings is picked up without a restart.
        loadSession: async () => {
          const again = await loadAccount(store, 'kotak', config.accountId, []);
          return again.ok ? sessionFromFields(again.credentials.fields, o.clock()) : null;
        },
        onSessionExpired: (message) => o.login.sessionExpired('kotak', config.accountId, message),
        instrument: (token) => o.instruments().get(token) ?? null,
        log,
        ...(o.kotakPollMs === undefined ? {} : { pollIntervalMs: o.kotakPollMs }),
      }),
    };
  }, log);
}
