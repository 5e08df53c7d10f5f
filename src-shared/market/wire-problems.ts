/**
 * What a real broker's feed could not use off the wire, as running totals since the feed
 * connected: broker-neutral, so the status bar can say "12 bad frames" for Kite and Kotak
 * alike without knowing either protocol. Each broker maps its own detailed counters onto
 * these four (KiteFeed.wireProblems, KotakFeed.wireProblems); the details stay in the
 * feeds' `counters` and the log for whoever debugs the wire.
 */
import { z } from 'zod';

const total = z.number().int().nonnegative();

export const feedWireProblemsSchema = z.object({
  /** Frames or packets that were malformed, truncated or could not be decoded. */
  badFrames: total,
  /** Packets (or subscriptions) for tokens / scrips that map to no instrument we know. */
  unknownInstruments: total,
  /** Text (JSON) messages that failed validation. */
  badMessages: total,
  /** Instruments not subscribed because the broker's per-session limit was reached. */
  refusedSubscriptions: total,
});
export type FeedWireProblems = z.infer<typeof feedWireProblemsSchema>;

export const wireProblemKinds = ['badFrames', 'unknownInstruments', 'badMessages', 'refusedSubscriptions'] as const satisfies readonly (keyof FeedWireProblems)[];

export function noWireProblems(): FeedWireProblems {
  return { badFrames: 0, unknownInstruments: 0, badMessages: 0, refusedSubscriptions: 0 };
}

/**
 * How much each total rose from `before` to `now`, or null when nothing rose. A feed that
 * reconnected as a new object starts again from zero: a fall is not a rise, so it is 0.
 */
export function wireProblemsRise(before: FeedWireProblems | null, now: FeedWireProblems | null): FeedWireProblems | null {
  if (now === null) return null;
  const base = before ?? noWireProblems();
  const rise = noWireProblems();
  let any = false;
  for (const kind of wireProblemKinds) {
    rise[kind] = Math.max(0, now[kind] - base[kind]);
    if (rise[kind] > 0) any = true;
  }
  return any ? rise : null;
}
