import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../log';
import type { BrokerCredentials, SecretStore } from '../../../secrets/secret-store';
import { BrokerOutcomeUnknown, type BrokerPlaceRequest, type BrokerUpdate } from '../../../oms/broker-port';
import { KiteTestServer } from '../../../testing/venues/kite/server';
import { KiteBroker } from './kite-broker';
import { KiteFeed } from './kite-feed';
import { KiteLoginHandler, exchangeRequestToken } from './kite-login';
import { tagOfClientId } from './kite-orders';
import { SESSION_EXPIRED_MESSAGE, KiteSession, nextKiteReset } from './kite-session';
import { RateLimiter } from './rate-limiter';

let server: KiteTestServer;
let session: KiteSession;
let feed: KiteFeed;
let broker: KiteBroker;
let updates: BrokerUpdate[];

const place = (id: string, over: Partial<BrokerPlaceRequest> = {}): BrokerPlaceRequest => ({
  clientOrderId: id, token: 408_065, tradingsymbol: 'INFY', exchange: 'NSE', side: 'BUY', orderType: 'L', product: 'MIS',
  validity: 'DAY', quantity: 10, price: 154_250, triggerPrice: null, marketProtection: 0, algoId: null, amo: false, icebergLegs: null, ...over,
});
const REGULAR = { amo: false, icebergLegs: null } as const;

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function newBroker(): KiteBroker {
  return new KiteBroker({
    restRoot: server.restRoot, session, log: silentLogger, orderUpdates: (l) => feed.onOrderUpdate(l),
    rateLimitRetryMs: 5, limiter: new RateLimiter([{ limit: 1_000, windowMs: 1_000 }]),
  });
}

beforeEach(async () => {
  server = await new KiteTestServer({ heartbeatMs: 50 }).start();
  session = new KiteSession({ apiKey: server.apiKey, accessToken: server.issueAccessToken() });
  feed = new KiteFeed({ session, wsUrl: server.wsUrl, log: silentLogger, loadInstruments: async () => [], connectWaitMs: 2_000 });
  await feed.connect();
  broker = newBroker();
  updates = [];
  broker.onUpdate((u) => updates.push(u));
  await broker.start();
});

afterEach(async () => {
  await broker.stop();
  await feed.disconnect();
  await server.close();
});

