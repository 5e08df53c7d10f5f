/**
 * Which tokens the feed streams. A simulated (or replayed) feed streams its
 * whole universe: it is small, and the paper broker and the benchmarks rely on
 * every instrument being live. A broker's feed (Kite: ~90,000 instruments in
 * the master, 3 × 3,000 per API key) streams what the trader looks at and
 * holds: open positions and working orders first (their P&L and fills need
 * prices), then the charts (candle interest), then the watchlist in its order;
 * capped at the feed's capacity. Pure: the service gathers the sources and
 * applies the diff (market-service-impl.ts).
 */

/** Kite's limit per API key: 3 connections × 3,000 instruments (kite-feed.ts refuses beyond it). */
export const DEFAULT_BROKER_FEED_CAPACITY = 9_000;

export interface SubscriptionSources {
  /** Tokens of positions with a non-zero net quantity. */
  positions: readonly number[];
  /** Tokens of orders that are still working (not FILLED, CANCELLED or REJECTED). */
  orders: readonly number[];
  /** Tokens of the charts on screen (setCandleInterest). */
  interest: readonly number[];
  /** The watchlist, in its order on screen. */
  watchlist: readonly number[];
}

export interface SubscriptionPlanInput {
  /** feed.simulated: stream the whole universe. */
  simulated: boolean;
  /** The feed's universe (tokens it can send), in its order. */
  universe: readonly number[];
  sources: SubscriptionSources;
  /** Most tokens the feed takes; ignored for a simulated feed. */
  capacity: number;
}

export interface SubscriptionPlan {
  /** The tokens to stream, by priority, without duplicates. */
  tokens: number[];
  /** Wanted tokens left out because the feed is full (by priority: the least important). */
  overCapacity: number[];
  /** Wanted tokens the feed does not carry (e.g. a simulated instrument held from a paper session). */
  unknown: number[];
}

export function planSubscriptions(input: SubscriptionPlanInput): SubscriptionPlan {
  if (input.simulated) return { tokens: [...new Set(input.universe)], overCapacity: [], unknown: [] };
  const universe = new Set(input.universe);
  const capacity = Math.max(0, Math.floor(input.capacity));
  const seen = new Set<number>();
  const tokens: number[] = [];
  const overCapacity: number[] = [];
  const unknown: number[] = [];
  const { positions, orders, interest, watchlist } = input.sources;
  for (const list of [positions, orders, interest, watchlist]) {
    for (const token of list) {
      if (seen.has(token)) continue;
      seen.add(token);
      if (!universe.has(token)) unknown.push(token);
      else if (tokens.length < capacity) tokens.push(token);
      else overCapacity.push(token);
    }
  }
  return { tokens, overCapacity, unknown };
}

export interface SubscriptionDiff {
  subscribe: number[];
  unsubscribe: number[];
}

/** What to tell the feed to get from `current` to `wanted` (only the changes). */
export function diffSubscriptions(current: ReadonlySet<number>, wanted: readonly number[]): SubscriptionDiff {
  const target = new Set(wanted);
  return {
    subscribe: [...target].filter((token) => !current.has(token)),
    unsubscribe: [...current].filter((token) => !target.has(token)),
  };
}

/** The health line's message when the trader follows more than the feed can stream; null when all fit. */
export function capacityMessage(plan: SubscriptionPlan, capacity: number, feedName: string): string | null {
  if (plan.overCapacity.length === 0) return null;
  const wanted = plan.tokens.length + plan.overCapacity.length;
  return (
    `Streaming ${plan.tokens.length.toLocaleString('en-IN')} of ${wanted.toLocaleString('en-IN')} instruments: ` +
    `the ${feedName} feed takes at most ${capacity.toLocaleString('en-IN')}; ` +
    `${plan.overCapacity.length.toLocaleString('en-IN')} get no live prices (positions and orders come first, then charts, then the watchlist)`
  );
}
