import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../log';
import type { BrokerUpdate } from '../../../oms/broker-port';
import type { KotakTestServer, KotakTestServerOptions } from '../../../testing/venues/kotak/server';
import { instrumentOf, limitBuy, logIn, startKotakServer } from '../../../testing/venues/kotak/fixtures';
import { KotakBroker, KotakOutcomeUnknown, type KotakBrokerOptions } from './kotak-broker';
import { SESSION_EXPIRED_MESSAGE, type KotakSession } from './session';
import { KOTAK_NO_ICEBERG, kotakTag } from './wire';

const REGULAR = { amo: false, icebergLegs: null } as const;

let server: KotakTestServer;
let session: KotakSession;
let expiredSignals: string[];
let updates: BrokerUpdate[];

async function setUp(serverOptions: Partial<KotakTestServerOptions> = {}, brokerOptions: Partial<KotakBrokerOptions> = {}): Promise<KotakBroker> {
  server = await startKotakServer(serverOptions);
  session = await logIn(server);
  expiredSignals = [];
  updates = [];
  const broker = new KotakBroker({
    loadSession: async () => session, onSessionExpired: (m) => expiredSignals.push(m), instrument: instrumentOf,
    log: silentLogger, pollIntervalMs: 0, timeoutMs: 1_000, ...brokerOptions,
  });
  broker.onUpdate((u) => updates.push(u));
  await broker.start();
  return broker;
}

afterEach(async () => { await server.stop(); });

/** Polls until the book holds no interim words (the test venue moves one step per read). */
async function pollSettled(broker: KotakBroker): Promise<void> {
  for (let i = 0; i < 4; i += 1) await broker.pollOnce();
}

describe('Kotak broker: orders round trip', () => {
  let broker: KotakBroker;
  beforeEach(async () => { broker = await setUp(); });

  it('places exactly what it encodes, maps lowercase statuses, modifies and cancels', async () => {
    const request = limitBuy('ord-1');
    const encoded = broker.encode({ action: 'PLACE', request });
    const placed = await broker.place(request);
    expect(placed).toMatchObject({ ok: true, report: null });
    const wire = server.placed()[0];
    expect(wire).toEqual((encoded as { jData: unknown }).jData);
    expect(wire).toEqual({ es: 'nse_fo', pc: 'NRML', pt: 'L', pr: '24123.5', tp: '0', qt: '65', rt: 'DAY', ts: 'NIFTY26JANFUT', tt: 'B', am: 'NO', dq: '0', mp: '0', ig: kotakTag('ord-1') });
    const orderNo = placed.ok ? placed.brokerOrderId : '';

    await broker.pollOnce(); // "validation pending": interim, nothing to report
    expect(updates).toEqual([]);
    await pollSettled(broker);
    expect(updates).toEqual([{ kind: 'status', clientOrderId: 'ord-1', brokerOrderId: orderNo, status: 'OPEN', brokerStatus: 'open', message: null }]);

    const modify = { clientOrderId: 'ord-1', brokerOrderId: orderNo, ...REGULAR, price: 2_410_000 };
    const modifyWire = broker.encode({ action: 'MODIFY', request: modify });
    expect(await broker.modify(modify)).toMatchObject({ ok: true, brokerOrderId: orderNo });
    expect(server.received.at(-1)?.jData).toEqual((modifyWire as { jData: unknown }).jData);
    expect(server.venue.orders.get(orderNo)?.terms).toMatchObject({ pr: '24100', qt: '65', tk: '51714', no: orderNo });

    expect(await broker.cancel({ clientOrderId: 'ord-1', brokerOrderId: orderNo, ...REGULAR })).toMatchObject({ ok: true, report: { status: 'CANCELLED', brokerStatus: 'cancelled' } });
    await broker.pollOnce();
    expect(updates.at(-1)).toMatchObject({ kind: 'status', status: 'CANCELLED', brokerStatus: 'cancelled' });
    // A second cancel is Kotak's refusal, in Kotak's words.
    expect(await broker.cancel({ clientOrderId: 'ord-1', brokerOrderId: orderNo, ...REGULAR })).toMatchObject({ ok: false, reason: 'Order already cancelled or not found.' });
  });

  it('an AMO is placed with am YES and cancelled with am YES (the venue refuses am NO for it)', async () => {
    const request = limitBuy('amo-1', { amo: true });
    const encoded = broker.encode({ action: 'PLACE', request });
    const placed = await broker.place(request);
    expect(placed).toMatchObject({ ok: true });
    expect(server.placed()[0]).toEqual((encoded as { jData: unknown }).jData);
    expect(server.placed()[0]).toMatchObject({ am: 'YES', pt: 'L', qt: '65' });
    const orderNo = placed.ok ? placed.brokerOrderId : '';

    const plain = await broker.cancel({ clientOrderId: 'amo-1', brokerOrderId: orderNo, ...REGULAR });
    expect(plain).toMatchObject({ ok: false, reason: 'AMO order: cancel it with am YES.' });
    const cancel = { clientOrderId: 'amo-1', brokerOrderId: orderNo, amo: true, icebergLegs: null };
    expect(broker.encode({ action: 'CANCEL', request: cancel })).toMatchObject({ path: '/quick/order/cancel', jData: { on: orderNo, am: 'YES' } });
    expect(await broker.cancel(cancel)).toMatchObject({ ok: true, report: { status: 'CANCELLED' } });
    expect(server.received.filter((r) => r.path.endsWith('/quick/order/cancel')).map((r) => r.jData)).toEqual([
      { on: orderNo, am: 'NO' },
      { on: orderNo, am: 'YES' },
    ]);
  });

  it('refuses an iceberg before anything is sent: Kotak Neo has none', async () => {
    const request = limitBuy('ice-1', { quantity: 65 * 3, icebergLegs: 3 });
    expect(broker.encode({ action: 'PLACE', request })).toEqual({ notSent: true, code: 'NO_ICEBERG', reason: KOTAK_NO_ICEBERG });
    const answer = await broker.place(request);
    expect(answer).toMatchObject({ ok: false, reason: expect.stringContaining("Kotak Neo's API has no iceberg orders"), raw: { notSent: true, code: 'NO_ICEBERG' } });
    expect(server.received).toHaveLength(0);
    expect(await broker.orderStatus('ice-1')).toBeNull();
  });

  it('reports fills once, with stable trade ids, and surfaces a rejection\'s text', async () => {
    const placed = await broker.place(limitBuy('ord-2'));
    const orderNo = placed.ok ? placed.brokerOrderId : '';
    const trade = server.venue.fill(orderNo, 2_412_000, 30);
    await pollSettled(broker);
    await pollSettled(broker);
    const fills = updates.filter((u) => u.kind === 'fill');
    expect(fills).toEqual([{ kind: 'fill', clientOrderId: 'ord-2', brokerOrderId: orderNo, trade: { tradeId: `${orderNo}-${trade.flId}`, quantity: 30, price: 2_412_000, at: expect.any(Number) } }]);
    const report = await broker.orderStatus('ord-2');
    expect(report).toMatchObject({ status: 'OPEN', filledQuantity: 30, trades: [{ tradeId: `${orderNo}-${trade.flId}` }] });

    await broker.place(limitBuy('ord-big', { quantity: 65 * 30 })); // above the freeze quantity
    await pollSettled(broker);
    expect(updates.filter((u) => u.kind === 'rejected')).toEqual([
      { kind: 'rejected', clientOrderId: 'ord-big', brokerOrderId: expect.any(String), reason: expect.stringMatching(/^RMS: Rule: Check freeze quantity/) },
    ]);
  });
});

