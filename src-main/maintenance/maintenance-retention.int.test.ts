import { afterAll, beforeAll, expect, test } from 'vitest';
import { istInstant } from '../../src-shared/market/ist-calendar';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import { testLogger } from '../testing/kits/logger';
import { writeRetentionSettings } from './retention-settings';
import { DEFAULT_MARKET_SETTINGS } from '../market/service/market-service';
import { createMaintenance } from './maintenance';

/**
 * The retention the trader saves in the database panel is what maintenance
 * applies at its next run, without a restart; the config is only the default.
 */
let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(async () => {
  await db?.cleanup();
});

test('a saved partitionDaysAhead replaces the configured one at the next run', async () => {
  let day = istInstant('2030-01-01', 10 * 60);
  const maintenance = createMaintenance({
    db: db.service,
    dataDir: db.dataDir,
    settings: DEFAULT_MARKET_SETTINGS,
    log: testLogger(),
    now: () => day,
  });
  const [first] = await maintenance.runPartitions();
  // The default: today plus 4 days ahead.
  expect(first?.created).toHaveLength(1 + DEFAULT_MARKET_SETTINGS.partitionDaysAhead);

  await writeRetentionSettings(db.service, { tickRetentionDays: 30, depthRetentionDays: 7, partitionDaysAhead: 10 });
  day = istInstant('2030-01-02', 10 * 60);
  const [second] = await maintenance.runPartitions();
  // 2030-01-02 … 2030-01-12 should exist now; 01-02 … 01-05 already did.
  expect(second?.created).toEqual([
    'market_ticks_p20300106', 'market_ticks_p20300107', 'market_ticks_p20300108',
    'market_ticks_p20300109', 'market_ticks_p20300110', 'market_ticks_p20300111', 'market_ticks_p20300112',
  ]);
});
