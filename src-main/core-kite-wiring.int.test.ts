/**
 * The Kite adapters wired through the real composition root (createCore: embedded
 * PostgreSQL, secrets, market, OMS) against the local Kite test server: the morning
 * drill fills `instruments`, ticks reach the quotes, an order reaches the server and
 * its fill comes back as a trade, and an expired session becomes brokers.sessionExpired.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallOutcome } from '../src-shared/contract/wire';
import type { CallContext } from './api/registry';
import { createCore, type Core } from './core';
import { testLogger } from './testing/kits/logger';
import { INFY_TOKEN, QUOTE_INFY } from './testing/venues/kite/fixtures';
import { KiteTestServer } from './testing/venues/kite/server';

const ctx: CallContext = { transport: 'test' };
const PASS = 'a long kite wiring passphrase';
const CSV = [
  'instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange',
  `${INFY_TOKEN},1594,INFY,INFOSYS,0,,0,0.05,1,EQ,NSE,NSE`,
  '13238786,51714,NIFTY26JANFUT,NIFTY,0,2026-01-27,0,0.1,65,FUT,NFO-FUT,NFO',
].join('\n');

let dir: string;
let server: KiteTestServer;
let core: Core | null = null;
const events: Array<{ event: string; payload: unknown }> = [];

async function until(check: () => boolean | Promise<boolean>, what: string, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function coreWith(broker: 'paper' | 'kite', locked = false): Core {
  return createCore(
    {
      dataDir: dir,
      mode: 'browser',
      appVersion: '0.0.0-test',
      dbPort: null,
      // Locked: no passphrase at start, as when the trader has not unlocked yet.
      secrets: locked ? {} : { passphrase: PASS },
      market: { feed: broker === 'kite' ? 'kite' : 'replay', replayDay: '2026-01-20' },
      broker: { kind: broker, accountId: 'main', kite: { restRoot: server.restRoot, wsUrl: server.wsUrl } },
    },
    testLogger(),
  );
}

async function call(method: string, args: unknown): Promise<CallOutcome> {
  if (!core) throw new Error('no core');
  return core.dispatch(method, args, ctx);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tickdesk-kite-wiring-'));
  server = await new KiteTestServer({ instrumentsCsv: CSV, heartbeatMs: 200 }).start();
  // Day 0: the trader sets the passphrase and saves the Kite account with today's token (paper core).
  const setup = coreWith('paper');
  core = setup;
  await setup.start();
  await setup.brokerSecrets.store.save({
    broker: 'kite',
    accountId: 'main',
    fields: { apiKey: server.apiKey, apiSecret: server.apiSecret, accessToken: server.issueAccessToken(), accessTokenExpiresAt: String(Date.now() + 3_600_000) },
  });
  await setup.stop();
  // Then Tickdesk runs on Kite.
  core = coreWith('kite');
  core.onEvent((event, payload) => events.push({ event, payload }));
  await core.start();
}, 120_000);

afterAll(async () => {
  await core?.stop();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

describe('Kite wired into the core', () => {
  it('syncs the instrument master from the server into instruments (the morning drill)', async () => {
    if (!core) throw new Error('no core');
    const rows = await core.db.kysely().selectFrom('instruments').select(['instrument_token', 'tradingsymbol', 'lot_size', 'broker']).where('broker', '=', 'kite').orderBy('instrument_token').execute();
    expect(rows.map((r) => [Number(r.instrument_token), r.tradingsymbol, r.lot_size])).toEqual([
      [INFY_TOKEN, 'INFY', 1],
      [13_238_786, 'NIFTY26JANFUT', 65],
    ]);
    expect(core.market.instruments().has(INFY_TOKEN)).toBe(true);
    expect(core.market.health().simulated).toBe(false);
  });

  it('the start-up drill pushed its progress (rising counts, ending on done) and its report', () => {
    const progress = events.filter((e) => e.event === 'brokers.drillProgress').map((e) => e.payload as { broker: string; phase: string; done: number; total: number | null });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.every((p) => p.broker === 'kite')).toBe(true);
    expect(progress[0]).toMatchObject({ phase: 'download', done: 0, total: null });
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: 2, total: 2 });
    const done = progress.map((p) => p.done);
    expect([...done].sort((a, b) => a - b)).toEqual(done);
    const finished = events.filter((e) => e.event === 'brokers.drillFinished');
    expect(finished).toHaveLength(1);
    expect(finished[0]?.payload).toEqual({
      reports: [{ broker: 'kite', ok: true, at: expect.any(Number), error: null, summary: { rows: 2, upserted: 2, inserted: expect.any(Number), updated: expect.any(Number), bad: 0, unsupported: 0, segments: null } }],
    });
    // The finished event comes after the last progress, so a window never ends on a stale bar.
    expect(events.findIndex((e) => e.event === 'brokers.drillFinished')).toBeGreaterThan(events.findLastIndex((e) => e.event === 'brokers.drillProgress'));
  });

  it('brokers.drillStatus reports the broker, the last drill and the next daily one', async () => {
    const status = await call('brokers.drillStatus', {});
    if (!status.ok) throw new Error(status.error.message);
    expect(status.result).toMatchObject({ brokers: ['kite'], running: false, progress: [], reports: [{ broker: 'kite', ok: true, summary: { rows: 2 } }] });
    const nextAt = (status.result as { nextAt: number | null }).nextAt;
    expect(nextAt).toBeGreaterThan(Date.now());
    expect(nextAt).toBeLessThanOrEqual(Date.now() + 86_400_000);
  });

  it('brokers.drill downloads the master now; a second call while it runs joins it', async () => {
    const before = server.log.filter((r) => r.path === '/instruments').length;
    server.faults.delayMs = 300;
    const seen = events.length;
    const [first, second] = await Promise.all([call('brokers.drill', {}), call('brokers.drill', {})]);
    server.faults.delayMs = 0;
    expect(first).toMatchObject({ ok: true, result: { reports: [{ broker: 'kite', ok: true, summary: { rows: 2, upserted: 2, inserted: 0, updated: 2 } }] } });
    expect(second).toEqual(first);
    expect(server.log.filter((r) => r.path === '/instruments').length - before).toBe(1);
    const progress = events.slice(seen).filter((e) => e.event === 'brokers.drillProgress').map((e) => e.payload as { phase: string; done: number });
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: 2 });
    expect(events.slice(seen).filter((e) => e.event === 'brokers.drillFinished')).toHaveLength(1);
  });

  it('a drill answered with an HTML error page reports ok:false with a readable error; the instruments stay', async () => {
    const seen = events.length;
    server.faults.htmlPages = 1;
    const outcome = await call('brokers.drill', {});
    expect(outcome).toMatchObject({ ok: true, result: { reports: [{ broker: 'kite', ok: false, summary: null }] } });
    const report = outcome.ok ? (outcome.result as { reports: Array<{ error: string | null }> }).reports[0] : undefined;
    expect(report?.error).toBe('HTTP 502: the broker answered with a web page ("502 Bad Gateway") instead of data');
    const progress = events.slice(seen).filter((e) => e.event === 'brokers.drillProgress').map((e) => e.payload as { phase: string });
    expect(progress.at(-1)).toMatchObject({ phase: 'failed' });
    expect(events.slice(seen).find((e) => e.event === 'brokers.drillFinished')?.payload).toMatchObject({ reports: [{ broker: 'kite', ok: false }] });
    const status = await call('brokers.drillStatus', {});
    expect(status).toMatchObject({ ok: true, result: { reports: [{ broker: 'kite', ok: false }] } });
    const k = core?.db.kysely();
    if (!k) throw new Error('no core');
    expect(await k.selectFrom('instruments').select('tradingsymbol').where('broker', '=', 'kite').execute()).toHaveLength(2);
  });

  it('ticks from the Kite ticker reach the quotes', async () => {
    await until(() => server.ticker.connections.size > 0, 'the ticker connection');
    // A broker's feed streams what the trader follows (market-service-impl.ts), not the whole master.
    expect(await call('watchlist.add', { token: INFY_TOKEN })).toMatchObject({ ok: true });
    await until(async () => {
      server.ticker.sendPackets([QUOTE_INFY]);
      const quotes = await call('market.quotes', { tokens: [INFY_TOKEN] });
      return JSON.stringify(quotes).includes('154275');
    }, 'the INFY quote');
    expect(core?.market.latestQuote(INFY_TOKEN)?.ltp).toBe(154_275);
  });

  it('an order placed through the contract reaches the server and its fill comes back', async () => {
    const placed = await call('orders.place', {
      clientOrderId: 'kite-wiring-1', token: INFY_TOKEN, side: 'BUY', orderType: 'L', product: 'MIS', validity: 'DAY', quantity: 3, price: 154_250, triggerPrice: null,
    });
    expect(placed).toMatchObject({ ok: true });
    const sent = server.log.find((r) => r.method === 'POST' && r.path === '/orders/regular');
    expect(sent).toMatchObject({ form: { tradingsymbol: 'INFY', exchange: 'NSE', transaction_type: 'BUY', quantity: '3', order_type: 'LIMIT', price: '1542.50' }, status: 200 });
    const order = [...server.book.orders.values()][0];
    if (!order) throw new Error('no order at the server');
    server.book.fill(order.order_id, 3, 1542.5);
    const k = core?.db.kysely();
    if (!k) throw new Error('no core');
    await until(async () => (await k.selectFrom('fills').select('fill_id').execute()).length === 1, 'the fill in the trade book');
    const positions = await call('positions.list', {});
    expect(JSON.stringify(positions)).toContain(`"token":${INFY_TOKEN}`);
  });

  it('a session expired at the server becomes brokers.sessionExpired', async () => {
    expect(events.some((e) => e.event === 'brokers.sessionExpired')).toBe(false);
    server.expireSession();
    const refused = await call('orders.place', {
      clientOrderId: 'kite-wiring-2', token: INFY_TOKEN, side: 'BUY', orderType: 'L', product: 'MIS', validity: 'DAY', quantity: 1, price: 154_250, triggerPrice: null,
    });
    expect(refused.ok).toBe(true);
    await until(() => events.some((e) => e.event === 'brokers.sessionExpired'), 'the sessionExpired event');
    expect(events.find((e) => e.event === 'brokers.sessionExpired')?.payload).toMatchObject({ broker: 'kite', accountId: 'main' });
  });

  it('after a start with the secrets locked, unlocking in Settings opens the Kite feed without a restart', async () => {
    if (!core) throw new Error('no core');
    // A fresh token for tomorrow's start (the one before was expired above).
    await core.brokerSecrets.store.save({
      broker: 'kite',
      accountId: 'main',
      fields: { apiKey: server.apiKey, apiSecret: server.apiSecret, accessToken: server.issueAccessToken(), accessTokenExpiresAt: String(Date.now() + 3_600_000) },
    });
    await core.stop();
    await until(() => server.ticker.connections.size === 0, 'the old ticker connection to close');
    core = coreWith('kite', true);
    await core.start();
    await until(() => core?.market.health().lastError !== null, 'the health line');
    const waiting = core.market.health();
    expect(waiting.connected).toBe(false);
    expect(waiting.lastError).toMatch(/locked: unlock them in Settings/);
    // The stored master is the universe while it waits.
    expect(core.market.instruments().has(INFY_TOKEN)).toBe(true);
    expect(server.ticker.connections.size).toBe(0);

    // The start-up drill could not read the account; today's master has a new expiry's contract.
    expect(await call('brokers.drillStatus', {})).toMatchObject({ ok: true, result: { reports: [{ broker: 'kite', ok: false }] } });
    const NEW_EXPIRY = 13_238_787;
    server.instrumentsCsv = `${CSV}\n${NEW_EXPIRY},51715,NIFTY26FEBFUT,NIFTY,0,2026-02-24,0,0.1,65,FUT,NFO-FUT,NFO`;
    expect(core.market.instruments().has(NEW_EXPIRY)).toBe(false);

    expect(await call('brokers.unlock', { passphrase: PASS })).toMatchObject({ ok: true, result: { locked: false } });
    // The failed drill runs again by itself, and the market streams the new master without a restart.
    await until(async () => {
      const status = await call('brokers.drillStatus', {});
      return status.ok && (status.result as { reports: Array<{ ok: boolean }> }).reports[0]?.ok === true;
    }, 'the drill to run again after the unlock');
    await until(() => core?.market.instruments().has(NEW_EXPIRY) === true, 'the new contract in the market universe');
    await until(() => server.ticker.connections.size > 0, 'the ticker connection after the unlock');
    await until(() => core?.market.health().connected === true, 'the feed to report connected');
    expect(await call('watchlist.add', { token: INFY_TOKEN })).toMatchObject({ ok: true });
    await until(async () => {
      server.ticker.sendPackets([QUOTE_INFY]);
      return core?.market.latestQuote(INFY_TOKEN)?.ltp === 154_275;
    }, 'the INFY quote through the reopened feed');
  });
});