describe('Kotak broker: SL-M', () => {
  it('sends SL-M as SL with the protective limit and tells the trader', async () => {
    const broker = await setUp();
    const request = limitBuy('stop-1', { orderType: 'SL-M', price: null, triggerPrice: 2_400_000, marketProtection: 0, side: 'SELL' });
    const placed = await broker.place(request);
    expect(placed.ok).toBe(true);
    const wire = server.placed().at(-1);
    // Default 2 % below a sell trigger of ₹24,000, floored to the ₹0.10 tick.
    expect(wire).toMatchObject({ pt: 'SL', tp: '24000', pr: '23520' });
    expect(server.placed().every((j) => j.pt !== 'SL-M')).toBe(true);
    expect((placed.raw as { notice: string }).notice).toMatch(/sent as SL: trigger ₹24,000.00, limit ₹23,520.00/);
    await pollSettled(broker);
    const status = updates.find((u) => u.kind === 'status' && u.clientOrderId === 'stop-1');
    expect(status).toMatchObject({ status: 'TRIGGER_PENDING', brokerStatus: 'trigger pending', message: expect.stringMatching(/does not accept SL-M/) });
    expect(await broker.orderStatus('stop-1')).toMatchObject({ orderType: 'SL-M', price: null, triggerPrice: 2_400_000 });
  });

  it('the test server itself refuses SL-M the way Kotak does', async () => {
    await setUp();
    const body = new URLSearchParams({ jData: JSON.stringify({ es: 'nse_fo', pc: 'NRML', pt: 'SL-M', pr: '0', tp: '24000', qt: '65', rt: 'DAY', ts: 'NIFTY26JANFUT', tt: 'S', am: 'NO', dq: '0', mp: '0' }) });
    const answer = await fetch(`${session.baseUrl}/quick/order/rule/ms/place`, { method: 'POST', headers: { Auth: session.token, Sid: session.sid, 'neo-fin-key': 'neotradeapi', 'Content-Type': 'application/x-www-form-urlencoded' }, body });
    expect(await answer.json()).toEqual({ stat: 'Not_Ok', emsg: 'Market order with Algo Id not allowed', stCode: 1009 });
  });
});

