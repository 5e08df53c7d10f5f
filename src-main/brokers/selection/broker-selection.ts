/**
 * Turns the broker configuration into the parts the core wires in:
 * (a) the OMS's broker factory (the paper broker unless a real one is configured),
 * (b) the broker's feed for the market service when the feed is 'kite' or 'kotak',
 * (c) the login handlers and the session-expired signals (→ `brokers.sessionExpired`),
 * (d) the morning drill: the broker's instrument master at start-up and daily before
 *     the open (or when the trader asks, brokers.drill), logged and reported with its
 *     progress (throttled) and summary; a failure is logged and reported, never thrown.
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
import type { Broker } from '../../oms/broker-port';
import type { Feed } from '../../market/feed-port';
import type { QuoteSource } from '../../oms/quote-source';
import { msUntilNextDrill, syncKiteInstruments } from '../kite/adapter/instrument-sync';
import { KiteBroker } from '../kite/adapter/kite-broker';
import { KiteFeed } from '../kite/adapter/kite-feed';
import { KiteLoginHandler } from '../kite/adapter/kite-login';
import { KotakBroker } from '../kotak/adapter/kotak-broker';
import { KotakLoginHandler } from '../kotak/adapter/login-handler';
import { PaperBroker } from '../paper/paper-broker';
import { syncKotakScripMaster } from '../kotak/adapter/scrip-sync';
import { sessionFromFields } from '../kotak/adapter/session';
import { loadAccount } from './account-loader';
import { kiteFeedAccount, type BrokerConfig } from './broker-config';
import { DeferredBroker } from './deferred-broker';
import type { BrokerFeed } from './feed-factory';
import { KiteAccount } from './kite-account';
import { kotakFeedAccount, kotakFeedSource } from './kotak-feed-source';
import { RetryingFeed } from './retrying-feed';
import { DRILL_PROGRESS_INTERVAL_MS, fromKite, fromKotak, throttleProgress, type DrillProgress } from './drill-progress';

export interface DrillSummary {
  rows: number;
  upserted: number;
  /** Kite tells inserts from updates; Kotak does not (null). */
  inserted: number | null;
  updated: number | null;
  bad: number;
  unsupported: number;
  /** Kotak: segment files read; null for Kite. */
  segments: number | null;
}

export interface DrillReport {
  broker: 'kite' | 'kotak';
  ok: boolean;
  /** Epoch ms. */
  at: number;
  summary: DrillSummary | null;
  error: string | null;
}

export interface DrillState {
  /** Brokers whose master the drill downloads (none with the paper broker). */
  brokers: ReadonlyArray<DrillReport['broker']>;
  running: boolean;
  /** Latest (unthrottled) progress per broker of the running drill. */
  progress: DrillProgress[];
  reports: readonly DrillReport[];
  /** Epoch ms of the next daily drill; null when none is scheduled. */
  nextAt: number | null;
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
  /** After the secrets have started: the start-up drill (awaited when the Kite feed needs its master), then the daily timer. */
  start(): Promise<void>;
  /** Clears the drill timer and unregisters the login handlers. */
  stop(): Promise<void>;
  /** Starts a drill, or joins the one running. */
  runDrill(): Promise<DrillReport[]>;
  lastDrill(): readonly DrillReport[];
  drillState(): DrillState;
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
  let nextDrillAt: number | null = null;
  const latestProgress = new Map<DrillReport['broker'], DrillProgress>();
  const progressOut = throttleProgress((p) => o.onDrillProgress?.(p), o.drillProgressMs ?? DRILL_PROGRESS_INTERVAL_MS, clock);
  const drillProgress = (p: DrillProgress) => {
    latestProgress.set(p.broker, p);
    progressOut.push(p);
  };

