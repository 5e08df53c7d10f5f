import { afterAll, beforeAll } from 'vitest';
import { buildFeedWorkerForTests } from './feed-worker';
import { startTestDatabase, type TestDatabase } from './database';
import { testLogger } from './logger';
import { feedSource } from '../../brokers/selection/feed-factory';
import { DEFAULT_MARKET_SETTINGS, type MarketSettings } from '../../market/service/market-service';
import { createMarketService, type MarketServiceOptions } from '../../market/service/market-service-impl';

/**
 * For integration tests of the market path: one real PostgreSQL and the
 * shipped feed worker (built once) per test file, and a market service on
 * them with the settings a test cares about. Registers its own hooks.
 */
export function useMarketTestbed() {
  let db: TestDatabase | undefined;
  let worker: Awaited<ReturnType<typeof buildFeedWorkerForTests>> | undefined;

  beforeAll(async () => {
    [db, worker] = await Promise.all([startTestDatabase(), buildFeedWorkerForTests()]);
  }, 120_000);

  afterAll(async () => {
    await db?.cleanup();
    await worker?.cleanup();
  });

  const ready = () => {
    if (!db || !worker) throw new Error('the market testbed is used outside a test');
    return { db, worker };
  };

  return {
    get db(): TestDatabase {
      return ready().db;
    },
    market(settings: Partial<MarketSettings>, options: Partial<Omit<MarketServiceOptions, 'db' | 'dataDir' | 'settings'>> = {}) {
      const { db: testDb, worker: built } = ready();
      const log = testLogger();
      return createMarketService({
        db: testDb.service,
        dataDir: testDb.dataDir,
        settings,
        log,
        feed: feedSource({ settings: { ...DEFAULT_MARKET_SETTINGS, ...settings }, db: testDb.service, log, workerPath: built.path }),
        ...options,
      });
    },
  };
}
