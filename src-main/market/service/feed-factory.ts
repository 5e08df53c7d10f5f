/**
 * Builds the feed the settings ask for. The simulated feed's worker file is
 * the one electron-vite bundled next to the app unless a path is given
 * (tests build their own, see test-worker-build.ts).
 */
import { istDayOf } from '../../../src-shared/market/ist-calendar';
import type { Feed } from '../../brokers/feed';
import { bundledFeedWorkerPath } from '../../brokers/simulated/feed-worker-path';
import { SimulatedFeed } from '../../brokers/simulated/simulated-feed';
import type { DatabaseService } from '../../db/service';
import type { Logger } from '../../log';
import { ReplayFeed } from '../replay/replay-feed';
import type { MarketSettings } from './market-service';

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
  /** Builds the Kite feed (brokers/selection); absent when no Kite account is configured. */
  kiteFeed?: (() => Promise<Feed>) | undefined;
}

export async function createFeed(options: FeedFactoryOptions): Promise<Feed> {
  const { settings, log } = options;
  if (settings.feed === 'kite') {
    if (!options.kiteFeed) throw new Error('The Kite feed needs a Kite account: start with --feed kite and --account ID (saved in Settings).');
    return options.kiteFeed();
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