describe('KiteBroker against the local Kite', () => {
  it('places with the exact encoded form, maps interim statuses, fills and cancel', async () => {
    const request = place('ord-1');
    const encoded = broker.encode({ action: 'PLACE', request });
    server.book.initialStatus = 'PUT ORDER REQ RECEIVED';
    const placed = await broker.place(request);
    expect(placed.ok).toBe(true);
    const sent = server.log.find((e) => e.method === 'POST' && e.path === '/orders/regular');
    expect({ method: 'POST', path: sent?.path, form: sent?.form }).toEqual(encoded);
    expect(sent?.form.tag).toBe(tagOfClientId('ord-1'));
    const orderId = placed.ok ? placed.brokerOrderId : '';

    server.book.setStatus(orderId, 'VALIDATION PENDING');
    expect((await broker.orderStatus('ord-1'))?.brokerStatus).toBe('VALIDATION PENDING');
    server.book.setStatus(orderId, 'OPEN');
    await until(() => updates.some((u) => u.kind === 'status' && u.status === 'OPEN'), 'OPEN update');
    expect(updates.filter((u) => u.kind === 'status')).toHaveLength(1);

    const modified = await broker.modify({ clientOrderId: 'ord-1', brokerOrderId: orderId, ...REGULAR, price: 154_500 });
    expect(modified.ok).toBe(true);
    expect(server.log.at(-3)?.form).toEqual({ price: '1545.00' });

    server.book.fill(orderId, 4, 1545);
    await until(() => updates.some((u) => u.kind === 'fill'), 'fill');
    const cancelled = await broker.cancel({ clientOrderId: 'ord-1', brokerOrderId: orderId, ...REGULAR });
    expect(cancelled.ok).toBe(true);
    expect(cancelled.report?.status).toBe('CANCELLED');
    expect(cancelled.report?.trades.map((t) => [t.quantity, t.price])).toEqual([[4, 154_500]]);
    await until(() => updates.some((u) => u.kind === 'status' && u.status === 'CANCELLED'), 'CANCELLED');
    const fills = updates.filter((u) => u.kind === 'fill');
    expect(fills).toHaveLength(1);
  });

  it('an iceberg goes to POST /orders/iceberg with its legs; modify and cancel use the same variety path', async () => {
    const request = place('ice-1', { quantity: 30, icebergLegs: 3 });
    const encoded = broker.encode({ action: 'PLACE', request });
    const placed = await broker.place(request);
    expect(placed.ok).toBe(true);
    const sent = server.log.find((e) => e.method === 'POST' && e.path === '/orders/iceberg');
    expect({ method: 'POST', path: sent?.path, form: sent?.form }).toEqual(encoded);
    expect(sent?.form).toMatchObject({ iceberg_legs: '3', iceberg_quantity: '10', quantity: '30', order_type: 'LIMIT', price: '1542.50' });
    const orderId = placed.ok ? placed.brokerOrderId : '';
    expect(server.book.orders.get(orderId)?.meta.iceberg).toEqual({ legs: 3, leg_quantity: 10, total_quantity: 30 });

    // A broker that never saw the place (a restart): the variety rides in the request.
    const fresh = newBroker();
    const variety = { amo: false, icebergLegs: 3 };
    expect((await fresh.modify({ clientOrderId: 'ice-1', brokerOrderId: orderId, ...variety, price: 154_300 })).ok).toBe(true);
    expect(server.log.find((e) => e.method === 'PUT')).toMatchObject({ path: `/orders/iceberg/${orderId}`, status: 200, form: { price: '1543.00' } });
    const cancelled = await fresh.cancel({ clientOrderId: 'ice-1', brokerOrderId: orderId, ...variety });
    expect(cancelled).toMatchObject({ ok: true, report: { status: 'CANCELLED' } });
    expect(server.log.find((e) => e.method === 'DELETE')).toMatchObject({ path: `/orders/iceberg/${orderId}`, status: 200 });
  });

  it('an AMO goes to POST /orders/amo, rests as AMO REQ RECEIVED and is cancelled at /orders/amo/:id', async () => {
    const placed = await broker.place(place('amo-1', { amo: true }));
    expect(placed.ok).toBe(true);
    const sent = server.log.find((e) => e.method === 'POST' && e.path.startsWith('/orders/'));
    expect(sent?.path).toBe('/orders/amo');
    expect(sent?.form).not.toHaveProperty('iceberg_legs');
    const orderId = placed.ok ? placed.brokerOrderId : '';
    expect(await broker.orderStatus('amo-1')).toMatchObject({ status: 'OPEN', brokerStatus: 'AMO REQ RECEIVED' });
    // The wrong variety is refused by the venue: the path must be the order's own.
    const wrong = await broker.cancel({ clientOrderId: 'amo-1', brokerOrderId: orderId, ...REGULAR });
    expect(wrong).toMatchObject({ ok: false });
    expect(wrong.ok ? '' : wrong.reason).toContain('is a amo order');
    const cancelled = await broker.cancel({ clientOrderId: 'amo-1', brokerOrderId: orderId, amo: true, icebergLegs: null });
    expect(cancelled).toMatchObject({ ok: true, report: { status: 'CANCELLED' } });
    expect(server.log.filter((e) => e.method === 'DELETE').map((e) => [e.path, e.status])).toEqual([
      [`/orders/regular/${orderId}`, 400],
      [`/orders/amo/${orderId}`, 200],
    ]);
  });

  it('refuses, before sending, an iceberg that does not split evenly or is also AMO', async () => {
    const uneven = await broker.place(place('ice-bad', { quantity: 10, icebergLegs: 3 }));
    expect(uneven).toMatchObject({ ok: false, raw: { refused: 'BAD_ICEBERG' } });
    const both = await broker.place(place('ice-amo', { quantity: 30, icebergLegs: 3, amo: true }));
    expect(both).toMatchObject({ ok: false, raw: { refused: 'BAD_ICEBERG' } });
    const market = await broker.place(place('ice-mkt', { quantity: 30, icebergLegs: 3, orderType: 'MKT', price: null, marketProtection: 200 }));
    expect(market).toMatchObject({ ok: false, raw: { refused: 'BAD_ICEBERG' } });
    expect(server.log.filter((e) => e.method === 'POST' && e.path.startsWith('/orders/'))).toHaveLength(0);
  });

  it('the test server refuses iceberg fields on another variety and a leg split that does not add up', async () => {
    const headers = { Authorization: `token ${server.apiKey}:${session.accessToken() ?? ''}`, 'Content-Type': 'application/x-www-form-urlencoded' };
    const base = { tradingsymbol: 'INFY', exchange: 'NSE', transaction_type: 'BUY', order_type: 'LIMIT', quantity: '30', product: 'MIS', validity: 'DAY', price: '1542.5' };
    const post = async (variety: string, extra: Record<string, string>) => {
      const res = await fetch(`${server.restRoot}/orders/${variety}`, { method: 'POST', headers, body: new URLSearchParams({ ...base, ...extra }).toString() });
      return { status: res.status, body: (await res.json()) as { message?: string } };
    };
    expect(await post('regular', { iceberg_legs: '3', iceberg_quantity: '10' })).toMatchObject({ status: 400, body: { message: expect.stringContaining('only for variety iceberg') } });
    expect(await post('iceberg', { iceberg_legs: '3', iceberg_quantity: '9' })).toMatchObject({ status: 400, body: { message: expect.stringContaining('not the order quantity') } });
    expect(await post('iceberg', { iceberg_legs: '11', iceberg_quantity: '3' })).toMatchObject({ status: 400 });
    expect(await post('iceberg', { iceberg_legs: '3', iceberg_quantity: '10' })).toMatchObject({ status: 200 });
  });

  it('shows a rejection with its status message', async () => {
    const placed = await broker.place(place('ord-rej'));
    const orderId = placed.ok ? placed.brokerOrderId : '';
    server.book.setStatus(orderId, 'REJECTED', 'Insufficient funds');
    await until(() => updates.length > 0, 'rejection');
    expect(updates[0]).toMatchObject({ kind: 'rejected', reason: 'Insufficient funds' });
    expect(await broker.orderStatus('ord-rej')).toMatchObject({ status: 'REJECTED', message: 'Insufficient funds' });
  });

  it('a refusal from Kite resolves with its words', async () => {
    const answer = await broker.place(place('ord-bad', { orderType: 'SL', triggerPrice: null }));
    expect(answer).toMatchObject({ ok: false });
    expect(server.book.orders.size).toBe(0);
  });

  it('retries a 429 (definitely not processed) and gives up with a reason', async () => {
    server.faults.rateLimited = 2;
    expect((await broker.place(place('ord-429'))).ok).toBe(true);
    expect(server.log.filter((e) => e.path === '/orders/regular').map((e) => e.status)).toEqual([429, 429, 200]);
    server.faults.rateLimited = 10;
    const refused = await broker.place(place('ord-429b'));
    expect(refused).toMatchObject({ ok: false, reason: 'Too many requests' });
    expect(server.book.orders.size).toBe(1);
  });

  it('an HTML page or a dropped connection is an unknown outcome, never re-sent', async () => {
    server.faults.htmlPages = 1;
    const html = await broker.place(place('ord-html')).catch((e: unknown) => e);
    expect(html).toBeInstanceOf(BrokerOutcomeUnknown);
    expect((html as Error).message).toMatch(/web page \("502 Bad Gateway"\)/);
    server.faults.drops = 1;
    await expect(broker.place(place('ord-drop'))).rejects.toBeInstanceOf(BrokerOutcomeUnknown);
    expect(server.log.filter((e) => e.path === '/orders/regular')).toHaveLength(2);
    expect(await broker.orderStatus('ord-html')).toBeNull();
  });

  it('finds an order by its tag after a restart, and an algo order only when unambiguous', async () => {
    const placed = await broker.place(place('ord-r'));
    const fresh = newBroker();
    expect((await fresh.orderStatus('ord-r'))?.brokerOrderId).toBe(placed.ok ? placed.brokerOrderId : 'x');
    await broker.place(place('algo-1', { algoId: 'ALGO42' }));
    expect((await broker.orderStatus('algo-1'))?.brokerOrderId).toBeTruthy();
    await expect(fresh.orderStatus('algo-1')).rejects.toBeInstanceOf(BrokerOutcomeUnknown);
  });

  it('an expired session gives one clear signal and a refusal, not a crash', async () => {
    const signals: string[] = [];
    session.onSessionExpired((m) => signals.push(m));
    server.expireSession();
    const answer = await broker.place(place('ord-exp'));
    expect(answer).toMatchObject({ ok: false });
    expect(answer.ok ? '' : answer.reason).toContain(SESSION_EXPIRED_MESSAGE);
    await broker.place(place('ord-exp2'));
    expect(signals).toEqual([SESSION_EXPIRED_MESSAGE]);
    await until(() => feed.status().error === SESSION_EXPIRED_MESSAGE, 'feed shows the expiry');
  });
});