describe('Kotak broker: bad answers, sessions, rate limits, lost responses', () => {
  it('turns an HTML page into a typed outcome-unknown error, never a crash', async () => {
    const broker = await setUp();
    server.fault('/quick/order/rule/ms/place', { kind: 'html' });
    const error = await broker.place(limitBuy('html-1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KotakOutcomeUnknown);
    expect((error as KotakOutcomeUnknown).error).toMatchObject({ kind: 'broker-unavailable', status: 502, message: expect.stringMatching(/web page \("502 Bad Gateway"\)/) });
    server.fault('/quick/user/orders', { kind: 'html', status: 200 });
    await expect(broker.pollOnce()).rejects.toThrow(/order book cannot be read: HTTP 200: the broker answered with a web page/);
  });

  it('signals an expired session once, refuses orders until a new login, then works again', async () => {
    const broker = await setUp();
    server.expireSessions();
    const refused = await broker.place(limitBuy('late-1'));
    expect(refused).toMatchObject({ ok: false, reason: expect.stringContaining(SESSION_EXPIRED_MESSAGE) });
    expect(await broker.place(limitBuy('late-2'))).toMatchObject({ ok: false, reason: SESSION_EXPIRED_MESSAGE });
    await expect(broker.pollOnce()).rejects.toThrow(/no session/);
    expect(expiredSignals).toEqual([SESSION_EXPIRED_MESSAGE]);
    expect(server.placed()).toHaveLength(0);
    session = await logIn(server); // the trader logs in again; the store now holds a new session
    expect(await broker.place(limitBuy('late-3'))).toMatchObject({ ok: true });
  });

  it('treats a stored session past its day as expired without asking Kotak', async () => {
    const broker = await setUp({}, { clock: () => Date.now() + 2 * 86_400_000 });
    expect(await broker.place(limitBuy('old-1'))).toMatchObject({ ok: false, reason: SESSION_EXPIRED_MESSAGE });
    expect(expiredSignals).toHaveLength(1);
    expect(server.received).toHaveLength(0);
  });

  it('surfaces Kotak\'s 429 as a refusal, and its own limiter avoids it', async () => {
    const greedy = await setUp({ ordersPerSecond: 2 }, { ordersPerSecond: 50 });
    const results = await Promise.all([1, 2, 3].map((n) => greedy.place(limitBuy(`burst-${n}`))));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, reason: expect.stringMatching(/rate limit refused.*Message throttled out/) });
    await server.stop();

    const polite = await setUp({ ordersPerSecond: 2 }, { ordersPerSecond: 2 });
    const paced = await Promise.all([1, 2, 3].map((n) => polite.place(limitBuy(`paced-${n}`))));
    expect(paced.every((r) => r.ok)).toBe(true);
    expect(server.placed()).toHaveLength(3);
  });

  it('after a dropped response finds the order by our id and never sends it again', async () => {
    const broker = await setUp();
    server.fault('/quick/order/rule/ms/place', { kind: 'drop-after' });
    await expect(broker.place(limitBuy('lost-1'))).rejects.toBeInstanceOf(KotakOutcomeUnknown);
    expect(server.placed()).toHaveLength(1);
    const found = await broker.orderStatus('lost-1');
    expect(found).toMatchObject({ clientOrderId: 'lost-1', brokerOrderId: [...server.venue.orders.keys()][0], quantity: 65, price: 2_412_350 });
    // A fresh adapter (after a restart) finds it too: the tag is computed from the id.
    const restarted = new KotakBroker({ loadSession: async () => session, onSessionExpired: () => {}, instrument: instrumentOf, log: silentLogger, pollIntervalMs: 0 });
    expect(await restarted.orderStatus('lost-1')).toMatchObject({ brokerOrderId: found?.brokerOrderId });
    expect(server.placed()).toHaveLength(1);

    server.fault('/quick/order/rule/ms/place', { kind: 'drop' });
    await expect(broker.place(limitBuy('lost-2'))).rejects.toBeInstanceOf(KotakOutcomeUnknown);
    expect(await broker.orderStatus('lost-2')).toBeNull(); // never reached Kotak: the OMS may reject it
    server.fault('/quick/order/rule/ms/place', { kind: 'delay', ms: 300 });
    const slow = new KotakBroker({ loadSession: async () => session, onSessionExpired: () => {}, instrument: instrumentOf, log: silentLogger, pollIntervalMs: 0, timeoutMs: 50 });
    await expect(slow.place(limitBuy('slow-1'))).rejects.toThrow(/no answer within 50 ms/);
  });

  it('refuses what it cannot build without sending anything', async () => {
    const broker = await setUp();
    expect(await broker.place(limitBuy('x-1', { token: 999 }))).toMatchObject({ ok: false, reason: expect.stringMatching(/No instrument with token 999/) });
    expect(await broker.modify({ clientOrderId: 'unknown', brokerOrderId: '1', ...REGULAR, price: 100 })).toMatchObject({ ok: false });
    expect(server.received).toHaveLength(0);
  });
});
