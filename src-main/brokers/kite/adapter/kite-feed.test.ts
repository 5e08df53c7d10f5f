import { afterEach, describe, expect, it } from 'vitest';
import type { Instrument } from '../../../../src-shared/domain/instrument';
import { silentLogger } from '../../../log';
import type { TickBatch } from '../../../market/feed-port';
import { encodeBodies, encodeFrame } from '../../../testing/venues/kite/ticker-encoder';
import { FULL_NIFTY_FUT, INFY_TOKEN, NIFTY_FUT_TOKEN, QUOTE_INFY } from '../../../testing/venues/kite/fixtures';
import { KiteTestServer } from '../../../testing/venues/kite/server';
import { backoffDelay } from '../../socket/backoff';
import { KiteFeed, type KiteFeedOptions } from './kite-feed';
import { SESSION_EXPIRED_MESSAGE, KiteSession } from './kite-session';

const instrument = (token: number, tradingsymbol: string): Instrument => ({
  token, exchangeToken: token >> 8, tradingsymbol, name: tradingsymbol, exchange: 'NSE', segment: 'NSE',
  instrumentType: 'EQ', expiry: null, strike: null, lotSize: 1, tickSize: 5, freezeQty: null,
});

let server: KiteTestServer;
let feed: KiteFeed | null = null;
let session: KiteSession;

afterEach(async () => {
  await feed?.disconnect();
  feed = null;
  await server.close();
});

async function start(options: Partial<KiteFeedOptions> = {}, heartbeatMs = 20): Promise<KiteFeed> {
  server = await new KiteTestServer({ heartbeatMs }).start();
  session = new KiteSession({ apiKey: server.apiKey, accessToken: server.issueAccessToken() });
  feed = new KiteFeed({
    session, wsUrl: server.wsUrl, log: silentLogger,
    loadInstruments: async () => [instrument(INFY_TOKEN, 'INFY'), instrument(NIFTY_FUT_TOKEN, 'NIFTY26JANFUT')],
    heartbeatTimeoutMs: 200, backoff: { initialMs: 20, maxMs: 100 }, connectWaitMs: 2_000, ...options,
  });
  await feed.connect();
  return feed;
}

