import type { EventName } from '../src-shared/contract';
import type { CallOutcome } from '../src-shared/contract/wire';
import { appHandlers } from './api/app';
import { auditHandlers } from './api/audit';
import { backupHandlers } from './api/backup';
import { brokersHandlers, drillEvents, forwardBrokerEvents } from './api/brokers';
import { dbHandlers } from './api/db';
import { dbadminHandlers } from './api/dbadmin';
import { forwardMarketEvents, marketHandlers } from './api/market';
import { ordersHandlers } from './api/orders';
import { dispatch, type CallContext, type Handlers } from './api/registry';
import { createExportJobs, type ExportJobs } from './audit/export-jobs';
import { applyPendingRestore } from './backup/apply-restore';
import { createBackupService, type BackupService } from './backup/backup-service';
import { resolveBrokerConfig, type BrokerConfigInput } from './brokers/selection/broker-config';
import { createBrokerSelection, type BrokerSelection } from './brokers/selection/broker-selection';
import { feedSource } from './brokers/selection/feed-factory';
import { createDatabaseService } from './db/database';
import { collectDiagnostics } from './diagnostics/collect';
import type { DatabaseService } from './db/service';
import { EventBus } from './events';
import type { Logger } from './log';
import type { LogFile } from './log-file';
import { createMaintenance, type Maintenance } from './maintenance/maintenance';
import { DEFAULT_MARKET_SETTINGS, type MarketService, type MarketSettings } from './market/service/market-service';
import { createMarketService } from './market/service/market-service-impl';
import { Oms } from './oms/service/oms';
import { BrokerSecrets } from './secrets/broker-secrets';
import type { KeyProvider } from './secrets/key-provider';
import { DisposableStore } from './util/disposable-store';

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
 * Tickdesk's own database service for a data folder: the supervised PostgreSQL, with a
 * restore staged by backup.restore applied before each launch. Every entry that opens
 * the app's database (the core, the CLI's commands) builds it here.
 */
export function createAppDatabase(dataDir: string, port: number | null, log: Logger): DatabaseService {
  return createDatabaseService({ dataDir, port, beforeLaunch: (dir, dbLog) => applyPendingRestore(dir, dbLog.child({ part: 'restore' })) }, log);
}

/** Everything the core builds, in the order it starts. */
interface CoreParts {
  readonly bus: EventBus;
  readonly db: DatabaseService;
  readonly brokerSecrets: BrokerSecrets;
  readonly brokers: BrokerSelection;
  readonly maintenance: Maintenance;
  readonly market: MarketService;
  readonly oms: Oms;
  readonly backups: BackupService;
  readonly auditExports: ExportJobs;
  /** The event forwarding, undone after every part stopped. */
  readonly forwarding: DisposableStore;
}

/** Builds the parts and picks every adapter: the feed and the broker come from brokers/selection. */
function buildParts(config: CoreConfig, log: Logger): CoreParts {
  const bus = new EventBus();
  const forwarding = new DisposableStore();
  const emit = bus.emit.bind(bus);
  const db = createAppDatabase(config.dataDir, config.dbPort, log.child({ part: 'db' }));
  forwarding.add(db.onStatus((status) => bus.emit('db.status', status)));
  const settings: MarketSettings = { ...DEFAULT_MARKET_SETTINGS, ...config.market };
  const secrets = config.secrets;
  const brokerSecrets = new BrokerSecrets({
    dataDir: config.dataDir,
    pool: () => db.pool(),
    keyring: secrets?.keyring ?? null,
    ...(secrets?.passphrase ? { passphrase: secrets.passphrase } : {}),
    log: log.child({ part: 'secrets' }),
  });
  forwarding.add(forwardBrokerEvents(brokerSecrets, emit));
  const drill = drillEvents(emit);
  const brokers = createBrokerSelection({
    // Validated before anything starts: a bad value is one clear error, not a failure at the first order.
    config: resolveBrokerConfig(config.broker),
    feed: settings.feed,
    secrets: brokerSecrets,
    db: () => db.kysely(),
    instruments: () => market.instruments(),
    quotes: () => market,
    log: log.child({ part: 'brokers' }),
    // Progress (throttled there) and reports go out as brokers.drillProgress / brokers.drillFinished;
    // a master that changed is then streamed without a restart (a new expiry's contracts).
    onDrillProgress: drill.onDrillProgress,
    onDrillFinished: (reports) => {
      drill.onDrillFinished(reports);
      if (reports.some((r) => r.ok)) void market.reloadInstruments?.();
    },
  });
  const maintenance = createMaintenance({ db, dataDir: config.dataDir, settings, log: log.child({ part: 'maintenance' }) });
  const marketLog = log.child({ part: 'market' });
  const feed = feedSource({ settings, db, log: marketLog, brokerFeed: brokers.brokerFeed });
  const market = createMarketService({ db, dataDir: config.dataDir, settings, log: marketLog, feed });
  forwarding.add(forwardMarketEvents(market, emit));
  // With a real broker configured the OMS never falls back to paper (orders are refused with the reason).
  const oms = new Oms({ pool: () => db.pool(), quotes: market, log: log.child({ part: 'oms' }), emit, broker: brokers.broker });
  // Backups talk to the running server over its own session; exports read the ledger. Both report progress.
  const backups = createBackupService({ dataDir: config.dataDir, connectionUrl: () => db.connectionUrl(), log: log.child({ part: 'backup' }), emit: (progress) => bus.emit('backup.progress', progress) });
  const auditExports = createExportJobs({ pool: () => db.pool(), dataDir: config.dataDir, log: log.child({ part: 'audit' }), emit: (progress) => bus.emit('audit.exportProgress', progress) });
  return { bus, db, brokerSecrets, brokers, maintenance, market, oms, backups, auditExports, forwarding };
}

