import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../src-shared/domain/instrument';
import { LoginHooks } from '../../secrets/login-hooks';
import type { Feed, FeedStatus, TickBatch } from '../../market/feed-port';
import { RecordingFeed } from '../../testing/fakes/recording-feed';
import { RetryingFeed } from './retrying-feed';
import { UnavailableFeed } from './unavailable-feed';

const INFY = { token: 408065, tradingsymbol: 'INFY' } as Instrument;

function setUp(answers: Array<() => Promise<Feed>>) {
  const hooks = new LoginHooks();
  let opens = 0;
  const feed = new RetryingFeed({
    name: 'kite',
    reason: 'Broker secrets are locked: unlock them in Settings',
    open: () => {
      const answer = answers[Math.min(opens, answers.length - 1)];
      opens += 1;
      if (!answer) throw new Error('no answer');
      return answer();
    },
    retryOn: (retry) => hooks.onAccessChanged(retry),
    loadInstruments: async () => [INFY],
  });
  return { hooks, feed, opens: () => opens };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('RetryingFeed', () => {
  it('waits with the stored universe and says why, then opens the real feed when access changes', async () => {
    const real = new RecordingFeed({ instruments: [INFY], capacity: 3000, now: () => 42 });
    const { hooks, feed, opens } = setUp([async () => real]);
    const statuses: FeedStatus[] = [];
    const batches: TickBatch[] = [];
    feed.onStatus((s) => statuses.push(s));
    feed.onBatch((b) => batches.push(b));
    await feed.connect();
    expect(feed.status()).toEqual({ connected: false, error: 'Broker secrets are locked: unlock them in Settings' });
    expect(feed.instruments()).toEqual([INFY]);
    expect(feed.persist).toBe(true);
    feed.subscribe([INFY.token]);
    expect(opens()).toBe(0);

    hooks.accessChanged();
    await settle();
    await feed.retry();
    expect(opens()).toBe(1);
    expect(feed.opened).toBe(true);
    expect(real.connected).toBe(1);
    // What the market followed while waiting is streamed at once.
    expect(real.subscribed).toEqual([[INFY.token]]);
    expect(feed.status()).toEqual({ connected: true, error: null });
    expect(statuses.at(-1)).toEqual({ connected: true, error: null });
    expect(feed.capacity).toBe(3000);
    expect(feed.now()).toBe(42);

    const batch = { receivedAt: 1 } as unknown as TickBatch;
    real.listeners.emitBatch(batch);
    expect(batches).toEqual([batch]);
    real.listeners.setStatus({ connected: false, error: 'ticker dropped' });
    expect(feed.status()).toEqual({ connected: false, error: 'ticker dropped' });

    feed.subscribe([5]);
    expect(real.subscribed.at(-1)).toEqual([5]);
    // Opened once: later signals do not open a second socket.
    hooks.accessChanged();
    await settle();
    expect(opens()).toBe(1);

    await feed.disconnect();
    expect(real.disconnected).toBe(1);
    real.listeners.emitBatch(batch);
    expect(batches).toHaveLength(1);
  });

  it('stays waiting with the new reason while still not readable, and never without a signal', async () => {
    const real = new RecordingFeed({ instruments: [INFY], capacity: 3000, now: () => 42 });
    const { hooks, feed, opens } = setUp([async () => new UnavailableFeed('kite', 'Kite account "main" is not set up: add it in Settings'), async () => real]);
    await feed.connect();
    await new Promise((r) => setTimeout(r, 20));
    expect(opens()).toBe(0);
    hooks.accessChanged();
    await settle();
    await feed.retry();
    // The first signal found the account still missing; retry() itself was the second attempt.
    expect(opens()).toBe(2);
    expect(feed.opened).toBe(true);
  });

  it('a failed open is shown on the health line and retried on the next signal', async () => {
    const real = new RecordingFeed({ instruments: [INFY], capacity: 3000, now: () => 42 });
    const { hooks, feed } = setUp([
      async () => {
        throw new Error('Kite ticker: connection refused');
      },
      async () => real,
    ]);
    await feed.connect();
    await feed.retry();
    expect(feed.status()).toEqual({ connected: false, error: 'Kite ticker: connection refused' });
    expect(feed.opened).toBe(false);
    hooks.accessChanged();
    await settle();
    await feed.retry();
    expect(feed.opened).toBe(true);
  });

  it('after disconnect a signal opens nothing', async () => {
    const real = new RecordingFeed({ instruments: [INFY], capacity: 3000, now: () => 42 });
    const { hooks, feed, opens } = setUp([async () => real]);
    await feed.connect();
    await feed.disconnect();
    hooks.accessChanged();
    await feed.retry();
    expect(opens()).toBe(0);
    expect(real.connected).toBe(0);
  });

  it('hands reloads and wire counts to the real feed once it runs, and has none before', async () => {
    const real = new RecordingFeed({ instruments: [INFY], capacity: 3000, now: () => 42 });
    real.wire.badFrames = 3;
    const { hooks, feed } = setUp([async () => real]);
    await feed.connect();
    expect(feed.wireProblems()).toBeNull();
    await feed.reloadInstruments();
    expect(real.reloads).toBe(0);
    hooks.accessChanged();
    await feed.retry();
    expect(feed.opened).toBe(true);
    await feed.reloadInstruments();
    expect(real.reloads).toBe(1);
    expect(feed.wireProblems()).toMatchObject({ badFrames: 3 });
    await feed.disconnect();
  });
});
