/**
 * The Kotak feed through the selection module as core.ts builds it, against the local
 * Kotak REST server (login, scrip master) and the local HSM server: the morning drill
 * fills `instruments` from Kotak's master, the market's feed is the Kotak feed on the
 * stored session, and a subscribed scrip's SNAP and UPDATE arrive as normalised ticks.
 * Without the account the feed says why instead of passing off another market as Kotak's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../testing/kits/database';
import { testLogger } from '../../testing/kits/logger';
import { tickAt } from '../../market/ingest/tick-columns';
import { BrokerSecrets } from '../../secrets/broker-secrets';
import type { TickBatch } from '../../market/feed-port';
import { sessionFields } from '../kotak/adapter/session';
import { SCRIP_FIELD } from '../kotak/hsm/hsm-protocol';
import { ACCOUNT, logIn, startKotakServer } from '../../testing/venues/kotak/fixtures';
import { HsmTestServer } from '../../testing/venues/kotak/hsm-server';
import type { KotakTestServer } from '../../testing/venues/kotak/server';
import { brokerSettingsOf, resolveBrokerConfig } from './broker-config';
import { createBrokerSelection } from './broker-selection';
import { FakeQuoteSource } from '../../testing/fakes/quote-source';

const HEADER = 'pSymbol,pExchSeg,pInstType,pSymbolName,pTrdSymbol,pOptionType,pISIN,pDesc,lLotSize,lExpiryDate,lFreezeQty,dTickSize ,dStrikePrice;';
const NSE_CM = [
  HEADER,
  '2885,nse_cm,,RELIANCE,RELIANCE-EQ,,INE002A01018,Reliance,1,0,0,10.000000,0',
  '11536,nse_cm,,TCS,TCS-EQ,,INE467B01029,TCS,1,0,0,10.000000,0',
  '',
].join('\n');
const RELIANCE = 2885 * 256 + 1;
const TCS = 11536 * 256 + 1;

let db: TestDatabase;
let rest: KotakTestServer;
let hsm: HsmTestServer;
let secrets: BrokerSecrets;

beforeAll(async () => {
  db = await startTestDatabase();
  rest = await startKotakServer({ scripFiles: { 'nse_cm-v1.csv': NSE_CM } });
  hsm = await HsmTestServer.start();
  secrets = new BrokerSecrets({ dataDir: db.dataDir, pool: () => db.service.pool(), keyring: null, passphrase: 'kotak feed wiring passphrase', log: testLogger() });
  await secrets.start();
}, 60_000);
afterAll(async () => {
  await hsm?.close();
  await rest?.stop();
  await db?.cleanup();
});

async function until(check: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const selectionFor = (accountId: string, kind: 'kotak' | 'paper' = 'kotak') =>
  createBrokerSelection({
    config: resolveBrokerConfig({ kind, accountId, kotak: { loginUrl: rest.loginUrl, hsmUrl: hsm.url } }),
    feed: 'kotak',
    secrets,
    db: () => db.service.kysely(),
    instruments: () => new Map(),
    quotes: () => new FakeQuoteSource([]),
    log: testLogger(),
    kotakPollMs: 0,
  });

describe('Kotak feed wiring', () => {
  it('the drill fills the master, and the selected feed streams Kotak ticks on the stored session', async () => {
    const session = await logIn(rest);
    hsm.addSession(session.token, session.sid);
    await secrets.store.save({ broker: 'kotak', accountId: 'neo', fields: { consumerKey: ACCOUNT.consumerKey, mobile: ACCOUNT.mobile, ucc: ACCOUNT.ucc, mpin: ACCOUNT.mpin, ...sessionFields(session) } });

    const selection = selectionFor('neo');
    expect(selection.brokerFeed?.name).toBe('kotak');
    expect(secrets.login.handler('kotak')?.input).toBe('totp');
    await selection.start();
    expect(selection.lastDrill()).toMatchObject([{ broker: 'kotak', ok: true }]);

    const feed = await selection.brokerFeed?.open();
    if (!feed) throw new Error('no Kotak feed');
    await feed.connect();
    try {
      expect(feed.name).toBe('kotak');
      expect(feed.simulated).toBe(false);
      expect(feed.status()).toEqual({ connected: true, error: null });
      expect(feed.instruments().map((i) => i.token).sort((a, b) => a - b)).toEqual([RELIANCE, TCS]);

      const batches: TickBatch[] = [];
      feed.onBatch((b) => batches.push(b));
      feed.subscribe([TCS, RELIANCE]);
      await until(() => hsm.subscribedScrips().length === 2, 'both scrips subscribed');
      expect(hsm.subscribedScrips().sort()).toEqual(['nse_cm|11536', 'nse_cm|2885']);

      hsm.push([
        { kind: 'scrip', segment: 'nse_cm', token: '11536', values: { [SCRIP_FIELD.VOLUME]: 500, [SCRIP_FIELD.LTP]: 412_350, [SCRIP_FIELD.MULTIPLIER]: 1, [SCRIP_FIELD.PRECISION]: 2 } },
        { kind: 'scrip', segment: 'nse_cm', token: '2885', values: { [SCRIP_FIELD.LTP]: 141_020 } },
      ]);
      hsm.push([{ kind: 'scrip', segment: 'nse_cm', token: '11536', values: { [SCRIP_FIELD.VOLUME]: 520, [SCRIP_FIELD.LTP]: 412_400 } }]);
      await until(() => batches.reduce((n, b) => n + b.verdicts.accepted, 0) === 3, 'three ticks');
      const ticks = batches.flatMap((b) => Array.from({ length: b.columns.count }, (_, i) => tickAt(b.columns, i)));
      expect(ticks.map((t) => [t.token, t.ltp, t.volume])).toEqual([[TCS, 412_350, 500], [RELIANCE, 141_020, 0], [TCS, 412_400, 520]]);
      expect(batches.every((b) => b.copy !== null)).toBe(true);
    } finally {
      await feed.disconnect();
      await selection.stop();
    }
    expect(secrets.login.handler('kotak')).toBeNull();
  });

  it('with another broker, the Kotak feed account still gets its morning drill', async () => {
    await db.service.kysely().deleteFrom('instruments').where('broker', '=', 'kotak').execute();
    const selection = createBrokerSelection({
      config: resolveBrokerConfig({ kind: 'paper', accountId: 'main', kotak: { loginUrl: rest.loginUrl, hsmUrl: hsm.url, feedAccountId: 'neo' } }),
      feed: 'kotak',
      secrets,
      db: () => db.service.kysely(),
      instruments: () => new Map(),
      quotes: () => new FakeQuoteSource([]),
      log: testLogger(),
    });
    await selection.start();
    try {
      expect(selection.lastDrill()).toMatchObject([{ broker: 'kotak', ok: true, summary: { upserted: 2 } }]);
      const stored = await db.service.kysely().selectFrom('instruments').select('tradingsymbol').where('broker', '=', 'kotak').orderBy('tradingsymbol').execute();
      expect(stored.map((r) => r.tradingsymbol)).toEqual(['RELIANCE-EQ', 'TCS-EQ']);
    } finally {
      await selection.stop();
    }
  });

  it('with the feed account missing, the feed says why and no socket is opened', async () => {
    const before = hsm.requests.length;
    const selection = createBrokerSelection({
      config: resolveBrokerConfig({ kind: 'paper', accountId: 'main', kotak: { loginUrl: rest.loginUrl, hsmUrl: hsm.url, feedAccountId: 'nobody' } }),
      feed: 'kotak',
      secrets,
      db: () => db.service.kysely(),
      instruments: () => new Map(),
      quotes: () => new FakeQuoteSource([]),
      log: testLogger(),
    });
    const feed = await selection.brokerFeed?.open();
    if (!feed) throw new Error('no Kotak feed');
    await feed.connect();
    expect(feed.status()).toEqual({ connected: false, error: 'Kotak account "nobody" is not set up: add it in Settings' });
    expect(hsm.requests.length).toBe(before);
    await feed.disconnect();
    await selection.stop();
  });

  it('takes --feed kotak and the HSM endpoint from the environment', () => {
    const settings = brokerSettingsOf({ broker: 'kotak', feed: 'kotak' }, { TICKDESK_KOTAK_HSM: 'ws://127.0.0.1:9/' });
    expect(settings.feed).toBe('kotak');
    expect(settings.broker.kotak.hsmUrl).toBe('ws://127.0.0.1:9/');
    expect(brokerSettingsOf({}, {}).broker.kotak.hsmUrl).toBe('wss://mlhsm.kotaksecurities.com');
    expect(() => brokerSettingsOf({ feed: 'upstox' }, {})).toThrow(/use simulated, kite or kotak/);
    expect(() => resolveBrokerConfig({ kotak: { hsmUrl: 'https://mlhsm.kotaksecurities.com' } })).toThrow(/Kotak market data URL must be a wss: or ws: URL/);
  });
});