  if (kite) {
    unregister.push(
      login.register(
        new KiteLoginHandler({ restRoot: config.kite.restRoot, store, onLoggedIn: (accountId, token, expiresAt) => kite.renew(accountId, token, expiresAt) }),
      ),
    );
  }
  // The Kotak feed needs a Kotak login too, even when another broker trades.
  if (config.kind === 'kotak' || o.feed === 'kotak') {
    unregister.push(login.register(new KotakLoginHandler({ loginUrl: config.kotak.loginUrl, onLogin: () => log.info('kotak login', { accountId: kotakFeedAccount(config) }) })));
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

  const paperBroker = (pool: pg.Pool) => new PaperBroker({ pool, quotes: o.quotes(), log: log.child({ part: 'paper' }) });
  const broker =
    config.kind === 'kite' && kite ? () => kiteBroker(kite) : config.kind === 'kotak' ? () => kotakBroker() : paperBroker;

  const feed =
    o.feed === 'kite' && kite
      ? async (): Promise<Feed> => {
          // The start-up drill fills `instruments` first: the feed's universe is the day's master.
          await drilling;
          const loaded = await kite.session();
          if (!loaded.ok) return new RetryingFeed({ name: 'kite', reason: loaded.reason, open: () => feed?.() ?? Promise.reject(new Error('no Kite feed')), retryOn: (retry) => login.onAccessChanged(retry), loadInstruments: () => loadBrokerInstruments(o.db(), 'kite'), log: log.child({ feed: 'kite' }) });
          kiteFeed = new KiteFeed({
            session: loaded.session,
            wsUrl: config.kite.wsUrl,
            loadInstruments: () => loadBrokerInstruments(o.db(), 'kite'),
            log: log.child({ feed: 'kite' }),
          });
          return kiteFeed;
        }
      : undefined;

  const kotakFeed =
    o.feed === 'kotak' ? kotakFeedSource({ config, store, login, db: o.db, log, clock, drilled: async () => drilling }) : undefined;

  async function drillKite(k: KiteAccount): Promise<DrillReport> {
    const at = clock();
    const loaded = await k.session();
    if (!loaded.ok) return { broker: 'kite', ok: false, at, summary: null, error: loaded.reason };
    if (loaded.session.accessToken() === null) return { broker: 'kite', ok: false, at, summary: null, error: 'no Kite session: log in first' };
    const summary = await syncKiteInstruments({
      restRoot: config.kite.restRoot,
      session: loaded.session,
      db: o.db(),
      onProgress: (p) => {
        log.info('kite instrument master', { phase: p.phase, done: p.done, total: p.total });
        drillProgress(fromKite(p, clock()));
      },
    });
    return {
      broker: 'kite',
      ok: true,
      at,
      summary: { rows: summary.rows, upserted: summary.inserted + summary.updated, inserted: summary.inserted, updated: summary.updated, bad: summary.bad, unsupported: summary.unsupported, segments: null },
      error: null,
    };
  }

  async function drillKotak(): Promise<DrillReport> {
    const at = clock();
    // The broker's account, or with another broker the account the Kotak feed runs on.
    const loaded = await loadAccount(store, 'kotak', kotakFeedAccount(config), ['consumerKey']);
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
        drillProgress(fromKotak(p, clock()));
      },
    });
    const failed = result.segments.filter((s) => s.error !== null).map((s) => `${s.segment}: ${s.error ?? ''}`);
    const rows = result.segments.reduce((sum, s) => sum + (s.summary?.rows ?? 0), 0);
    return {
      broker: 'kotak',
      ok: failed.length === 0,
      at,
      summary: { rows, upserted: result.upserted, inserted: null, updated: null, bad: result.badRows, unsupported: result.unsupportedRows, segments: result.segments.length },
      error: failed.length === 0 ? null : failed.join('; '),
    };
  }

  /** The masters to download, in order; drillState reports the same list (the paper broker has none). */
  function drillJobs(): Array<[DrillReport['broker'], () => Promise<DrillReport>]> {
    const jobs: Array<[DrillReport['broker'], () => Promise<DrillReport>]> = [];
    if (kite) jobs.push(['kite', () => drillKite(kite)]);
    // The Kotak feed's universe is Kotak's master, whichever broker takes the orders.
    if (config.kind === 'kotak' || kotakFeed) jobs.push(['kotak', drillKotak]);
    return jobs;
  }

  async function runDrill(): Promise<DrillReport[]> {
    const jobs = drillJobs();
    const out: DrillReport[] = [];
    latestProgress.clear();
    for (const [name, job] of jobs) {
      const startedAt = clock();
      // Before the first byte: the bar shows at once, even while a session loads or a listing is slow.
      drillProgress({ broker: name, phase: 'download', segment: null, done: 0, total: null, at: startedAt });
      let report: DrillReport;
      try {
        report = await job();
      } catch (error) {
        report = { broker: name, ok: false, at: startedAt, summary: null, error: readable(error) };
      }
      if (!report.ok) drillProgress({ broker: name, phase: 'failed', segment: null, done: 0, total: null, at: clock() });
      progressOut.flush();
      if (report.ok) log.info('morning drill done', { broker: report.broker, ...report.summary });
      else log.error('morning drill failed; yesterday\'s instruments stay in use', { broker: report.broker, error: report.error, ...report.summary });
      out.push(report);
    }
    reports = out;
    latestProgress.clear();
    try {
      o.onDrillFinished?.(out);
    } catch (error) {
      log.warn('the drill report could not be passed on', { error: readable(error) });
    }
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
    const wait = msUntilNextDrill(clock(), o.drillAtIstMinutes);
    nextDrillAt = clock() + wait;
    drillTimer = setTimeout(() => {
      drillTimer = null;
      nextDrillAt = null;
      void drillNow().finally(schedule);
    }, wait);
    drillTimer.unref();
  }

  return {
    broker,
    brokerFeed: feed ? { name: 'kite', open: feed } : kotakFeed ? { name: 'kotak', open: kotakFeed } : undefined,
    async start() {
      if (drillJobs().length === 0) return;
      // A drill that failed for want of credentials runs again as soon as they may be readable
      // (store unlocked, account saved, login completed): a first start needs no restart.
      unregister.push(login.onAccessChanged(() => {
        if (!stopped && reports.some((r) => !r.ok)) void drillNow();
      }));
      const first = drillNow();
      // The Kite feed's universe comes from the drill; Kotak's can land in the background.
      if (feed || kotakFeed) await first;
      schedule();
    },
    async stop() {
      stopped = true;
      if (drillTimer) clearTimeout(drillTimer);
      drillTimer = null;
      nextDrillAt = null;
      if (drilling) await Promise.race([drilling, new Promise((r) => setTimeout(r, DRILL_STOP_WAIT_MS).unref())]);
      for (const off of unregister.splice(0).reverse()) off();
      await orderFeed?.disconnect();
      orderFeed = null;
      kite?.dispose();
    },
    runDrill: drillNow,
    lastDrill: () => reports,
    drillState: () => ({ brokers: drillJobs().map(([name]) => name), running: drilling !== null, progress: [...latestProgress.values()], reports, nextAt: nextDrillAt }),
  };
}

/** An adapter's failure as one sentence for the Settings panel: no stack, bounded. */
function readable(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 297)}…` : text || 'the drill failed for an unknown reason';
}
