/**
 * The feed health line (src-shared/market/feed-health.ts) from the parts'
 * counters: the guard's verdicts, the writer's state, the feed's status and
 * the session phase now, and a broker feed's wire problems.
 */
import type { FeedHealth } from '../../../src-shared/market/feed-health';
import { sessionAt, type NseCalendar } from '../../../src-shared/market/nse-session';
import type { Feed } from '../feed-port';
import type { TickWriter } from '../ingest/tick-writer';
import type { CandleStore } from './candle-store';
import type { IngestPipeline } from './ingest-pipeline';
import type { MarketSettings } from './market-service';

const noDrops = (): FeedHealth['dropped'] => ({ unknownToken: 0, badPrice: 0, malformed: 0, duplicate: 0, outOfOrder: 0, journalOverflow: 0 });

export function idleHealth(settings: MarketSettings, calendar: NseCalendar): FeedHealth {
  return {
    feed: settings.feed,
    // Only generated or replayed data is SIMULATED: a broker's feed that is not up yet is still the market.
    simulated: settings.feed === 'simulated' || settings.feed === 'replay',
    connected: false,
    sessionPhase: sessionAt(Date.now(), calendar, 'equity').phase,
    simulatingOutsideHours: false,
    ticksPerSec: 0,
    accepted: 0,
    written: 0,
    dropped: noDrops(),
    lagMs: null,
    writer: 'stopped',
    journalBytes: 0,
    wire: null,
    lastError: null,
    at: Date.now(),
  };
}

export interface HealthInputs {
  settings: MarketSettings;
  feed: Feed;
  calendar: NseCalendar;
  pipeline: IngestPipeline;
  writer: TickWriter | null;
  store: CandleStore | null;
  /** Seconds since the previous health line. */
  seconds: number;
  /** A standing problem of the service itself (e.g. more instruments followed than the feed streams). */
  note?: string | null;
}

export function buildHealth(inputs: HealthInputs): FeedHealth {
  const { feed, pipeline, writer, store } = inputs;
  const phase = sessionAt(Date.now(), inputs.calendar, 'equity').phase;
  const verdicts = pipeline.verdicts;
  const w = writer?.stats();
  const lag = writer?.takeLag() ?? null;
  const status = feed.status();
  return {
    feed: feed.name,
    simulated: feed.simulated,
    connected: status.connected,
    sessionPhase: phase,
    simulatingOutsideHours: feed.name === 'simulated' && inputs.settings.simulateOutsideHours && phase !== 'open',
    ticksPerSec: inputs.seconds > 0 ? Math.round(pipeline.takeAccepted() / inputs.seconds) : 0,
    accepted: verdicts.accepted,
    written: w?.writtenRows ?? 0,
    dropped: {
      unknownToken: verdicts.unknownToken,
      badPrice: verdicts.badPrice,
      // Rows PostgreSQL refused as bad data count as malformed too (kept under journal/rejected/).
      malformed: verdicts.malformed + (w?.rejectedRows ?? 0),
      duplicate: verdicts.duplicate,
      outOfOrder: verdicts.outOfOrder,
      journalOverflow: w?.overflowRows ?? 0,
    },
    lagMs: lag,
    writer: w?.mode ?? 'stopped',
    journalBytes: w?.journalBytes ?? 0,
    // Only a real broker's feed counts what it could not use off the wire.
    wire: feed.wireProblems?.() ?? null,
    lastError: status.error ?? w?.lastError ?? store?.lastError ?? inputs.note ?? null,
    at: Date.now(),
  };
}
