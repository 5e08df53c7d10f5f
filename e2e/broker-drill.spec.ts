/**
 * The morning drill as the trader meets it: `tickdesk serve` on the Kite broker,
 * pointed at the loopback Kite test server. The start-up drill fails (no account yet)
 * and Settings says why; the trader saves the account and logs in with the request token,
 * and the drill runs again by itself; "Download now" then fetches the master once more.
 */
import { test, expect } from '@playwright/test';
import { KiteTestServer } from '../src-main/testing/venues/kite/server';
import { startServerWithEnv } from './faults/fault-kit';
import { stopServer, type TickdeskServer } from './fixtures/tickdesk-server';
import { SettingsDialog } from './pages/settings-dialog';
import { TerminalPage } from './pages/terminal-page';

const CSV = [
  'instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange',
  '408065,1594,INFY,"INFOSYS",0,,0,0.05,1,EQ,NSE,NSE',
  '738561,2885,RELIANCE,"RELIANCE INDUSTRIES, LTD",0,,,0.1,1,EQ,NSE,NSE',
  '13238786,51714,NIFTY26JANFUT,"NIFTY",0,2026-01-27,0,0.1,65,FUT,NFO-FUT,NFO',
  'abc,1594,BROKEN,"X",0,,0,0.05,1,EQ,NSE,NSE',
  '315907,1234,USDINR26JANFUT,"USDINR",0,2026-01-28,0,0.0025,1,FUT,CDS-FUT,CDS',
  '',
].join('\n');
const REQUEST_TOKEN = 'e2eDrillRequest1';

let kite: KiteTestServer;
let app: TickdeskServer;

test.beforeAll(async () => {
  kite = await new KiteTestServer({ instrumentsCsv: CSV, requestTokens: [REQUEST_TOKEN] }).start();
  app = await startServerWithEnv({
    TICKDESK_BROKER: 'kite',
    // The default (simulated) feed, as a trader who started in paper mode has: its universe stores Kite's
    // symbols under synthetic tokens first, and the drill must replace those rows (it once failed on
    // instruments_exchange_symbol_key here).
    TICKDESK_KITE_REST: kite.restRoot,
    TICKDESK_KITE_WS: kite.wsUrl,
    TICKDESK_SECRETS_PASSPHRASE: 'a long e2e drill passphrase',
  });
});

test.afterAll(async () => {
  if (app) await stopServer(app);
  await kite?.close();
});

test('Settings shows the failed start-up drill, the drill again by itself after login, and "Download now"', async ({ page }) => {
  const terminal = new TerminalPage(page);
  await terminal.open(app.url);
  await terminal.expectDbReady();
  const settings = new SettingsDialog(page);
  await settings.open();

  const drill = settings.drill('kite');
  await expect(drill.outcome).toHaveText('failed');
  await expect(drill.error).toContainText('Kite account "main" is not set up: add it in Settings');
  await expect(drill.when).toContainText(/\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2} IST/);
  await expect(page.getByTestId('drill-next')).toContainText('08:00:00 IST');

  await settings.saveKiteAccount('main', kite.apiKey, kite.apiSecret);
  await expect(settings.saved).toContainText('Kite account “main” saved.');

  // Without today's session the download is refused with the reason, and the login prompt appears.
  await settings.drillNow.click();
  await expect(drill.error).toContainText('no Kite session: log in first');
  await settings.logInKite('main', REQUEST_TOKEN);
  await expect(settings.saved).toContainText('logged in');

  // The failed drill runs again by itself once the login makes the account readable.
  await expect(drill.outcome).toHaveText('ok');
  await expect(drill.summary).toHaveText('5 rows · 3 new, 0 updated · 1 bad row · 1 unsupported');
  await expect(drill.error).toHaveCount(0);
  const downloads = () => kite.log.filter((r) => r.path === '/instruments' && r.status === 200).length;
  expect(downloads()).toBe(1);

  // "Download now" fetches the master again: the same rows, now updates.
  await expect(settings.drillNow).toBeEnabled();
  await settings.drillNow.click();
  await expect(drill.summary).toHaveText('5 rows · 0 new, 3 updated · 1 bad row · 1 unsupported');
  await expect(settings.drillNow).toBeEnabled();
  expect(downloads()).toBe(2);
});
