/**
 * Kotak through the selection module as core.ts builds it: the OMS's broker factory
 * refuses with a clear reason while the account is missing (never the paper broker),
 * and once the account and its session are stored, an order reaches the Kotak test server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instrument } from '../../../src-shared/domain/instrument';
import { startTestDatabase, type TestDatabase } from '../../testing/kits/database';
import { testLogger } from '../../testing/kits/logger';
import { BrokerSecrets } from '../../secrets/broker-secrets';
import { sessionFields } from '../kotak/adapter/session';
import { ACCOUNT, NIFTY_FUT, limitBuy, logIn, startKotakServer } from '../../testing/venues/kotak/fixtures';
import type { KotakTestServer } from '../../testing/venues/kotak/server';
import { resolveBrokerConfig } from './broker-config';
import { createBrokerSelection, type DrillReport } from './broker-selection';
import type { DrillProgress } from './drill-progress';
import { FakeQuoteSource } from '../../testing/fakes/quote-source';

// Kotak's scrip master: NSE files count expiry seconds from 1980-01-01 00:00 IST; an expiry a month ahead stays plausible.
const expiry = new Date(Date.now() + 30 * 86_400_000);
const EXPIRY_SECONDS = (Date.UTC(expiry.getUTCFullYear(), expiry.getUTCMonth(), expiry.getUTCDate(), 14, 30) - Date.UTC(1980, 0, 1)) / 1000;
const HEADER = 'pSymbol,pExchSeg,pInstType,pSymbolName,pTrdSymbol,pOptionType,pISIN,pDesc,lLotSize,lExpiryDate,lFreezeQty,dTickSize ,dStrikePrice;';
const SCRIP_FILES = {
  'nse_fo.csv': [
    HEADER,
    `51714,nse_fo,FUTIDX,NIFTY,NIFTYTESTFUT,XX,,NIFTY FUT,65,${EXPIRY_SECONDS},1800,10.000000,-1`,
    `51720,nse_fo,OPTIDX,NIFTY,NIFTYTEST24000CE,CE,,NIFTY CE,65,${EXPIRY_SECONDS},1800,5.000000,2400000.000000`,
    `51721,nse_fo,OPTIDX,NIFTY,BROKENLOT,CE,,x,abc,${EXPIRY_SECONDS},1800,5,2400000`,
    '',
  ].join('\n'),
  'nse_cm-v1.csv': [HEADER, '2885,nse_cm,,RELIANCE,RELIANCE-EQ,,INE002A01018,Reliance,1,0,0,10.000000,0', ''].join('\n'),
};

let db: TestDatabase;
let server: KotakTestServer;
let secrets: BrokerSecrets;

const universe = new Map<number, Instrument>([
  [NIFTY_FUT.token, { ...NIFTY_FUT, name: 'NIFTY', segment: 'NFO-FUT', instrumentType: 'FUT', expiry: '2026-01-27', strike: null, lotSize: 65, freezeQty: 1_800 } as Instrument],
]);

beforeAll(async () => {
  db = await startTestDatabase();
  server = await startKotakServer({ scripFiles: SCRIP_FILES });
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
      quotes: () => new FakeQuoteSource([]),
      log: testLogger(),
      kotakPollMs: 0,
    });
    expect(secrets.login.handler('kotak')?.input).toBe('totp');
    expect(selection.brokerFeed).toBeUndefined();
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

  it('the drill downloads the scrip master with rising progress and a report; an HTML error page is a readable failure', async () => {
    const progress: DrillProgress[] = [];
    const finished: Array<readonly DrillReport[]> = [];
    const selection = createBrokerSelection({
      config: resolveBrokerConfig({ kind: 'kotak', accountId: 'neo', kotak: { loginUrl: server.loginUrl } }),
      feed: 'simulated',
      secrets,
      db: () => db.service.kysely(),
      instruments: () => universe,
      quotes: () => new FakeQuoteSource([]),
      log: testLogger(),
      kotakPollMs: 0,
      // Every step, unthrottled, so the counts can be checked one by one.
      drillProgressMs: 0,
      onDrillProgress: (p) => progress.push(p),
      onDrillFinished: (reports) => finished.push(reports),
    });
    expect(selection.drillState()).toMatchObject({ brokers: ['kotak'], running: false, reports: [] });

    const reports = await selection.runDrill();
    expect(reports).toEqual([
      { broker: 'kotak', ok: true, at: expect.any(Number), error: null, summary: { rows: 4, upserted: 3, inserted: null, updated: null, bad: 1, unsupported: 0, segments: 2 } },
    ]);
    expect(finished).toEqual([reports]);
    expect(progress[0]).toMatchObject({ broker: 'kotak', phase: 'download', segment: null, done: 0 });
    for (const segment of ['nse_fo', 'nse_cm']) {
      const steps = progress.filter((p) => p.segment === segment);
      const counts = steps.map((p) => p.done);
      expect([...counts].sort((a, b) => a - b)).toEqual(counts);
      expect(steps.at(-1)).toMatchObject({ phase: 'done', done: segment === 'nse_fo' ? 3 : 1, total: segment === 'nse_fo' ? 3 : 1 });
    }
    expect(selection.drillState()).toMatchObject({ running: false, progress: [], reports });
    const stored = await db.service.kysely().selectFrom('instruments').select('tradingsymbol').where('broker', '=', 'kotak').orderBy('tradingsymbol').execute();
    expect(stored.map((r) => r.tradingsymbol)).toEqual(['NIFTYTEST24000CE', 'NIFTYTESTFUT', 'RELIANCE-EQ']);

    // The gateway answers the file list with its HTML error page: a failed report that says so, nothing thrown.
    progress.length = 0;
    server.fault('/masterscrip/file-paths', { kind: 'html', status: 502 });
    const failed = await selection.runDrill();
    expect(failed).toEqual([{ broker: 'kotak', ok: false, at: expect.any(Number), summary: null, error: 'Kotak\'s scrip master list: HTTP 502: the broker answered with a web page ("502 Bad Gateway") instead of data' }]);
    expect(progress.at(-1)).toMatchObject({ broker: 'kotak', phase: 'failed' });
    expect(finished.at(-1)).toEqual(failed);
    expect(selection.drillState().reports).toEqual(failed);
    await selection.stop();
  });

  it('rejects a bad configuration with a clear message', () => {
    expect(() => resolveBrokerConfig({ kind: 'zerodha' as 'kite', accountId: 'x' })).toThrow(/broker\.kind/);
    expect(() => resolveBrokerConfig({ kind: 'kite', accountId: 'x', kite: { restRoot: 'ftp://nope', wsUrl: 'wss://ws.kite.trade' } })).toThrow(/Kite REST root must be a https: or http: URL/);
  });
});
