/**
 * Builds the feed the settings ask for. The simulated feed's worker file is
 * the one electron-vite bundled next to the app unless a path is given
 * (tests build their own, see test-worker-build.ts).
 */
import { istDayOf } from '../../../src-shared/market/ist-calendar';
import type { BrokerFeed, Feed } from '../../market/feed-port';
import { bundledFeedWorkerPath } from '../simulated/feed-worker-path';
import { SimulatedFeed } from '../simulated/simulated-feed';
import type { DatabaseService } from '../../db/service';
import type { Logger } from '../../log';
import { ReplayFeed } from '../../market/replay/replay-feed';
import type { MarketSettings } from '../../market/service/market-service';

export interface FeedFactoryOptions {
  settings: MarketSettings;
  db: DatabaseService;
  holidays: readonly string[];
  log: Logger;
  /** 'worker' in the app; 'in-process' for unit-level tests. */
  transport: 'worker' | 'in-process';
  workerPath: string | null;
  /** Flow control of the simulated feed (benchmarks); 0 = real time. */
  maxInFlight: number;
  batching: { batchMs?: number; maxBatchTicks?: number };
  now: () => number;
  /** Builds the broker's feed (brokers/selection) for settings.feed 'kite' / 'kotak'; absent when none is configured. */
  brokerFeed?: BrokerFeed | undefined;
}

const BROKER_FEED_MISSING = {
  kite: 'The Kite feed needs a Kite account: start with --feed kite and --account ID (saved in Settings).',
  kotak: 'The Kotak feed needs a Kotak account with a session: start with --feed kotak and --broker kotak (or broker.kotak.feedAccountId), and log in to Kotak in Settings.',
} as const;

export async function createFeed(options: FeedFactoryOptions): Promise<Feed> {
  const { settings, log } = options;
  if (settings.feed === 'kite' || settings.feed === 'kotak') {
    if (options.brokerFeed?.name !== settings.feed) throw new Error(BROKER_FEED_MISSING[settings.feed]);
    return options.brokerFeed.open();
  }
  if (settings.feed === 'replay') {
    if (!settings.replayDay) throw new Error('The replay feed needs a day to replay (replayDay).');
    return new ReplayFeed({ db: options.db, day: settings.replayDay, speed: settings.replaySpeed, log: log.child({ feed: 'replay' }) });
  }
  const workerPath = options.transport === 'worker' ? (options.workerPath ?? (await bundledFeedWorkerPath())) : null;
  return new SimulatedFeed({
    seed: settings.seed,
    ratePerSec: settings.ratePerSec,
    simulateOutsideHours: settings.simulateOutsideHours,
    day: istDayOf(options.now()),
    holidays: options.holidays,
    workerPath,
    transport: options.transport,
    maxInFlight: options.maxInFlight,
    ...options.batching,
    log: log.child({ feed: 'simulated' }),
  });
}
