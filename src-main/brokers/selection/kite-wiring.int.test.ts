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
import type { CallOutcome } from '../../../src-shared/contract/wire';
import type { CallContext } from '../../api/registry';
import { createCore, type Core } from '../../core';
import { testLogger } from '../../db/test-log';
import { INFY_TOKEN, QUOTE_INFY } from '../kite/ticker-fixtures';
import { KiteTestServer } from '../kite/test-server/kite-test-server';

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

function coreWith(broker: 'paper' | 'kite'): Core {
  return createCore(
    {
      dataDir: dir,
      mode: 'browser',
      appVersion: '0.0.0-test',
      dbPort: null,
      secrets: { passphrase: PASS },
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
});
