import { dropReasonsList, type FeedHealth } from '../../../../src-shared/market/feed-health';

/** A valid feed health line for renderer tests; override what the test is about. */
export function sampleHealth(overrides: Partial<FeedHealth> = {}): FeedHealth {
  return {
    feed: 'simulated',
    simulated: true,
    connected: true,
    sessionPhase: 'open',
    simulatingOutsideHours: false,
    ticksPerSec: 500,
    accepted: 10_000,
    written: 9_990,
    dropped: Object.fromEntries(dropReasonsList.map((reason) => [reason, 0])) as FeedHealth['dropped'],
    lagMs: { p50: 3, p99: 12 },
    writer: 'writing',
    journalBytes: 0,
    wire: null,
    lastError: null,
    at: Date.UTC(2026, 10, 20, 4, 0),
    ...overrides,
  };
}
