/**
 * What a broker's feed streams: the watchlist, open positions, working orders and the
 * charts, planned against the feed's capacity (subscription-policy.ts), applied as a
 * difference, re-read every few seconds and after a watchlist change. A simulated feed
 * streams its whole universe, so none of this runs for it.
 */
import type { Feed } from '../feed-port';
import type { MarketContext } from './market-context';
import { loadSubscriptionSources } from './market-queries';
import { capacityMessage, DEFAULT_BROKER_FEED_CAPACITY, diffSubscriptions, planSubscriptions } from './subscription-policy';

/** The tokens a feed says it takes, when it says so with a usable number. */
function feedCapacity(feed: Feed): number | null {
  const capacity = feed.capacity;
  return typeof capacity === 'number' && Number.isFinite(capacity) ? capacity : null;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Recomputes a broker feed's subscriptions and applies the difference. Never throws. */
async function applySubscriptions(ctx: MarketContext): Promise<void> {
  const active = ctx.feed;
  const state = ctx.subscriptions;
  if (!ctx.started || !active || active.simulated) return;
  try {
    state.lastSources = await loadSubscriptionSources(ctx.options.db.kysely());
  } catch (error) {
    // The database is away (or restarting): keep streaming what was followed, charts may still change.
    ctx.log.debug('could not read the subscription sources; keeping the last ones', { error: messageOf(error) });
  }
  if (!ctx.started || ctx.feed !== active) return;
  const capacity = ctx.options.subscriptionCapacity ?? feedCapacity(active) ?? DEFAULT_BROKER_FEED_CAPACITY;
  const plan = planSubscriptions({
    simulated: false,
    universe: [...ctx.instruments.keys()],
    sources: { ...state.lastSources, interest: ctx.pendingInterest.map((key) => key.token) },
    capacity,
  });
  const diff = diffSubscriptions(state.subscribed, plan.tokens);
  try {
    if (diff.unsubscribe.length > 0) active.unsubscribe(diff.unsubscribe);
    if (diff.subscribe.length > 0) active.subscribe(diff.subscribe);
    state.subscribed = new Set(plan.tokens);
  } catch (error) {
    ctx.log.warn('could not change the feed subscriptions', { error: messageOf(error) });
  }
  const note = capacityMessage(plan, capacity, active.name);
  if (note !== state.note && note !== null) ctx.log.warn('more instruments followed than the feed can stream', { followed: plan.tokens.length + plan.overCapacity.length, capacity });
  state.note = note;
  if (diff.subscribe.length > 0 || diff.unsubscribe.length > 0) {
    ctx.log.debug('feed subscriptions changed', { subscribed: diff.subscribe.length, unsubscribed: diff.unsubscribe.length, streaming: state.subscribed.size });
  }
}

/** Queues a re-plan; resolves once applied. Never rejects. */
export function refreshSubscriptions(ctx: MarketContext): Promise<void> {
  const state = ctx.subscriptions;
  // A refresh that has not started yet will see whatever changed before this call.
  if (state.queued) return state.queued;
  const next = state.chain.then(() => {
    state.queued = null;
    return applySubscriptions(ctx);
  });
  state.queued = next;
  state.chain = next.catch(() => undefined);
  return next;
}

/** At start: a simulated feed streams everything it has, a broker's feed its plan. */
export async function subscribeAtStart(ctx: MarketContext, feed: Feed): Promise<void> {
  ctx.subscriptions.subscribed = new Set();
  ctx.subscriptions.note = null;
  if (feed.simulated) {
    // Small and generated: the whole universe stays live (the paper broker and the benchmarks rely on it).
    feed.subscribe([...ctx.instruments.keys()]);
    ctx.subscriptions.subscribed = new Set(ctx.instruments.keys());
  } else {
    await refreshSubscriptions(ctx);
  }
}

/** After the feed re-read its universe (the morning drill changed the master). Never rejects. */
export async function reloadInstruments(ctx: MarketContext): Promise<void> {
  const active = ctx.feed;
  if (!ctx.started || !active?.reloadInstruments) return;
  try {
    await active.reloadInstruments();
  } catch (error) {
    ctx.log.warn('could not re-read the instrument master; the feed keeps the one it has', { error: messageOf(error) });
    return;
  }
  if (ctx.feed !== active) return;
  const before = ctx.instruments.size;
  ctx.instruments = new Map(active.instruments().map((i) => [i.token, i]));
  ctx.log.info('instrument master re-read', { feed: active.name, before, after: ctx.instruments.size });
  await refreshSubscriptions(ctx);
}
