/**
 * Turns the broker configuration into the parts the core wires in:
 * (a) the OMS's broker factory (undefined = the paper broker),
 * (b) the Kite feed for the market service when the feed is 'kite',
 * (c) the login handlers and the session-expired signals (→ `brokers.sessionExpired`),
 * (d) the morning drill: the broker's instrument master at start-up and daily before
 *     the open, logged with its progress and summary; a failure is logged, never thrown.
 * Credentials are read from the secret store lazily (see deferred-broker.ts and
 * kite-account.ts): a locked store or a missing account is a clear refusal, not a crash.
 */
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Instrument } from '../../../src-shared/domain/instrument';
import { istDayOf } from '../../../src-shared/market/ist-calendar';
import type { Database } from '../../db/schema';
import type { Logger } from '../../log';
import { loadBrokerInstruments } from '../../market/service/market-queries';
import type { LoginHooks } from '../../secrets/login-hooks';
import type { SecretStore } from '../../secrets/secret-store';
import type { Broker } from '../broker';
import type { Feed } from '../feed';
import { msUntilNextDrill, syncKiteInstruments } from '../kite/adapter/instrument-sync';
import { KiteBroker } from '../kite/adapter/kite-broker';
import { KiteFeed } from '../kite/adapter/kite-feed';
import { KiteLoginHandler } from '../kite/adapter/kite-login';
import { KotakBroker } from '../kotak/adapter/kotak-broker';
import { KotakLoginHandler } from '../kotak/adapter/login-handler';
import { syncKotakScripMaster } from '../kotak/adapter/scrip-sync';
import { sessionFromFields } from '../kotak/adapter/session';
import { loadAccount } from './account-loader';
import { kiteFeedAccount, type BrokerConfig } from './broker-config';
import { DeferredBroker } from './deferred-broker';
import { KiteAccount } from './kite-account';
import { UnavailableFeed } from './unavailable-feed';

export interface DrillReport {
  broker: 'kite' | 'kotak';
  ok: boolean;
  /** Epoch ms. */
  at: number;
  summary: Record<string, unknown> | null;
  error: string | null;
}

export interface BrokerSelectionOptions {
  config: BrokerConfig;
  /** The market feed chosen ('kite' needs a Kite account even when the broker is Kotak or paper). */
  feed: string;
  secrets: { readonly secretStore: SecretStore; readonly login: LoginHooks };
  /** The database, once it runs. */
  db: () => Kysely<Database>;
  /** The market's instruments (Kotak's order wire needs exchange token and symbol). */
  instruments: () => ReadonlyMap<number, Instrument>;
  log: Logger;
  clock?: () => number;
  /** IST minutes after midnight of the daily drill (default 08:00, before the 09:15 open). */
  drillAtIstMinutes?: number;
  /** Kotak order-book polling (default the adapter's 2 s). */
  kotakPollMs?: number;
}

export interface BrokerSelection {
  /** For `new Oms({ broker })`; undefined: the paper broker. */
  readonly broker: ((pool: pg.Pool) => Broker) | undefined;
  /** For the market service when the feed is 'kite'. */
  readonly kiteFeed: (() => Promise<Feed>) | undefined;
  /** After the secrets have started: the start-up drill (awaited when the Kite feed needs its master), then the daily timer. */
  start(): Promise<void>;
  /** Clears the drill timer and unregisters the login handlers. */
  stop(): Promise<void>;
  runDrill(): Promise<DrillReport[]>;
  lastDrill(): readonly DrillReport[];
}

const DRILL_STOP_WAIT_MS = 5_000;

