/**
 * A Kotak trader's first day, through the whole app: `tickdesk serve` with the Kotak
 * broker and the Kotak feed, pointed at the loopback Kotak REST test server (login,
 * scrip master) and the loopback HSM test server (market data), on a fresh data folder.
 *
 * The start-up drill fails (no account yet) and Settings says why; the trader saves the
 * account and logs in with the TOTP; the drill runs again by itself and the new master
 * streams without a restart: RELIANCE-EQ, found by the search, shows the HSM's price in
 * the watchlist, the status bar does not say SIMULATED, and a garbage frame off the wire
 * shows as the status bar's wire warning.
 *
 * The HSM server accepts only sessions registered with it (addSession), and the REST
 * server keeps the sessions it issues to itself. So the app's login URL is a loopback
 * pass-through in front of the REST server that registers every trade session
 * tradeApiValidate hands out with the HSM server, before the app sees it — as Kotak's
 * own login makes the session good on its market-data socket.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from '@playwright/test';
import { totpFromSecret } from '../src-main/brokers/kotak/adapter/totp';
import { SCRIP_FIELD } from '../src-main/brokers/kotak/hsm/hsm-protocol';
import { ACCOUNT, startKotakServer } from '../src-main/testing/venues/kotak/fixtures';
import { HsmTestServer } from '../src-main/testing/venues/kotak/hsm-server';
import type { KotakTestServer } from '../src-main/testing/venues/kotak/server';
import { startServerWithEnv } from './faults/fault-kit';
import { stopServer, type TickdeskServer } from './fixtures/tickdesk-server';
import { MarketPage } from './pages/market-page';
import { SettingsDialog } from './pages/settings-dialog';
import { TerminalPage } from './pages/terminal-page';

const HEADER = 'pSymbol,pExchSeg,pInstType,pSymbolName,pTrdSymbol,pOptionType,pISIN,pDesc,lLotSize,lExpiryDate,lFreezeQty,dTickSize ,dStrikePrice;';
const NSE_CM = [
  HEADER,
  '2885,nse_cm,,RELIANCE,RELIANCE-EQ,,INE002A01018,Reliance Industries,1,0,0,10.000000,0',
  '11536,nse_cm,,TCS,TCS-EQ,,INE467B01029,Tata Consultancy,1,0,0,10.000000,0',
  // A lot size of 0: a bad row, counted, never fatal.
  '1594,nse_cm,,INFY,INFY-EQ,,INE009A01021,Infosys,0,0,0,10.000000,0',
  // A token that is not numeric: unsupported.
  'ABC,nse_cm,,ODD,ODD-EQ,,INE000A00000,Odd,1,0,0,10.000000,0',
  '',
].join('\n');
const RELIANCE_SCRIP = 'nse_cm|2885';

let rest: KotakTestServer;
let hsm: HsmTestServer;
let loginProxy: Server;
let loginProxyUrl: string;
/** Trade sessions the REST login issued (and the HSM server was told of). */
const issued: Array<{ token: string; sid: string }> = [];
let app: TickdeskServer;

/** A loopback pass-through to the REST server that registers each issued trade session with the HSM server. */
async function startLoginProxy(target: KotakTestServer, onSession: (token: string, sid: string) => void): Promise<Server> {
  const upstream = new URL(target.loginUrl);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const out = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            const text = Buffer.concat(body);
            if (answer.statusCode === 200 && req.url?.endsWith('/tradeApiValidate')) {
              const data = (JSON.parse(text.toString('utf8')) as { data?: { token?: string; sid?: string } }).data;
              if (typeof data?.token === 'string' && typeof data.sid === 'string') onSession(data.token, data.sid);
            }
            const headers = { ...answer.headers };
            delete headers['transfer-encoding'];
            headers['content-length'] = String(text.length);
            res.writeHead(answer.statusCode ?? 502, headers).end(text);
          });
        },
      );
      out.on('error', () => res.writeHead(502).end());
      out.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  rest = await startKotakServer({ scripFiles: { 'nse_cm-v1.csv': NSE_CM } });
  hsm = await HsmTestServer.start();
  loginProxy = await startLoginProxy(rest, (token, sid) => {
    issued.push({ token, sid });
    hsm.addSession(token, sid);
  });
  loginProxyUrl = `http://127.0.0.1:${(loginProxy.address() as AddressInfo).port}${new URL(rest.loginUrl).pathname}`;
  app = await startServerWithEnv({
    TICKDESK_BROKER: 'kotak',
    TICKDESK_FEED: 'kotak',
    TICKDESK_KOTAK_LOGIN_URL: loginProxyUrl,
    TICKDESK_KOTAK_HSM: hsm.url,
    TICKDESK_SECRETS_PASSPHRASE: 'a long e2e Kotak journey passphrase',
  });
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  if (app) await stopServer(app);
  await hsm?.close();
  if (loginProxy) {
    loginProxy.closeAllConnections();
    await new Promise<void>((resolve) => loginProxy.close(() => resolve()));
  }
  await rest?.stop();
});

