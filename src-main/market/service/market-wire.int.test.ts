import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { feedHealthSchema, type FeedHealth } from '../../../src-shared/market/feed-health';
import { noWireProblems, type FeedWireProblems } from '../../../src-shared/market/wire-problems';
import { testInstrument } from '../../testing/fakes/market-service';
import { RecordingFeed } from '../../testing/fakes/recording-feed';
import { startTestDatabase, type TestDatabase } from '../../testing/kits/database';
import { recordingLogger } from '../../testing/kits/logger';
import { createMarketService } from './market-service-impl';
import { sleep, waitFor } from '../../testing/kits/market-checks';

/**
 * A broker feed's wire problems on the real market service (real PostgreSQL): the health
 * line carries the feed's totals, and a flood of garbage is logged once per health
 * interval with what was added, never once per bad frame.
 */
let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
}, 120_000);

afterAll(async () => {
  await db?.cleanup();
});

interface WireWarning {
  msg: string;
  level: string;
  feed: string;
  added: FeedWireProblems;
  totals: FeedWireProblems;
}

describe('wire problems on the health line', () => {
  test('the line carries the totals; a flood is logged once per interval with the deltas', async () => {
    const feed = new RecordingFeed({ instruments: [testInstrument(1_000, 'SYM0')] });
    const recorder = recordingLogger();
    const market = createMarketService({
      db: db.service,
      dataDir: db.dataDir,
      settings: { feed: 'kite' },
      log: recorder.log,
      feed: () => Promise.resolve(feed),
      healthMs: 50,
    });
    const healths: FeedHealth[] = [];
    market.onHealth((health) => healths.push(health));
    const warnings = () => recorder.records().filter((r) => r.msg === 'broker feed wire problems') as unknown as WireWarning[];
    await market.start();
    try {
      // A clean feed: the line says so, and nothing is logged.
      await waitFor(() => healths.length >= 2, 5_000, 'two health lines');
      expect(feedHealthSchema.parse(healths.at(-1)).wire).toEqual(noWireProblems());
      expect(warnings()).toEqual([]);

      // Ten thousand bad frames in one burst.
      for (let i = 0; i < 10_000; i++) feed.wire.badFrames += 1;
      feed.wire.unknownInstruments = 3;
      await waitFor(() => healths.at(-1)?.wire?.badFrames === 10_000, 5_000, 'the garbage on the health line');
      expect(healths.at(-1)?.wire).toEqual({ badFrames: 10_000, unknownInstruments: 3, badMessages: 0, refusedSubscriptions: 0 });
      await waitFor(() => warnings().length === 1, 5_000, 'the warning');
      expect(warnings()[0]).toMatchObject({ level: 'warn', feed: 'kite', added: { badFrames: 10_000, unknownInstruments: 3, badMessages: 0, refusedSubscriptions: 0 } });

      // Quiet again: lines keep coming, no further warning.
      const lines = healths.length;
      await waitFor(() => healths.length >= lines + 3, 5_000, 'three more lines');
      expect(warnings()).toHaveLength(1);

      // More garbage: the next warning carries only what was added.
      feed.wire.badMessages = 2;
      feed.wire.badFrames += 5;
      await waitFor(() => warnings().length === 2, 5_000, 'the second warning');
      expect(warnings()[1]).toMatchObject({
        added: { badFrames: 5, unknownInstruments: 0, badMessages: 2, refusedSubscriptions: 0 },
        totals: { badFrames: 10_005, unknownInstruments: 3, badMessages: 2, refusedSubscriptions: 0 },
      });
      await sleep(150);
      // No rise, no warning: the lines since carried the same totals.
      expect(warnings().length).toBe(2);
    } finally {
      await market.stop();
    }
  }, 60_000);
});
