/**
 * Kotak through the selection module as core.ts builds it: the OMS's broker factory
 * refuses with a clear reason while the account is missing (never the paper broker),
 * and once the account and its session are stored, an order reaches the Kotak test server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instrument } from '../../../src-shared/domain/instrument';
import { startTestDatabase, type TestDatabase } from '../../db/test-harness';
import { testLogger } from '../../db/test-log';
import { BrokerSecrets } from '../../secrets/broker-secrets';
import { sessionFields } from '../kotak/adapter/session';
import { ACCOUNT, NIFTY_FUT, limitBuy, logIn, startKotakServer } from '../kotak/test-server/fixtures';
import type { KotakTestServer } from '../kotak/test-server/kotak-test-server';
import { resolveBrokerConfig } from './broker-config';
import { createBrokerSelection } from './broker-selection';

let db: TestDatabase;
let server: KotakTestServer;
let secrets: BrokerSecrets;

const universe = new Map<number, Instrument>([
  [NIFTY_FUT.token, { ...NIFTY_FUT, name: 'NIFTY', segment: 'NFO-FUT', instrumentType: 'FUT', expiry: '2026-01-27', strike: null, lotSize: 65, freezeQty: 1_800 } as Instrument],
]);

beforeAll(async () => {
  db = await startTestDatabase();
  server = await startKotakServer();
  secrets = new BrokerSecrets({ dataDir: db.dataDir, pool: () => db.service.pool(), keyring: null, passphrase: 'kotak wiring passphrase', log: testLogger() });
  await secrets.start();
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await db?.cleanup();
});

describe('Kotak broker wiring', () => {
  it('refuses orders while the account is missing, then places through the test server', async () => {
    const selection = createBrokerSelection({
      config: resolveBrokerConfig({ kind: 'kotak', accountId: 'neo', kotak: { loginUrl: server.loginUrl } }),
      feed: 'simulated',
      secrets,
      db: () => db.service.kysely(),
      instruments: () => universe,
      log: testLogger(),
      kotakPollMs: 0,
    });
    expect(secrets.login.handler('kotak')?.input).toBe('totp');
    expect(selection.kiteFeed).toBeUndefined();
    const factory = selection.broker;
    if (!factory) throw new Error('no broker factory for kotak');
    const broker = factory(db.service.pool());
    expect(broker.name).toBe('kotak');
    await broker.start();

    const refused = await broker.place(limitBuy('kotak-1'));
    expect(refused).toMatchObject({ ok: false, reason: 'Kotak account "neo" is not set up: add it in Settings' });
    expect(server.placed()).toEqual([]);

    const session = await logIn(server);
    await secrets.store.save({ broker: 'kotak', accountId: 'neo', fields: { consumerKey: ACCOUNT.consumerKey, mobile: ACCOUNT.mobile, ucc: ACCOUNT.ucc, mpin: ACCOUNT.mpin, ...sessionFields(session) } });
    // The refusal retried the store in the background; the next order goes.
    let placed = await broker.place(limitBuy('kotak-2'));
    for (let i = 0; i < 50 && !placed.ok; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      placed = await broker.place(limitBuy(`kotak-2-${i}`));
    }
    expect(placed).toMatchObject({ ok: true });
    expect(server.placed()).toHaveLength(1);
    expect(server.placed()[0]).toMatchObject({ ts: 'NIFTY26JANFUT', tt: 'B', qt: '65' });

    await broker.stop();
    await selection.stop();
    expect(secrets.login.handler('kotak')).toBeNull();
  });

  it('rejects a bad configuration with a clear message', () => {
    expect(() => resolveBrokerConfig({ kind: 'zerodha' as 'kite', accountId: 'x' })).toThrow(/broker\.kind/);
    expect(() => resolveBrokerConfig({ kind: 'kite', accountId: 'x', kite: { restRoot: 'ftp://nope', wsUrl: 'wss://ws.kite.trade' } })).toThrow(/Kite REST root must be a https: or http: URL/);
  });
});
