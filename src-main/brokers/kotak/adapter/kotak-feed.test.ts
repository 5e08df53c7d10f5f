import { afterEach, describe, expect, it } from 'vitest';
import type { Instrument } from '../../../../src-shared/domain/instrument';
import { silentLogger } from '../../../log';
import { tickAt } from '../../../market/ingest/tick-columns';
import type { TickBatch } from '../../../market/feed-port';
import { encodeDataFrame } from '../../../testing/venues/kotak/hsm-server-frames';
import { INDEX_FIELD, SCRIP_FIELD } from '../hsm/hsm-protocol';
import { HsmTestServer, type HsmQuote } from '../../../testing/venues/kotak/hsm-server';
import { KotakFeed, type KotakFeedOptions } from './kotak-feed';
import { SESSION_EXPIRED_MESSAGE, type KotakSession } from './session';

const instrument = (pSymbol: number, tradingsymbol: string, extra: Partial<Instrument> = {}): Instrument => ({
  token: pSymbol * 256 + 1, exchangeToken: pSymbol, tradingsymbol, name: tradingsymbol, exchange: 'NSE', segment: 'NSE',
  instrumentType: 'EQ', expiry: null, strike: null, lotSize: 1, tickSize: 5, freezeQty: null, ...extra,
});
const TCS = instrument(11536, 'TCS-EQ');
const INFY = instrument(1594, 'INFY-EQ');
const NIFTY = instrument(26000, 'NIFTY 50', { instrumentType: 'INDEX', tickSize: 1 });
const FUT = instrument(51714, 'NIFTY26JANFUT', { token: 51714 * 256 + 2, exchange: 'NFO', segment: 'NFO-FUT', instrumentType: 'FUT' });

const quote = (pSymbol: number, values: Record<number, number>, extra: Partial<HsmQuote> = {}): HsmQuote => ({ kind: 'scrip', segment: 'nse_cm', token: String(pSymbol), values, ...extra });
const tcsAt = (ltp: number, volume: number) => quote(11536, { [SCRIP_FIELD.LTP]: ltp, [SCRIP_FIELD.VOLUME]: volume, [SCRIP_FIELD.BID]: ltp - 5, [SCRIP_FIELD.BID_QTY]: 10, [SCRIP_FIELD.MULTIPLIER]: 1, [SCRIP_FIELD.PRECISION]: 2 });

let server: HsmTestServer;
let feed: KotakFeed | null = null;
let session: KotakSession;
let stored: KotakSession | null;
let expirations: string[];

afterEach(async () => {
  await feed?.disconnect();
  feed = null;
  await server.close();
});

function newSession(): KotakSession {
  const s = { token: `trade-${Math.random()}`, sid: `sid-${Math.random()}`, baseUrl: 'http://127.0.0.1:1', expiresAt: Date.now() + 3_600_000 };
  server.addSession(s.token, s.sid);
  return s;
}