test('a Kotak trader\'s first day: failed drill, account and TOTP login, the drill again by itself, live RELIANCE-EQ, a bad frame', async ({ page }) => {
  const terminal = new TerminalPage(page);
  const market = new MarketPage(page);
  await terminal.open(app.url);
  await terminal.expectDbReady();

  // 1. The start-up drill failed: no Kotak account yet.
  const settings = new SettingsDialog(page);
  await settings.open();
  const drill = settings.drill('kotak');
  await expect(drill.outcome).toHaveText('failed');
  await expect(drill.error).toContainText('Kotak account "main" is not set up: add it in Settings');
  await expect(drill.when).toContainText(/\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2} IST/);
  await expect(page.getByTestId('drill-kite')).toHaveCount(0);
  expect(hsm.requests.filter((r) => r.type === 'connect')).toHaveLength(0);

  // 2. The account, then the login with the authenticator's code.
  await settings.saveKotakAccount('main', ACCOUNT);
  await expect(settings.saved).toContainText('Kotak Neo account “main” saved.');
  // The save makes the account readable: the drill tries again by itself and now wants the session,
  // and the feed, finding no session, asks for the login.
  await expect(drill.error).toContainText('no Kotak session: log in first');
  await expect(settings.kotakLoginBanner('main')).toBeVisible();
  await expect(page.getByTestId('broker-account-kotak-main')).toContainText('no session');
  expect(issued).toHaveLength(0);

  const totp = totpFromSecret(ACCOUNT.totpSecret, Date.now());
  if (totp === null) throw new Error('the test account\'s TOTP secret is not base32');
  await settings.logInKotak('main', totp);
  await expect(settings.saved).toContainText('Kotak Neo account “main” logged in.');
  await expect(settings.kotakLoginBanner('main')).toHaveCount(0);
  await expect(page.getByTestId('broker-account-kotak-main')).toContainText('logged in');
  expect(issued).toHaveLength(1);

  // 3. Without pressing anything, the drill runs again after the login and the master lands.
  await expect(drill.outcome).toHaveText('ok');
  await expect(drill.summary).toHaveText('4 rows · 2 upserted · 1 bad row · 1 unsupported · 1 segment');
  await expect(drill.error).toHaveCount(0);
  await page.getByTestId('settings-close').click();
  await expect(settings.dialog).toHaveCount(0);

  // The feed is Kotak's, on the new session: connected, and never labelled SIMULATED.
  await expect(market.feedState).toHaveText('kotak', { timeout: 30_000 });
  await expect(market.simulated).toHaveCount(0);
  await expect.poll(() => [...hsm.connections].filter((c) => c.authenticated).length, { message: 'an authenticated HSM socket' }).toBe(1);
  expect(hsm.refused).toBe(0);

  // 4. RELIANCE-EQ from the served master, through the search, streams without a restart.
  await market.addBySearch('RELIANCE-EQ', 'RELIANCE-EQ');
  await expect(market.ltp('RELIANCE-EQ')).toHaveText('—');
  await expect.poll(() => hsm.subscribedScrips(), { message: 'RELIANCE-EQ subscribed on the HSM socket' }).toContain(RELIANCE_SCRIP);

  const quote = (ltp: number, volume: number) => [
    { kind: 'scrip' as const, segment: 'nse_cm', token: '2885', values: { [SCRIP_FIELD.VOLUME]: volume, [SCRIP_FIELD.LTP]: ltp, [SCRIP_FIELD.MULTIPLIER]: 1, [SCRIP_FIELD.PRECISION]: 2 } },
  ];
  expect(hsm.push(quote(12_345_675, 150_000))).toBe(1);
  // Paise to rupees with Indian digit grouping.
  await expect(market.ltp('RELIANCE-EQ')).toHaveText('1,23,456.75');
  await expect(market.row('RELIANCE-EQ').getByTestId('watchlist-volume')).toHaveText('1.50 L');
  expect(hsm.push(quote(12_350_000, 152_600))).toBe(1);
  await expect(market.ltp('RELIANCE-EQ')).toHaveText('1,23,500.00');
  await expect(market.row('RELIANCE-EQ').getByTestId('watchlist-change')).toHaveText('+43.25 (+0.04%)');
  await expect(market.row('RELIANCE-EQ').getByTestId('watchlist-volume')).toHaveText('1.53 L');
  await expect(market.feedState).toHaveText('kotak');
  await expect(market.simulated).toHaveCount(0);
  // Nothing bad off the wire so far.
  await expect(page.getByTestId('feed-wire')).toHaveCount(0);

  // 5. A garbage frame: counted and shown on the status bar, and the feed keeps going.
  hsm.sendRaw(Uint8Array.of(0, 1, 99));
  const wire = page.getByTestId('feed-wire');
  await expect(wire).toHaveText('Kotak: 1 bad frame');
  await expect(wire).toHaveAttribute('title', 'Kotak feed, since it connected: 1 bad frame, 0 unknown instruments, 0 bad messages, 0 refused subscriptions');
  expect(hsm.push(quote(12_355_000, 153_000))).toBe(1);
  await expect(market.ltp('RELIANCE-EQ')).toHaveText('1,23,550.00');
  await expect(market.feedState).toHaveText('kotak');
});
