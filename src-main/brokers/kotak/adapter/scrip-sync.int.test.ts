import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../../testing/kits/database';
import { silentLogger } from '../../../log';
import { ACCOUNT, startKotakServer } from '../../../testing/venues/kotak/fixtures';
import type { KotakTestServer } from '../../../testing/venues/kotak/server';
import { syncKotakScripMaster, type ScripProgress } from './scrip-sync';

/** NSE files count expiry seconds from 1980-01-01 00:00 IST. */
const nseSeconds = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d, 14, 30) - Date.UTC(1980, 0, 1)) / 1000;
// Kotak's header quirks: "dTickSize " with a space, "dStrikePrice;" with a semicolon.
const HEADER = 'pSymbol,pExchSeg,pInstType,pSymbolName,pTrdSymbol,pOptionType,pISIN,pDesc,lLotSize,lExpiryDate,lFreezeQty,dTickSize ,dStrikePrice;';
const NSE_FO = [
  HEADER,
  `51714,nse_fo,FUTIDX,NIFTY,NIFTY26JANFUT,XX,,NIFTY FUT,65,${nseSeconds(2026, 1, 27)},1800,10.000000,-1`,
  `51720,nse_fo,OPTIDX,NIFTY,NIFTY2612724000CE,CE,,NIFTY CE,65,${nseSeconds(2026, 1, 27)},1800,5.000000,2400000.000000`,
  `51721,nse_fo,OPTIDX,NIFTY,BROKENLOT,CE,,x,abc,${nseSeconds(2026, 1, 27)},1800,5,2400000`,
  '',
].join('\n');
const NSE_CM = [HEADER, '2885,nse_cm,,RELIANCE,RELIANCE-EQ,,INE002A01018,Reliance,1,0,0,10.000000,0', ''].join('\n');

let db: TestDatabase;
let server: KotakTestServer;
beforeAll(async () => {
  db = await startTestDatabase();
  server = await startKotakServer({ scripFiles: { 'nse_fo.csv': NSE_FO, 'nse_cm-v1.csv': NSE_CM, 'nse_com.csv': 'whatever', 'bse_fo.csv': 'not,a,master\n1,2,3\n' } });
}, 60_000);
afterAll(async () => {
  await server.stop();
  await db?.cleanup();
});

describe('Kotak morning drill', () => {
  it('downloads each segment, upserts instruments with the freeze quantity, counts bad rows, reports progress', async () => {
    const progress: ScripProgress[] = [];
    const run = () => syncKotakScripMaster({
      db: db.service.kysely(), baseUrl: server.baseUrl, consumerKey: ACCOUNT.consumerKey, today: '2026-01-20', log: silentLogger,
      batchSize: 1, onProgress: (p) => progress.push(p),
    });
    const result = await run();
    expect(result.upserted).toBe(3);
    expect(result.badRows).toBe(1);
    expect(result.skippedFiles).toEqual([expect.stringMatching(/nse_com\.csv$/)]);
    const bse = result.segments.find((s) => s.segment === 'bse_fo');
    expect(bse?.error).toMatch(/not a scrip master: .*missing columns/);
    expect(result.segments.find((s) => s.segment === 'nse_fo')?.summary?.problems[0]).toMatchObject({ line: 4, kind: 'bad-row' });
    expect(progress.filter((p) => p.phase === 'done').map((p) => p.segment).sort()).toEqual(['nse_cm', 'nse_fo']);
    expect(progress.find((p) => p.segment === 'bse_fo' && p.phase === 'failed')).toBeDefined();

    const rows = await db.service.kysely().selectFrom('instruments')
      .select(['instrument_token', 'exchange_token', 'tradingsymbol', 'exchange', 'instrument_type', 'expiry', 'strike', 'lot_size', 'tick_size', 'freeze_qty', 'broker'])
      .where('broker', '=', 'kotak').orderBy('tradingsymbol').execute();
    expect(rows).toEqual([
      { instrument_token: String(51720 * 256 + 2), exchange_token: '51720', tradingsymbol: 'NIFTY2612724000CE', exchange: 'NFO', instrument_type: 'CE', expiry: '2026-01-27', strike: '24000.00', lot_size: 65, tick_size: '0.0500', freeze_qty: 1800, broker: 'kotak' },
      { instrument_token: String(51714 * 256 + 2), exchange_token: '51714', tradingsymbol: 'NIFTY26JANFUT', exchange: 'NFO', instrument_type: 'FUT', expiry: '2026-01-27', strike: null, lot_size: 65, tick_size: '0.1000', freeze_qty: 1800, broker: 'kotak' },
      { instrument_token: String(2885 * 256 + 1), exchange_token: '2885', tradingsymbol: 'RELIANCE-EQ', exchange: 'NSE', instrument_type: 'EQ', expiry: null, strike: null, lot_size: 1, tick_size: '0.1000', freeze_qty: null, broker: 'kotak' },
    ]);

    // Tomorrow's drill: same rows again, a changed freeze quantity wins, nothing duplicates.
    server.options.scripFiles = { 'nse_fo.csv': NSE_FO.replace(',1800,10.000000', ',1755,10.000000') };
    await run();
    const fut = await db.service.kysely().selectFrom('instruments').select(['freeze_qty']).where('tradingsymbol', '=', 'NIFTY26JANFUT').executeTakeFirstOrThrow();
    expect(fut.freeze_qty).toBe(1755);
    const count = await db.service.kysely().selectFrom('instruments').select((eb) => eb.fn.countAll<string>().as('n')).where('broker', '=', 'kotak').executeTakeFirstOrThrow();
    expect(count.n).toBe('3');
  });

  it('says why when the file list cannot be had', async () => {
    await expect(syncKotakScripMaster({ db: db.service.kysely(), baseUrl: server.baseUrl, consumerKey: 'wrong', log: silentLogger })).rejects.toThrow(/HTTP 401/);
  });
});
