import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../../testing/kits/database';
import { KiteTestServer } from '../../../testing/venues/kite/server';
import { KiteRequestFailed } from './kite-rest';
import { KiteSession } from './kite-session';
import { msUntilNextDrill, syncKiteInstruments, type SyncProgress } from './instrument-sync';

const HEADER = 'instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange';
const CSV = [
  HEADER,
  '408065,1594,INFY,INFOSYS,0,,0,0.05,1,EQ,NSE,NSE',
  '13238786,51714,NIFTY26JANFUT,NIFTY,0,2026-01-27,0,0.1,65,FUT,NFO-FUT,NFO',
  '12345602,48225,NIFTY26JAN23500CE,NIFTY,0,2026-01-27,23500,0.05,65,CE,NFO-OPT,NFO',
  '256265,1001,NIFTY 50,NIFTY 50,0,,0,0,0,EQ,INDICES,NSE',
  'not,a,row',
  '99,1,BROKEN,X,0,,0,0.05,0,EQ,NSE,NSE',
].join('\n');

let db: TestDatabase;
let server: KiteTestServer;

beforeAll(async () => {
  db = await startTestDatabase();
  server = await new KiteTestServer({ instrumentsCsv: CSV }).start();
});
afterAll(async () => {
  await server?.close();
  await db?.cleanup();
});

describe('Kite morning drill', () => {
  it('downloads, counts bad rows, upserts and keeps an existing freeze quantity', async () => {
    const session = new KiteSession({ apiKey: server.apiKey, accessToken: server.issueAccessToken() });
    const k = db.service.kysely();
    const steps: SyncProgress[] = [];
    const first = await syncKiteInstruments({ restRoot: server.restRoot, session, db: k, onProgress: (p) => steps.push(p) });
    expect(first).toMatchObject({ rows: 6, inserted: 4, updated: 0, bad: 2 });
    expect(steps.map((s) => s.phase)).toEqual(['download', 'parse', 'upsert', 'done']);

    await k.updateTable('instruments').set({ freeze_qty: 1_800 }).where('instrument_token', '=', '13238786').execute();
    server.instrumentsCsv = CSV.replace('0.1,65,FUT', '0.1,75,FUT');
    const second = await syncKiteInstruments({ restRoot: server.restRoot, session, db: k });
    expect(second).toMatchObject({ inserted: 0, updated: 4 });
    const fut = await k.selectFrom('instruments').selectAll().where('instrument_token', '=', '13238786').executeTakeFirstOrThrow();
    expect({ lot: fut.lot_size, freeze: fut.freeze_qty, tick: fut.tick_size, expiry: fut.expiry, broker: fut.broker }).toEqual({
      lot: 75, freeze: 1_800, tick: '0.1000', expiry: '2026-01-27', broker: 'kite',
    });
    const ce = await k.selectFrom('instruments').select(['strike', 'segment']).where('tradingsymbol', '=', 'NIFTY26JAN23500CE').executeTakeFirstOrThrow();
    expect(ce).toEqual({ strike: '23500.00', segment: 'NFO-OPT' });
  });

  it('an HTML page instead of the dump is a typed error', async () => {
    const session = new KiteSession({ apiKey: server.apiKey, accessToken: server.issueAccessToken() });
    server.faults.htmlPages = 1;
    const error = await syncKiteInstruments({ restRoot: server.restRoot, session, db: db.service.kysely() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KiteRequestFailed);
    expect((error as Error).message).toMatch(/web page/);
  });

  it('replaces a symbol the simulated universe stored under another token, keeping its freeze quantity', async () => {
    // A data folder that started in paper mode holds INFY and the future under made-up tokens.
    const k = db.service.kysely();
    await k.deleteFrom('instruments').execute();
    await k.insertInto('instruments').values([
      { instrument_token: '9001', exchange_token: '1', tradingsymbol: 'INFY', name: 'INFOSYS', exchange: 'NSE', segment: 'NSE', instrument_type: 'EQ', lot_size: 1, tick_size: '0.05', freeze_qty: null, broker: 'simulated' },
      { instrument_token: '9002', exchange_token: '2', tradingsymbol: 'NIFTY26JANFUT', name: 'NIFTY', exchange: 'NFO', segment: 'NFO-FUT', instrument_type: 'FUT', expiry: '2026-01-27', lot_size: 65, tick_size: '0.10', freeze_qty: 1_800, broker: 'simulated' },
    ]).execute();
    const session = new KiteSession({ apiKey: server.apiKey, accessToken: server.issueAccessToken() });
    server.instrumentsCsv = CSV;
    const summary = await syncKiteInstruments({ restRoot: server.restRoot, session, db: k });
    expect(summary).toMatchObject({ inserted: 4, updated: 0 });
    const rows = await k.selectFrom('instruments').select(['instrument_token', 'tradingsymbol', 'freeze_qty', 'broker']).orderBy('tradingsymbol').execute();
    expect(rows.filter((r) => r.tradingsymbol === 'INFY' || r.tradingsymbol === 'NIFTY26JANFUT')).toEqual([
      { instrument_token: '408065', tradingsymbol: 'INFY', freeze_qty: null, broker: 'kite' },
      { instrument_token: '13238786', tradingsymbol: 'NIFTY26JANFUT', freeze_qty: 1_800, broker: 'kite' },
    ]);
    expect(rows.some((r) => r.instrument_token === '9001' || r.instrument_token === '9002')).toBe(false);
  });

  it('schedules the next drill at 08:00 IST', () => {
    expect(msUntilNextDrill(Date.UTC(2026, 0, 20, 2, 0))).toBe(30 * 60_000);
    expect(msUntilNextDrill(Date.UTC(2026, 0, 20, 3, 0))).toBe(23.5 * 3_600_000);
  });
});
