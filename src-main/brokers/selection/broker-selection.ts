/**
 * Turns the broker configuration into the parts the core wires in:
 * (a) the OMS's broker factory (the paper broker unless a real one is configured:
 *     broker-factory.ts),
 * (b) the broker's feed for the market service when the feed is 'kite' or 'kotak'
 *     (kite-feed-source.ts, kotak-feed-source.ts; feed-factory.ts picks among all feeds),
 * (c) the login handlers and the session-expired signals (login-registration.ts),
 * (d) the morning drill: the broker's instrument master at start-up and daily before
 *     the open, or when the trader asks (drill-jobs.ts, morning-drill.ts).
 * Credentials are read from the secret store lazily (see deferred-broker.ts and
 * kite-account.ts): a locked store or a missing account is a clear refusal, not a crash.
 */
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Instrument } from '../../../src-shared/domain/instrument';
import type { Database } from '../../db/schema';
import type { Logger } from '../../log';
import type { Broker } from '../../oms/broker-port';
import type { QuoteSource } from '../../oms/quote-source';
import type { LoginHooks } from '../../secrets/login-hooks';
import type { SecretStore } from '../../secrets/secret-store';
import { DisposableStore } from '../../util/disposable-store';
import { kiteFeedAccount, type BrokerConfig } from './broker-config';
import { brokerFactory } from './broker-factory';
import { drillJobs } from './drill-jobs';
import type { DrillProgress } from './drill-progress';
import type { BrokerFeed } from './feed-factory';
import { KiteAccount } from './kite-account';
import { kiteFeedSource } from './kite-feed-source';
import { KiteOrderUpdates } from './kite-order-updates';
import { kotakFeedSource } from './kotak-feed-source';
import { registerLogins } from './login-registration';
import { MorningDrill, type DrillReport, type DrillState } from './morning-drill';

export type { DrillReport, DrillState, DrillSummary } from './morning-drill';

export interface BrokerSelectionOptions {
  config: BrokerConfig;
  /** The market feed chosen ('kite' needs a Kite account even when the broker is Kotak or paper). */
  feed: string;
  secrets: { readonly secretStore: SecretStore; readonly login: LoginHooks };
  /** The database, once it runs. */
  db: () => Kysely<Database>;
  /** The market's instruments (Kotak's order wire needs exchange token and symbol). */
  instruments: () => ReadonlyMap<number, Instrument>;
  /** The market's quotes, which the paper broker fills against; asked for when the OMS starts. */
  quotes: () => QuoteSource;
  log: Logger;
  clock?: () => number;
  /** IST minutes after midnight of the daily drill (default 08:00, before the 09:15 open). */
  drillAtIstMinutes?: number;
  /** Kotak order-book polling (default the adapter's 2 s). */
  kotakPollMs?: number;
  /** The drill's progress, throttled to one per `drillProgressMs` (default 100 ms); the last step of each broker always arrives. */
  onDrillProgress?: (progress: DrillProgress) => void;
  /** Every drill's reports when it ends, however it was started. */
  onDrillFinished?: (reports: readonly DrillReport[]) => void;
  drillProgressMs?: number;
}

export interface BrokerSelection {
  /** For `new Oms({ broker })`: the configured broker, the paper broker by default. */
  readonly broker: (pool: pg.Pool) => Broker;
  /** For the market service when the feed is 'kite' or 'kotak'. */
  readonly brokerFeed: BrokerFeed | undefined;
  /** After the secrets have started: the start-up drill (awaited when a broker feed needs its master), then the daily timer. */
  start(): Promise<void>;
  /** Clears the drill timer and unregisters the login handlers. */
  stop(): Promise<void>;
  /** Starts a drill, or joins the one running. */
  runDrill(): Promise<DrillReport[]>;
  lastDrill(): readonly DrillReport[];
  drillState(): DrillState;
}

export function createBrokerSelection(o: BrokerSelectionOptions): BrokerSelection {
  const { config, log } = o;
  const clock = o.clock ?? Date.now;
  const store = o.secrets.secretStore;
  const login = o.secrets.login;
  const teardown = new DisposableStore();
  const needsKite = config.kind === 'kite' || o.feed === 'kite';
  const kiteAccountId = config.kind === 'kite' ? config.accountId : kiteFeedAccount(config);
  const kite = needsKite ? new KiteAccount(kiteAccountId, store, login, log.child({ broker: 'kite' }), clock) : null;
  teardown.add(registerLogins({ config, feed: o.feed, store, login, kite, log }));
  const updates = new KiteOrderUpdates(config.kite.wsUrl, log);
  const drill = new MorningDrill({
    // The Kotak feed's universe is Kotak's master, whichever broker takes the orders.
    jobs: (progress) => drillJobs({ config, store, db: o.db, log, clock, progress }, kite, config.kind === 'kotak' || o.feed === 'kotak'),
    log,
    clock,
    atIstMinutes: o.drillAtIstMinutes,
    onProgress: o.onDrillProgress,
    onFinished: o.onDrillFinished,
    progressMs: o.drillProgressMs,
  });
  const drilled = async () => drill.current;
  const brokerFeed: BrokerFeed | undefined =
    o.feed === 'kite' && kite
      ? { name: 'kite', open: kiteFeedSource({ kite, wsUrl: config.kite.wsUrl, login, db: o.db, updates, log, drilled }) }
      : o.feed === 'kotak'
        ? { name: 'kotak', open: kotakFeedSource({ config, store, login, db: o.db, log, clock, drilled }) }
        : undefined;

  return {
    broker: brokerFactory({ config, store, login, db: o.db, instruments: o.instruments, quotes: o.quotes, kite, updates, log, clock, kotakPollMs: o.kotakPollMs }),
    brokerFeed,
    async start() {
      if (drill.jobs.length === 0) return;
      teardown.add(drill.retryOnAccess(login));
      const first = drill.run();
      // A broker feed's universe comes from the drill: it waits for it.
      if (brokerFeed) await first;
      drill.schedule();
    },
    async stop() {
      await drill.stop();
      teardown.dispose();
      await updates.close();
      kite?.dispose();
    },
    runDrill: () => drill.run(),
    lastDrill: () => drill.reports,
    drillState: () => drill.state(),
  };
}