async function until(check: () => boolean, what: string, limitMs = 5_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const subscribes = (token: number) => server.ticker.requests.filter((r) => r.action === 'subscribe' && r.tokens.includes(token)).length;

describe('KiteFeed against the local ticker', () => {
  it('subscribes in full mode and turns a frame of several packets into one batch', async () => {
    const f = await start();
    expect(f.status()).toEqual({ connected: true, error: null });
    const batches: TickBatch[] = [];
    f.onBatch((b) => batches.push(b));
    f.subscribe([INFY_TOKEN, NIFTY_FUT_TOKEN]);
    await until(() => server.ticker.requests.some((r) => r.action === 'mode' && r.mode === 'full'), 'mode request');
    server.ticker.sendPackets([QUOTE_INFY, FULL_NIFTY_FUT]);
    await until(() => batches.length > 0, 'a batch');
    const batch = batches[0] as TickBatch;
    expect(batch.verdicts.accepted).toBe(2);
    expect(batch.copy?.rows).toBe(2);
    expect(f.counters.decode.packets).toBe(2);
    await until(() => f.counters.decode.heartbeats > 0, 'a heartbeat');
  });

  it('counts malformed and truncated frames and keeps going', async () => {
    const f = await start();
    f.subscribe([INFY_TOKEN]);
    await until(() => subscribes(INFY_TOKEN) > 0, 'subscribe');
    expect(f.wireProblems()).toEqual({ badFrames: 0, unknownInstruments: 0, badMessages: 0, refusedSubscriptions: 0 });
    const good = encodeFrame([QUOTE_INFY]);
    server.ticker.sendRaw(good.slice(0, good.length - 5));
    server.ticker.sendRaw(encodeBodies([new Uint8Array(13)]));
    server.ticker.sendRaw(good);
    await until(() => f.counters.decode.packets === 1, 'the good packet');
    expect(f.counters.decode.errors.truncated).toBe(1);
    expect(f.counters.decode.errors['unknown-mode']).toBe(1);
    expect(f.wireProblems()).toEqual({ badFrames: 2, unknownInstruments: 0, badMessages: 0, refusedSubscriptions: 0 });
  });

  it('folds every kind of garbage into the wire problems the health line shows', async () => {
    const f = await start();
    f.subscribe([INFY_TOKEN]);
    await until(() => subscribes(INFY_TOKEN) > 0, 'subscribe');
    const good = encodeFrame([QUOTE_INFY]);
    // Decode errors: a frame cut short, a packet of no known length, bytes past the declared packets.
    server.ticker.sendRaw(good.slice(0, good.length - 5));
    server.ticker.sendRaw(encodeBodies([new Uint8Array(13)]));
    server.ticker.sendRaw(Uint8Array.of(...encodeFrame([QUOTE_INFY]), 0xde, 0xad));
    // Tokens that name no instrument: segment byte 8 is none of Kite's, token 0 is no token.
    server.ticker.sendRaw(encodeFrame([{ mode: 'ltp', token: 1_234 * 256 + 8, segment: 8, ltp: 100 }, { mode: 'ltp', token: 0, segment: 0, ltp: 100 }]));
    // An HTML error page and JSON of no known shape instead of a ticker message.
    server.ticker.sendText('<html><body><h1>502 Bad Gateway</h1></body></html>');
    server.ticker.sendText(JSON.stringify({ type: 'order', data: { nonsense: true } }));
    server.ticker.sendRaw(good);
    await until(() => f.counters.decode.packets === 4, 'the packets after the garbage');
    expect(f.counters.convert).toMatchObject({ 'unknown-segment': 1, 'bad-token': 1 });
    expect(f.counters.badText).toBe(2);
    expect(f.wireProblems()).toEqual({ badFrames: 3, unknownInstruments: 2, badMessages: 2, refusedSubscriptions: 0 });
    expect(f.status()).toEqual({ connected: true, error: null });
  });

  it('reconnects after heartbeat silence and resubscribes everything', async () => {
    const f = await start();
    f.subscribe([INFY_TOKEN]);
    await until(() => subscribes(INFY_TOKEN) === 1, 'first subscribe');
    const first = [...server.ticker.connections][0]?.id;
    server.ticker.goSilent();
    await until(() => subscribes(INFY_TOKEN) === 2, 'resubscribe after silence');
    const again = server.ticker.requests.filter((r) => r.action === 'subscribe').at(-1);
    expect(again?.connection).not.toBe(first);
    await until(() => f.status().connected, 'connected again');
    expect(f.connections[0]?.delays.length).toBeGreaterThan(0);
  });

  it('reconnects after an abrupt close, with a backoff delay', async () => {
    const f = await start();
    f.subscribe([INFY_TOKEN]);
    await until(() => subscribes(INFY_TOKEN) === 1, 'first subscribe');
    server.ticker.closeAbruptly();
    await until(() => subscribes(INFY_TOKEN) === 2, 'resubscribe after close');
    const delay = f.connections[0]?.delays[0] ?? -1;
    expect(delay).toBeGreaterThanOrEqual(10);
    expect(delay).toBeLessThanOrEqual(20);
  });

  it('spreads more than 3,000 instruments over two connections', async () => {
    const f = await start();
    const tokens = Array.from({ length: 3_500 }, (_, i) => (i + 1) * 256 + 1);
    f.subscribe(tokens);
    await until(() => server.ticker.connections.size === 2 && [...server.ticker.connections].every((c) => c.tokens.size > 0), 'two connections');
    const sizes = [...server.ticker.connections].map((c) => c.tokens.size).sort((a, b) => a - b);
    expect(sizes).toEqual([500, 3_000]);
    expect(f.status().error).toBeNull();
  });

  it('refuses beyond three connections and says why', async () => {
    const f = await start({ maxPerConnection: 2 });
    f.subscribe([1, 2, 3, 4, 5, 6, 7].map((n) => n * 256 + 1));
    expect(f.counters.overLimit).toBe(1);
    expect(f.wireProblems()).toMatchObject({ refusedSubscriptions: 1 });
    expect(f.status().error).toMatch(/6 instruments per API key; 1 not subscribed/);
  });

  it('a refused token (403) stops the loop with the session-expired signal', async () => {
    const f = await start();
    const signals: string[] = [];
    session.onSessionExpired((message) => signals.push(message));
    server.expireSession();
    server.ticker.closeAbruptly();
    await until(() => f.status().error === SESSION_EXPIRED_MESSAGE, 'expired status');
    expect(f.status().connected).toBe(false);
    expect(signals).toEqual([SESSION_EXPIRED_MESSAGE]);
    const refused = server.ticker.refused;
    await new Promise((r) => setTimeout(r, 100));
    expect(server.ticker.refused).toBe(refused);
    session.renew(server.issueAccessToken());
    await until(() => f.status().connected, 'connected after a new login');
  });

  it('backoff grows and is capped', () => {
    const fixed = { initialMs: 100, maxMs: 1_000, random: () => 1 };
    expect([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, fixed))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(backoffDelay(0, { initialMs: 100, random: () => 0 })).toBe(50);
  });
});
