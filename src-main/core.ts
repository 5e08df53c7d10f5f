import type { EventName } from '../src-shared/contract';
import type { CallOutcome } from '../src-shared/contract/wire';
import { appHandlers } from './api/app';
import { auditHandlers } from './api/audit';
import { createExportJobs } from './audit/export-jobs';
import { backupHandlers } from './api/backup';
import { brokersHandlers, drillEvents, forwardBrokerEvents } from './api/brokers';
import { BrokerSecrets } from './secrets/broker-secrets';
import { resolveBrokerConfig, type BrokerConfigInput } from './brokers/selection/broker-config';
import { createBrokerSelection } from './brokers/selection/broker-selection';
import type { KeyProvider } from './secrets/key-provider';
import { createBackupService } from './backup/backup-service';
import { dbHandlers } from './api/db';
import { dbadminHandlers } from './api/dbadmin';
import { dispatch, type CallContext, type Handlers } from './api/registry';
import { createDatabaseService } from './db/database';
import { collectDiagnostics } from './diagnostics/collect';
import type { DatabaseService } from './db/service';
import { EventBus } from './events';
import type { Logger } from './log';
import type { LogFile } from './log-file';
import { forwardMarketEvents, marketHandlers } from './api/market';
import { createMaintenance } from './maintenance/maintenance';
import { DEFAULT_MARKET_SETTINGS, type MarketService, type MarketSettings } from './market/service/market-service';
import { createMarketService } from './market/service/market-service-impl';
import { ordersHandlers } from './api/orders';
import { Oms } from './oms/service/oms';

export interface CoreConfig {
  /** Tickdesk's data folder (see config.ts for how it is chosen). */
  dataDir: string;
  mode: 'electron' | 'browser';
  appVersion: string;
  /** PostgreSQL port; null picks a free loopback port. */
  dbPort: number | null;
  /** Feed, partitions and journal settings; anything left out takes DEFAULT_MARKET_SETTINGS. */
  market?: Partial<MarketSettings>;
  /**
   * Where the broker-secrets key comes from: Electron passes its safeStorage
   * keyring; browser mode a passphrase (TICKDESK_SECRETS_PASSPHRASE) or none,
   * in which case the trader unlocks in Settings. Never a plain-text fallback.
   */
  secrets?: { keyring?: KeyProvider; passphrase?: string };
  /**
   * The broker the OMS trades on (default paper), the stored account it uses and the
   * endpoints (default: the brokers' production ones). See brokers/selection/broker-config.ts.
   */
  broker?: BrokerConfigInput;
  /** The process's log file (desktop app, browser mode), for Help → Copy diagnostics. */
  logFile?: LogFile | null;
}

export interface Core {
  readonly config: CoreConfig;
  readonly db: DatabaseService;
  readonly market: MarketService;
  /** Broker credentials (encrypted store) and the adapters' login hooks. */
  readonly brokerSecrets: BrokerSecrets;
  start(): Promise<void>;
  stop(): Promise<void>;
  dispatch(method: unknown, args: unknown, ctx: CallContext): Promise<CallOutcome>;
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
}

/**
 * The composition root: the only place that builds the core's parts from a
 * config object and wires them together. Parts are started in order and
 * stopped in reverse; nothing holds a connection at module level.
 */