describe('Kite login and session', () => {
  it('accepts the right checksum and refuses a wrong secret', async () => {
    const ok = await exchangeRequestToken({ restRoot: server.restRoot, apiKey: server.apiKey, apiSecret: server.apiSecret, requestToken: 'reqtoken1' });
    expect(ok.accessToken).toMatch(/^acc/);
    await expect(exchangeRequestToken({ restRoot: server.restRoot, apiKey: server.apiKey, apiSecret: 'wrong', requestToken: 'reqtoken1' })).rejects.toThrow(/Kite login failed/);
  });

  it('the login handler saves the session through the store and renews the live one', async () => {
    let saved: BrokerCredentials | null = { broker: 'kite', accountId: 'main', fields: { apiKey: server.apiKey, apiSecret: server.apiSecret } };
    const store = {
      keySource: 'passphrase', unlocked: () => true, list: async () => [], remove: async () => {},
      load: async () => saved, save: async (c: BrokerCredentials) => void (saved = c),
    } satisfies SecretStore;
    let renewed = '';
    const handler = new KiteLoginHandler({ restRoot: server.restRoot, store, onLoggedIn: (_a, token) => (renewed = token) });
    await handler.completeLogin('main', { requestToken: 'reqtoken1' }, store);
    expect(saved?.fields.accessToken).toBe(renewed);
    expect(await handler.loginUrl('main')).toBe(`https://kite.zerodha.com/connect/login?v=3&api_key=${server.apiKey}`);
    await expect(handler.completeLogin('main', { requestToken: 'reqtoken1' }, store)).rejects.toThrow(/Kite login failed/);
  });

  it('the token dies at the 06:00 IST reset', () => {
    let now = Date.UTC(2026, 0, 20, 3, 0);
    expect(nextKiteReset(now)).toBe(Date.UTC(2026, 0, 21, 0, 30));
    const s = new KiteSession({ apiKey: 'k', accessToken: 't', now: () => now });
    const signals: string[] = [];
    s.onSessionExpired((m) => signals.push(m));
    expect(s.accessToken()).toBe('t');
    now = Date.UTC(2026, 0, 21, 0, 31);
    expect(s.accessToken()).toBeNull();
    expect(signals).toHaveLength(1);
  });

  it('the limiter holds the 11th order of a second', async () => {
    let now = 1_000;
    const limiter = new RateLimiter(undefined, () => now);
    for (let i = 0; i < 10; i++) await limiter.acquire();
    expect(limiter.delayMs()).toBe(1_000);
    now += 1_000;
    expect(limiter.delayMs()).toBe(0);
  });
});