export function createBrokerSelection(o: BrokerSelectionOptions): BrokerSelection {
  const { config, log } = o;
  const clock = o.clock ?? Date.now;
  const store = o.secrets.secretStore;
  const login = o.secrets.login;
  const unregister: Array<() => void> = [];
  const needsKite = config.kind === 'kite' || o.feed === 'kite';
  const kiteAccountId = config.kind === 'kite' ? config.accountId : kiteFeedAccount(config);
  const kite = needsKite ? new KiteAccount(kiteAccountId, store, login, log.child({ broker: 'kite' }), clock) : null;
  let kiteFeed: KiteFeed | null = null;
  /** With the Kite broker on another feed: a ticker socket with no instruments, for the order updates alone. */
  let orderFeed: KiteFeed | null = null;
  let drillTimer: NodeJS.Timeout | null = null;
  let drilling: Promise<DrillReport[]> | null = null;
  let reports: DrillReport[] = [];
  let stopped = false;

  if (kite) {
    unregister.push(
      login.register(
        new KiteLoginHandler({ restRoot: config.kite.restRoot, store, onLoggedIn: (accountId, token, expiresAt) => kite.renew(accountId, token, expiresAt) }),
      ),
    );
  }
  if (config.kind === 'kotak') {
    unregister.push(login.register(new KotakLoginHandler({ loginUrl: config.kotak.loginUrl, onLogin: () => log.info('kotak login', { accountId: config.accountId }) })));
  }

  /** The broker order id the ledger recorded for a client order id (Kite's algo-order reconciliation after a restart). */
  const knownBrokerOrderId = async (clientOrderId: string): Promise<string | null> => {
    const row = await o
      .db()
      .selectFrom('order_events')
      .select('broker_order_id')
      .where('client_order_id', '=', clientOrderId)
      .where('broker_order_id', 'is not', null)
      .orderBy('seq desc')
      .limit(1)
      .executeTakeFirst();
    return row?.broker_order_id ?? null;
  };

  const kiteBroker = (k: KiteAccount) =>
    new DeferredBroker('kite', async () => {
      const loaded = await k.session();
      if (!loaded.ok) return loaded;
      if (!kiteFeed && !orderFeed && !stopped) {
        orderFeed = new KiteFeed({ session: loaded.session, wsUrl: config.kite.wsUrl, loadInstruments: async () => [], log: log.child({ feed: 'kite-orders' }) });
        const opening = orderFeed;
        void opening.connect().catch((error: unknown) => log.warn('kite order-update socket could not open', { error: error instanceof Error ? error.message : String(error) }));
      }
      return {
        ok: true,
        broker: new KiteBroker({
          restRoot: config.kite.restRoot,
          session: loaded.session,
          log: log.child({ broker: 'kite' }),
          // Order updates ride the ticker socket (the market's Kite feed, or the order-only one).
          orderUpdates: (listener) => (kiteFeed ?? orderFeed)?.onOrderUpdate(listener) ?? (() => {}),
          knownBrokerOrderId,
        }),
      };
    }, log.child({ broker: 'kite' }));

  const kotakBroker = () =>
    new DeferredBroker('kotak', async () => {
      const loaded = await loadAccount(store, 'kotak', config.accountId, ['consumerKey']);
      if (!loaded.ok) return loaded;
      return {
        ok: true,
        broker: new KotakBroker({
          // Read afresh each time the adapter asks, so a login in Settings is picked up without a restart.
          loadSession: async () => {
            const again = await loadAccount(store, 'kotak', config.accountId, []);
            return again.ok ? sessionFromFields(again.credentials.fields, clock()) : null;
          },
          onSessionExpired: (message) => login.sessionExpired('kotak', config.accountId, message),
          instrument: (token) => o.instruments().get(token) ?? null,
          log: log.child({ broker: 'kotak' }),
          ...(o.kotakPollMs === undefined ? {} : { pollIntervalMs: o.kotakPollMs }),
        }),
      };
    }, log.child({ broker: 'kotak' }));

  const broker =
    config.kind === 'kite' && kite ? () => kiteBroker(kite) : config.kind === 'kotak' ? () => kotakBroker() : undefined;

  const feed =
    o.feed === 'kite' && kite
      ? async (): Promise<Feed> => {
          // The start-up drill fills `instruments` first: the feed's universe is the day's master.
          await drilling;
          const loaded = await kite.session();
          if (!loaded.ok) return new UnavailableFeed('kite', loaded.reason);
          kiteFeed = new KiteFeed({
            session: loaded.session,
            wsUrl: config.kite.wsUrl,
            loadInstruments: () => loadBrokerInstruments(o.db(), 'kite'),
            log: log.child({ feed: 'kite' }),
          });
          return kiteFeed;
        }
      : undefined;

  async function drillKite(k: KiteAccount): Promise<DrillReport> {
    const at = clock();
    const loaded = await k.session();
    if (!loaded.ok) return { broker: 'kite', ok: false, at, summary: null, error: loaded.reason };
    if (loaded.session.accessToken() === null) return { broker: 'kite', ok: false, at, summary: null, error: 'no Kite session: log in first' };
    const summary = await syncKiteInstruments({
      restRoot: config.kite.restRoot,
      session: loaded.session,
      db: o.db(),
      onProgress: (p) => log.info('kite instrument master', { phase: p.phase, done: p.done, total: p.total }),
    });
    return { broker: 'kite', ok: true, at, summary: { rows: summary.rows, inserted: summary.inserted, updated: summary.updated, bad: summary.bad, unsupported: summary.unsupported }, error: null };
  }

  async function drillKotak(): Promise<DrillReport> {
    const at = clock();
    const loaded = await loadAccount(store, 'kotak', config.accountId, ['consumerKey']);
    if (!loaded.ok) return { broker: 'kotak', ok: false, at, summary: null, error: loaded.reason };
    const session = sessionFromFields(loaded.credentials.fields, at);
    if (!session) return { broker: 'kotak', ok: false, at, summary: null, error: 'no Kotak session: log in first (Settings → Kotak)' };
    const result = await syncKotakScripMaster({
      db: o.db(),
      baseUrl: session.baseUrl,
      consumerKey: loaded.credentials.fields.consumerKey as string,
      today: istDayOf(at),
      log: log.child({ broker: 'kotak' }),
      onProgress: (p) => {
        if (p.phase !== 'downloading') log.info('kotak scrip master', { ...p });
      },
    });
    const failed = result.segments.filter((s) => s.error !== null).map((s) => `${s.segment}: ${s.error ?? ''}`);
    return {
      broker: 'kotak',
      ok: failed.length === 0,
      at,
      summary: { upserted: result.upserted, badRows: result.badRows, unsupportedRows: result.unsupportedRows, segments: result.segments.length },
      error: failed.length === 0 ? null : failed.join('; '),
    };
  }

  async function runDrill(): Promise<DrillReport[]> {
    const jobs: Array<[DrillReport['broker'], () => Promise<DrillReport>]> = [];
    if (kite) jobs.push(['kite', () => drillKite(kite)]);
    if (config.kind === 'kotak') jobs.push(['kotak', drillKotak]);
    const out: DrillReport[] = [];
    for (const [name, job] of jobs) {
      let report: DrillReport;
      try {
        report = await job();
      } catch (error) {
        report = { broker: name, ok: false, at: clock(), summary: null, error: error instanceof Error ? error.message : String(error) };
      }
      if (report.ok) log.info('morning drill done', { broker: report.broker, ...report.summary });
      else log.error('morning drill failed; yesterday\'s instruments stay in use', { broker: report.broker, error: report.error, ...report.summary });
      out.push(report);
    }
    reports = out;
    return out;
  }

  function drillNow(): Promise<DrillReport[]> {
    drilling ??= runDrill().finally(() => {
      drilling = null;
    });
    return drilling;
  }

  function schedule(): void {
    if (stopped) return;
    drillTimer = setTimeout(() => {
      drillTimer = null;
      void drillNow().finally(schedule);
    }, msUntilNextDrill(clock(), o.drillAtIstMinutes));
    drillTimer.unref();
  }

  return {
    broker,
    kiteFeed: feed,
    async start() {
      if (!kite && config.kind !== 'kotak') return;
      const first = drillNow();
      // The Kite feed's universe comes from the drill; Kotak's can land in the background.
      if (feed) await first;
      schedule();
    },
    async stop() {
      stopped = true;
      if (drillTimer) clearTimeout(drillTimer);
      drillTimer = null;
      if (drilling) await Promise.race([drilling, new Promise((r) => setTimeout(r, DRILL_STOP_WAIT_MS).unref())]);
      for (const off of unregister.splice(0).reverse()) off();
      await orderFeed?.disconnect();
      orderFeed = null;
      kite?.dispose();
    },
    runDrill: drillNow,
    lastDrill: () => reports,
  };
}