export function createCore(config: CoreConfig, log: Logger): Core {
  const bus = new EventBus();
  const db = createDatabaseService({ dataDir: config.dataDir, port: config.dbPort }, log.child({ part: 'db' }));
  const unsubscribers: Array<() => void> = [db.onStatus((status) => bus.emit('db.status', status))];
  const marketSettings: MarketSettings = { ...DEFAULT_MARKET_SETTINGS, ...config.market };
  // Validated before anything starts: a bad value is one clear error, not a failure at the first order.
  const brokerConfig = resolveBrokerConfig(config.broker);
  const brokerSecrets = new BrokerSecrets({
    dataDir: config.dataDir,
    pool: () => db.pool(),
    keyring: config.secrets?.keyring ?? null,
    ...(config.secrets?.passphrase ? { passphrase: config.secrets.passphrase } : {}),
    log: log.child({ part: 'secrets' }),
  });
  unsubscribers.push(forwardBrokerEvents(brokerSecrets, (event, payload) => bus.emit(event, payload)));
  // Real brokers: the OMS's broker, the Kite feed, login handlers and the morning drill; paper adds nothing.
  const drill = drillEvents((event, payload) => bus.emit(event, payload));
  const brokers = createBrokerSelection({
    config: brokerConfig,
    feed: marketSettings.feed,
    secrets: brokerSecrets,
    db: () => db.kysely(),
    instruments: () => market.instruments(),
    log: log.child({ part: 'brokers' }),
    // The drill's progress (throttled there) and reports go out as brokers.drillProgress / brokers.drillFinished;
    // a master that changed is then streamed without a restart (a new expiry's contracts).
    onDrillProgress: drill.onDrillProgress,
    onDrillFinished: (reports) => {
      drill.onDrillFinished(reports);
      if (reports.some((r) => r.ok)) void market.reloadInstruments?.();
    },
  });
  const maintenance = createMaintenance({ db, dataDir: config.dataDir, settings: marketSettings, log: log.child({ part: 'maintenance' }) });
  const market = createMarketService({ db, dataDir: config.dataDir, settings: marketSettings, log: log.child({ part: 'market' }), ...(brokers.brokerFeed ? { brokerFeed: brokers.brokerFeed } : {}) });
  unsubscribers.push(forwardMarketEvents(market, (event, payload) => bus.emit(event, payload)));
  // The OMS trades on the paper broker by default, filling against the market service's quotes;
  // with a real broker configured it never falls back to paper (orders are refused with the reason).
  const oms = new Oms({ pool: () => db.pool(), quotes: market, log: log.child({ part: 'oms' }), emit: (event, payload) => bus.emit(event, payload), ...(brokers.broker ? { broker: brokers.broker } : {}) });

  // Backups talk to the running server over its own session; progress goes out as backup.progress.
  const backups = createBackupService({ dataDir: config.dataDir, connectionUrl: () => db.connectionUrl(), log: log.child({ part: 'backup' }), emit: (progress) => bus.emit('backup.progress', progress) });
  // Audit CSV exports run here and report progress as audit.exportProgress.
  const auditExports = createExportJobs({ pool: () => db.pool(), dataDir: config.dataDir, log: log.child({ part: 'audit' }), emit: (progress) => bus.emit('audit.exportProgress', progress) });
  const handlers: Handlers = {
    ...appHandlers({ version: config.appVersion, mode: config.mode, diagnostics: () => collectDiagnostics({ app: { version: config.appVersion, mode: config.mode }, dataDir: config.dataDir, logFile: config.logFile ?? null, dbStatus: () => db.status() }) }),
    ...auditHandlers({ db, exports: auditExports }),
    ...dbHandlers(db),
    ...backupHandlers(backups),
    ...brokersHandlers(brokerSecrets, brokers),
    ...dbadminHandlers({ db, runPartitions: () => maintenance.runPartitions(), log: log.child({ part: 'dbadmin' }) }),
    ...marketHandlers(market, db),
    ...ordersHandlers(() => oms),
  };

  let stopped = false;
  return {
    config,
    db,
    market,
    brokerSecrets,
    async start() {
      await db.start();
      // Before the feeds and brokers: an adapter reads its credentials at start. Locked is not fatal.
      await brokerSecrets.start().catch((error: unknown) => log.error('broker secrets could not start', { error: error instanceof Error ? error.message : String(error) }));
      // Partitions first (catch-up after days closed), then the feed. Neither
      // failing stops the app: ticks fall into the DEFAULT partition or the
      // health line shows the feed's error.
      await maintenance.start();
      // The morning drill fills `instruments` before the Kite feed reads its universe; it never throws.
      await brokers.start().catch((error: unknown) => log.error('the broker adapters could not start', { error: error instanceof Error ? error.message : String(error) }));
      await market.start().catch((error: unknown) => log.error('market data could not start', { error: error instanceof Error ? error.message : String(error) }));
      // After the market (quotes, instruments): reconciles in-flight orders before taking new ones.
      await oms.start().catch((error: unknown) => log.error('the order system could not start', { error: error instanceof Error ? error.message : String(error) }));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await oms.stop();
      await market.stop();
      // The drill timer is cleared and the login handlers go after the feed and the OMS stopped using them.
      await brokers.stop();
      await maintenance.stop();
      // A backup in progress is cancelled (and its partial folder removed) before the server goes.
      await backups.stop();
      // A running export is cancelled (its partial file removed) before the server goes.
      await auditExports.stop();
      brokerSecrets.stop();
      await db.stop();
      for (const unsubscribe of unsubscribers.reverse()) unsubscribe();
    },
    dispatch: (method, args, ctx) => dispatch(handlers, method, args, ctx),
    onEvent: (listener) => bus.subscribe(listener),
  };
}
