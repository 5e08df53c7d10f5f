/**
 * Which feed the market service runs on: the simulated market, the replay of a stored
 * day, or a broker's live feed, as the settings ask. Chosen here, beside the broker
 * selection, and handed to the market service by core.ts as a FeedSource, so the market
 * knows only the feed port. The simulated feed's worker file is the one electron-vite
 * bundled next to the app unless a path is given (tests build their own, see
 * testing/kits/feed-worker.ts).
 */
import { istDayOf } from '../../../src-shared/market/ist-calendar';
import type { DatabaseService } from '../../db/service';
import type { Logger } from '../../log';
import type { Feed, FeedSource } from '../../market/feed-port';
import { ReplayFeed } from '../../market/replay/replay-feed';
import type { MarketSettings } from '../../market/service/market-service';
import { bundledFeedWorkerPath } from '../simulated/feed-worker-path';
import { SimulatedFeed } from '../simulated/simulated-feed';

/**
 * A real broker's feed as the broker selection hands it over: built only when asked (it
 * needs the account's session and the day's master).
 */
export interface BrokerFeed {
  readonly name: 'kite' | 'kotak';
  open(): Promise<Feed>;
}

export interface FeedFactoryOptions {
  settings: Pick<MarketSettings, 'feed' | 'seed' | 'ratePerSec' | 'simulateOutsideHours' | 'replayDay' | 'replaySpeed'>;
  db: DatabaseService;
  log: Logger;
  /** 'worker' (default, the app) or 'in-process' (tests that cannot start a .ts worker). */
  transport?: 'worker' | 'in-process';
  /** The simulated feed's built worker file; default: the one bundled with the app. */
  workerPath?: string | null;
  /** Flow control of the simulated feed (benchmarks): batches in flight; 0 = real time. */
  maxInFlight?: number;
  /** Simulated feed batching: every batchMs, at most maxBatchTicks per batch. */
  batching?: { batchMs?: number; maxBatchTicks?: number };
  /** Builds the broker's feed (broker-selection.ts) for settings.feed 'kite' / 'kotak'; absent when none is configured. */
  brokerFeed?: BrokerFeed | undefined;
}

const BROKER_FEED_MISSING = {
  kite: 'The Kite feed needs a Kite account: start with --feed kite and --account ID (saved in Settings).',
  kotak: 'The Kotak feed needs a Kotak account with a session: start with --feed kotak and --broker kotak (or broker.kotak.feedAccountId), and log in to Kotak in Settings.',
} as const;

/** The feed source for the market service: each start of the market opens a fresh feed. */
export function feedSource(options: FeedFactoryOptions): FeedSource {
  return ({ holidays, now }) => createFeed(options, holidays, now);
}

async function createFeed(options: FeedFactoryOptions, holidays: readonly string[], now: number): Promise<Feed> {
  const { settings, log } = options;
  if (settings.feed === 'kite' || settings.feed === 'kotak') {
    if (options.brokerFeed?.name !== settings.feed) throw new Error(BROKER_FEED_MISSING[settings.feed]);
    return options.brokerFeed.open();
  }
  if (settings.feed === 'replay') {
    if (!settings.replayDay) throw new Error('The replay feed needs a day to replay (replayDay).');
    return new ReplayFeed({ db: options.db, day: settings.replayDay, speed: settings.replaySpeed, log: log.child({ feed: 'replay' }) });
  }
  const transport = options.transport ?? 'worker';
  const workerPath = transport === 'worker' ? (options.workerPath ?? (await bundledFeedWorkerPath())) : null;
  return new SimulatedFeed({
    seed: settings.seed,
    ratePerSec: settings.ratePerSec,
    simulateOutsideHours: settings.simulateOutsideHours,
    day: istDayOf(now),
    holidays,
    workerPath,
    transport,
    maxInFlight: options.maxInFlight ?? 0,
    ...options.batching,
    log: log.child({ feed: 'simulated' }),
  });
}
