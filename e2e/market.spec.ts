import { expect, test, type Page } from '@playwright/test';
import { startServer, stopServer, waitForExit, type TickdeskServer } from './fixtures/tickdesk-server';
import { MarketPage } from './pages/market-page';
import { TerminalPage } from './pages/terminal-page';

/**
 * The market in the terminal, end to end: the real app (`tickdesk serve`,
 * its PostgreSQL, the simulated feed — which runs outside NSE hours by
 * default, labelled SIMULATED) through Chromium. One data folder for the
 * whole file, so the watchlist can be checked across a restart.
 */
test.describe.configure({ mode: 'serial' });

let server: TickdeskServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startServer();
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  if (server) await stopServer(server, 'SIGTERM');
});

/**
 * Content-Security-Policy violations the page reports, from the console and
 * from securitypolicyviolation events (a refused eval inside a try/catch, like
 * zod's probe, raises the event without always logging; zod runs jitless).
 */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (!/Content Security Policy/i.test(text)) return;
    violations.push(text);
  });
  await page.exposeFunction('__tickdeskCspViolation', (text: string) => violations.push(text));
  // A string, because this file is typed for Node (no DOM types).
  await page.addInitScript({
    content: "window.addEventListener('securitypolicyviolation', (e) => window.__tickdeskCspViolation(e.violatedDirective + ' ' + e.blockedURI));",
  });
  return violations;
}

test('search RELIANCE, add it, watch its price move, chart it in two timeframes', async ({ page }) => {
  const csp = await watchCsp(page);
  const terminal = new TerminalPage(page);
  const market = new MarketPage(page);
  await terminal.open(server.url);
  await terminal.expectDbReady();

  // The feed is simulated: the top bar must say so, with its phase and rate.
  await expect(market.simulated).toHaveText('SIMULATED', { timeout: 30_000 });
  await expect(market.marketPhase).toHaveText(/^(Pre-open.*|Open|Closing session|Closed)$/);
  await expect(market.feedRate).toHaveText(/\/s$/);

  // Search ranks the exact symbol first; keyboard adds it.
  await market.searchFor('RELIANCE');
  await expect(market.results.first()).toHaveAttribute('data-symbol', 'RELIANCE');
  await market.search.press('Escape');
  await expect(market.search).toHaveValue('');
  await expect(market.results).toHaveCount(0);
  await market.addBySearch('RELIANCE', 'RELIANCE');

  // A live price, formatted from paise, that changes.
  await expect(market.ltp('RELIANCE')).toHaveText(/^\d{1,3}(,\d{2})*(,\d{3})?\.\d{2}$|^\d{1,3}\.\d{2}$/, { timeout: 30_000 });
  const first = await market.ltpText('RELIANCE');
  await expect.poll(() => market.ltpText('RELIANCE'), { timeout: 30_000, message: 'the LTP never changed' }).not.toBe(first);
  await expect(market.row('RELIANCE').getByTestId('watchlist-change')).toHaveText(/^([+-][\d,]+\.\d{2}|0\.00) \((?:[+-]\d+\.\d{2}|0\.00)%\)$/);

  // The chart shows the (only) watchlist row: candles, an IST legend.
  await expect(market.chartSymbol).toContainText('RELIANCE');
  await expect.poll(() => market.chartBars(), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(market.chartLegendTime).toHaveText(/ IST$/);

  // 1s bars arrive every second or so: the chart grows while we watch.
  await market.pickTimeframe('1s');
  await expect.poll(() => market.chartBars(), { timeout: 30_000 }).toBeGreaterThan(1);
  const seconds = await market.chartBars();
  await expect.poll(() => market.chartBars(), { timeout: 30_000 }).toBeGreaterThan(seconds);
  await expect(market.chartLegendTime).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} IST$/);

  await market.pickTimeframe('5m');
  await expect.poll(() => market.chartBars(), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(market.chartLegendTime).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2} IST$/);
  await expect(market.chartState).not.toContainText('Could not load');

  // Add a second instrument, then remove it with its button.
  await market.addBySearch('INFY', 'INFY');
  await expect(market.rows).toHaveCount(2);
  await market.row('INFY').hover();
  await market.row('INFY').getByTestId('watchlist-remove').click();
  await expect(market.rows).toHaveCount(1);

  expect(csp, 'CSP violations in the console').toEqual([]);
});

test('the watchlist survives a restart of the server', async ({ page }) => {
  const dataDir = server.dataDir;
  // Stop without removing the folder (stopServer would), then start again on it.
  server.child.kill('SIGTERM');
  expect(await waitForExit(server.child, 45_000)).toEqual({ code: 0, signal: null });
  server = await startServer({ dataDir });

  const terminal = new TerminalPage(page);
  const market = new MarketPage(page);
  await terminal.open(server.url);
  await terminal.expectDbReady();
  // The page may connect while PostgreSQL is still starting: the list is read once it is ready.
  await expect(market.row('RELIANCE')).toBeVisible({ timeout: 30_000 });
  await expect(market.rows).toHaveCount(1);
  // Still live after the restart.
  await expect(market.ltp('RELIANCE')).not.toHaveText('—', { timeout: 30_000 });
  const first = await market.ltpText('RELIANCE');
  await expect.poll(() => market.ltpText('RELIANCE'), { timeout: 30_000 }).not.toBe(first);
  await expect.poll(() => market.chartBars(), { timeout: 30_000 }).toBeGreaterThan(0);
});