function buildHandlers(parts: CoreParts, config: CoreConfig, log: Logger): Handlers {
  const { db, oms } = parts;
  const diagnostics = () => collectDiagnostics({ app: { version: config.appVersion, mode: config.mode }, dataDir: config.dataDir, logFile: config.logFile ?? null, dbStatus: () => db.status() });
  return {
    ...appHandlers({ version: config.appVersion, mode: config.mode, diagnostics }),
    ...auditHandlers({ db, exports: parts.auditExports }),
    ...dbHandlers(db),
    ...backupHandlers(parts.backups),
    ...brokersHandlers(parts.brokerSecrets, parts.brokers),
    ...dbadminHandlers({ db, runPartitions: () => parts.maintenance.runPartitions(), log: log.child({ part: 'dbadmin' }) }),
    ...marketHandlers(parts.market, db),
    ...ordersHandlers(() => oms),
  };
}

/** In order; only the database failing stops the start, the rest is logged and shown on its panel. */
async function startParts(p: CoreParts, log: Logger): Promise<void> {
  const failed = (what: string) => (error: unknown) => log.error(`${what} could not start`, { error: error instanceof Error ? error.message : String(error) });
  await p.db.start();
  // Before the feeds and brokers: an adapter reads its credentials at start. Locked is not fatal.
  await p.brokerSecrets.start().catch(failed('broker secrets'));
  // Partitions first (catch-up after days closed), then the feed: ticks never lack a partition.
  await p.maintenance.start();
  // The morning drill fills `instruments` before a broker feed reads its universe; it never throws.
  await p.brokers.start().catch(failed('the broker adapters'));
  await p.market.start().catch(failed('market data'));
  // After the market (quotes, instruments): reconciles in-flight orders before taking new ones.
  await p.oms.start().catch(failed('the order system'));
}

/** In reverse: each part stops before what it uses. */
async function stopParts(p: CoreParts): Promise<void> {
  await p.oms.stop();
  await p.market.stop();
  // The drill timer is cleared and the login handlers go after the feed and the OMS stopped using them.
  await p.brokers.stop();
  await p.maintenance.stop();
  // A running backup or export is cancelled (its partial output removed) before the server goes.
  await p.backups.stop();
  await p.auditExports.stop();
  p.brokerSecrets.stop();
  await p.db.stop();
  p.forwarding.dispose();
}

/**
 * The composition root: the only place that builds the core's parts from a
 * config object, picks the adapters and wires them together. Parts are started
 * in order and stopped in reverse; nothing holds a connection at module level.
 */
export function createCore(config: CoreConfig, log: Logger): Core {
  const parts = buildParts(config, log);
  const handlers = buildHandlers(parts, config, log);
  let stopped = false;
  return {
    config,
    db: parts.db,
    market: parts.market,
    brokerSecrets: parts.brokerSecrets,
    start: () => startParts(parts, log),
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopParts(parts);
    },
    dispatch: (method, args, ctx) => dispatch(handlers, method, args, ctx),
    onEvent: (listener) => parts.bus.subscribe(listener),
  };
}