async function start(options: Partial<KotakFeedOptions> = {}, ackEvery = 0): Promise<KotakFeed> {
  server = await HsmTestServer.start({ ackEvery });
  session = newSession();
  stored = session;
  expirations = [];
  feed = new KotakFeed({
    wsUrl: server.url, log: silentLogger,
    loadSession: async () => stored,
    onSessionExpired: (message) => expirations.push(message),
    loadInstruments: async () => [TCS, INFY, NIFTY, FUT],
    heartbeatTimeoutMs: 200, backoff: { initialMs: 20, maxMs: 100 }, connectWaitMs: 2_000, sessionPollMs: 20, ...options,
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

const subscribes = (scrip: string) => server.requests.filter((r) => r.type === 'subscribe' && r.scrips?.includes(scrip)).length;
const ticksOf = (batches: TickBatch[]) => batches.reduce((n, b) => n + b.verdicts.accepted, 0);
const ticks = (batch: TickBatch | undefined) => (batch ? Array.from({ length: batch.columns.count }, (_, i) => tickAt(batch.columns, i)) : []);

describe('KotakFeed against the local HSM server', () => {
  it('connects with token and sid, subscribes scrips and indices, and turns SNAP then UPDATE frames into normalised ticks', async () => {
    const f = await start();
    expect(f.status()).toEqual({ connected: true, error: null });
    const batches: TickBatch[] = [];
    f.onBatch((b) => batches.push(b));
    f.subscribe([TCS.token, NIFTY.token, FUT.token]);
    await until(() => subscribes('nse_cm|26000') > 0 && subscribes('nse_fo|51714') > 0, 'subscriptions');
    expect(server.requests.find((r) => r.scrips?.includes('nse_cm|26000'))).toMatchObject({ type: 'subscribe', kind: 'index', channel: 2 });
    expect(server.requests.find((r) => r.scrips?.includes('nse_cm|11536'))).toMatchObject({ type: 'subscribe', kind: 'scrip', channel: 2 });

    server.push([tcsAt(412_350, 1_000), quote(26000, { [INDEX_FIELD.LTP]: 2_450_035 }, { kind: 'index' })]);
    await until(() => ticksOf(batches) === 2, 'two ticks');
    const first = batches[0] as TickBatch;
    expect(first.verdicts.accepted).toBe(2);
    expect(first.copy?.rows).toBe(2);
    expect(ticks(first)).toEqual([
      { token: TCS.token, ts: expect.any(Number), ltp: 412_350, lastQty: 0, volume: 1_000, oi: 0, bid: 412_345, bidQty: 10, ask: null, askQty: 0 },
      { token: NIFTY.token, ts: expect.any(Number), ltp: 2_450_035, lastQty: 0, volume: 0, oi: 0, bid: null, bidQty: 0, ask: null, askQty: 0 },
    ]);
    expect(Math.abs((ticks(first)[0]?.ts ?? 0) - Date.now())).toBeLessThan(5_000);

    // The UPDATE carries only ltp and volume; the bid from the SNAP stays.
    server.push([{ ...tcsAt(412_400, 1_010), values: { [SCRIP_FIELD.LTP]: 412_400, [SCRIP_FIELD.VOLUME]: 1_010 } }]);
    await until(() => ticksOf(batches) === 3, 'the update');
    expect(ticks(batches.at(-1))).toMatchObject([{ token: TCS.token, ltp: 412_400, volume: 1_010, bid: 412_345, bidQty: 10 }]);
    expect(f.counters.decode.entries).toBe(3);
  });

  it('after the master is re-read, a contract it did not know is subscribed and its ticks pass the guard', async () => {
    const WIPRO = instrument(3787, 'WIPRO-EQ');
    let master: Instrument[] = [TCS];
    const f = await start({ loadInstruments: async () => master });
    const batches: TickBatch[] = [];
    f.onBatch((b) => batches.push(b));
    f.subscribe([WIPRO.token]);
    expect(f.wireProblems().unknownInstruments).toBe(1);
    expect(subscribes('nse_cm|3787')).toBe(0);

    master = [TCS, WIPRO];
    await f.reloadInstruments();
    expect(f.instruments()).toEqual([TCS, WIPRO]);
    f.subscribe([WIPRO.token]);
    await until(() => subscribes('nse_cm|3787') > 0, 'the new scrip subscribed');
    server.push([quote(3787, { [SCRIP_FIELD.LTP]: 24_510, [SCRIP_FIELD.VOLUME]: 7 })]);
    await until(() => ticksOf(batches) === 1, 'a tick of the new scrip');
    expect(ticks(batches[0])).toMatchObject([{ token: WIPRO.token, ltp: 24_510, volume: 7 }]);
  });

  it('acknowledges every N-th data frame with its message number', async () => {
    const f = await start({}, 2);
    const batches: TickBatch[] = [];
    f.onBatch((b) => batches.push(b));
    f.subscribe([TCS.token]);
    await until(() => subscribes('nse_cm|11536') > 0, 'subscribe');
    for (let i = 0; i < 5; i++) server.push([tcsAt(412_350 + i * 5, 1_000 + i)]);
    await until(() => ticksOf(batches) === 5, 'five ticks');
    await until(() => server.acks.length === 2, 'two acks');
    expect(server.acks).toEqual([2, 4]);
  });

  it('counts garbage, truncated frames, unknown topics and unknown instruments, and keeps going', async () => {
    const f = await start();
    const batches: TickBatch[] = [];
    f.onBatch((b) => batches.push(b));
    f.subscribe([TCS.token]);
    await until(() => subscribes('nse_cm|11536') > 0, 'subscribe');
    expect(f.wireProblems()).toEqual({ badFrames: 0, unknownInstruments: 0, badMessages: 0, refusedSubscriptions: 0 });
    server.sendRaw(Uint8Array.of(0, 1, 99));
    const good = encodeDataFrame([{ kind: 'update', topicId: 1, values: [1, 2, 3] }]);
    server.sendRaw(good.slice(0, good.length - 2));
    server.sendRaw(encodeDataFrame([{ kind: 'update', topicId: 4_242, values: [1] }]));
    server.sendRaw(encodeDataFrame([{ kind: 'snap', topicId: 77, name: 'sf|nse_cm|999999', values: [0, 0, 0, 0, 0, 100], strings: [] }]));
    // A SNAP of a topic kind the protocol does not have, and an HTML error page as a text frame.
    server.sendRaw(encodeDataFrame([{ kind: 'snap', topicId: 78, name: 'zz|nse_cm|11536', values: [0], strings: [] }]));
    for (const c of server.connections) if (c.authenticated) c.socket.send('<html><body>502 Bad Gateway</body></html>');
    server.push([tcsAt(412_350, 1_000)]);
    await until(() => ticksOf(batches) === 1, 'the good tick');
    expect(f.counters.decode.errors['unknown-type']).toBe(1);
    expect(f.counters.decode.errors.truncated).toBe(1);
    expect(f.counters.topics['unknown-topic']).toBe(1);
    expect(f.counters.topics['unknown-kind']).toBe(1);
    expect(f.counters.convert['unknown-instrument']).toBe(1);
    expect(f.counters.text).toBe(1);
    expect(f.status()).toEqual({ connected: true, error: null });
    // Decode errors and the unknown topic kind are bad frames; the undefined topic id and the unknown scrip are unknown instruments.
    expect(f.wireProblems()).toEqual({ badFrames: 3, unknownInstruments: 2, badMessages: 1, refusedSubscriptions: 0 });
    // A followed instrument Kotak has no scrip for is an unknown instrument too.
    f.subscribe([999_999 * 256 + 1]);
    expect(f.counters.unmapped).toBe(1);
    expect(f.wireProblems().unknownInstruments).toBe(3);
  });

  it('reconnects after silence, resubscribes everything and ticks again', async () => {
    const f = await start();
    const batches: TickBatch[] = [];
    f.onBatch((b) => batches.push(b));
    f.subscribe([TCS.token, NIFTY.token]);
    await until(() => subscribes('nse_cm|11536') === 1, 'first subscribe');
    const firstConnection = [...server.connections][0]?.id;
    server.goSilent();
    await until(() => subscribes('nse_cm|11536') === 2 && subscribes('nse_cm|26000') === 2, 'resubscribe after silence');
    expect(server.requests.filter((r) => r.type === 'subscribe').at(-1)?.connection).not.toBe(firstConnection);
    await until(() => f.status().connected, 'connected again');
    expect(f.connections[0]?.delays.length).toBeGreaterThan(0);
    server.push([tcsAt(412_500, 2_000)]);
    await until(() => ticksOf(batches) === 1, 'a tick after the reconnect');
    expect(ticks(batches[0])).toMatchObject([{ token: TCS.token, ltp: 412_500, volume: 2_000 }]);
  });

  it('reconnects after the server drops the socket, with a backoff delay', async () => {
    const f = await start();
    f.subscribe([TCS.token]);
    await until(() => subscribes('nse_cm|11536') === 1, 'first subscribe');
    server.dropAll();
    await until(() => subscribes('nse_cm|11536') === 2, 'resubscribe after the drop');
    const delay = f.connections[0]?.delays[0] ?? -1;
    expect(delay).toBeGreaterThanOrEqual(10);
    expect(delay).toBeLessThanOrEqual(20);
    await until(() => f.status().connected, 'connected again');
  });

  it('sends at most 100 scrips per request, spread over channels of 200, and refuses beyond 3,000', async () => {
    const many = Array.from({ length: 3_100 }, (_, i) => instrument(100_000 + i, `S${i}`));
    const f = await start({ loadInstruments: async () => many });
    f.subscribe(many.map((i) => i.token));
    await until(() => server.subscribedScrips().length === 3_000, 'every scrip that fits');
    const requests = server.requests.filter((r) => r.type === 'subscribe');
    expect(Math.max(...requests.map((r) => r.scrips?.length ?? 0))).toBe(100);
    expect(new Set(requests.map((r) => r.channel))).toEqual(new Set(Array.from({ length: 15 }, (_, i) => i + 2)));
    expect(f.counters.overLimit).toBe(100);
    expect(f.wireProblems()).toMatchObject({ refusedSubscriptions: 100 });
    expect(f.status().error).toMatch(/3000 instruments per session; 100 not subscribed/);
    f.unsubscribe(many.slice(0, 250).map((i) => i.token));
    await until(() => server.subscribedScrips().length === 2_750, 'unsubscribed');
    const unsubscribes = server.requests.filter((r) => r.type === 'unsubscribe');
    expect(unsubscribes.map((r) => r.channel)).toEqual([2, 2, 3]);
  });

  it('a refused session stops the loop with a clear status and the session-expired signal, and a new login brings it back', async () => {
    const f = await start();
    f.subscribe([TCS.token]);
    await until(() => subscribes('nse_cm|11536') === 1, 'subscribe');
    server.expireSessions();
    server.dropAll();
    await until(() => f.status().error === SESSION_EXPIRED_MESSAGE, 'expired status');
    expect(f.status().connected).toBe(false);
    expect(expirations).toEqual([SESSION_EXPIRED_MESSAGE]);
    expect(server.refused).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    // No retry of a dead session: the stored one is the refused one.
    expect(server.refused).toBe(1);
    stored = newSession();
    await until(() => f.status().connected, 'connected after a new login');
    await until(() => subscribes('nse_cm|11536') === 2, 'resubscribed with the new session');
    expect(f.status().error).toBeNull();
  });

  it('without a stored session it says so at once and never dials', async () => {
    server = await HsmTestServer.start();
    expirations = [];
    feed = new KotakFeed({
      wsUrl: server.url, log: silentLogger, loadSession: async () => null, onSessionExpired: (m) => expirations.push(m),
      loadInstruments: async () => [TCS], connectWaitMs: 500, sessionPollMs: 20,
    });
    await feed.connect();
    expect(feed.status()).toEqual({ connected: false, error: SESSION_EXPIRED_MESSAGE });
    expect(expirations).toEqual([SESSION_EXPIRED_MESSAGE]);
    expect(server.requests).toEqual([]);
  });
});
