import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { expect, runCli, startServer, stopServer, test, type TickdeskServer } from './fixtures/tickdesk-server';
import { AuditPane } from './pages/audit-pane';
import { TerminalPage } from './pages/terminal-page';

/**
 * The Audit pane in browser mode against a Tickdesk of its own (its ledger is
 * seeded here, so it must not share the other specs' database): the table
 * loads, filters narrow it, a row opens its timeline, the chain verifies, and
 * an export downloads a CSV whose SHA-256 is the one the pane shows.
 */

let server: TickdeskServer;
let db: pg.Client;
const SYMBOLS = ['RELIANCE', 'TCS', 'INFY'];

/** The payloads the ledger writer would store (they must parse: the orders pane reads the same ledger). */
function payloads(clientId: string, symbol: string, quantity: number): Array<{ type: string; statusAfter: string | null; payload: unknown }> {
  return [
    {
      type: 'INTENT',
      statusAfter: 'PENDING_LOCAL',
      payload: {
        type: 'INTENT', parentClientOrderId: null, instrument: { tradingsymbol: symbol, exchange: 'NSE' },
        intent: { clientOrderId: clientId, token: 2885, side: 'BUY', orderType: 'L', product: 'CNC', validity: 'DAY', quantity, price: 10_000, triggerPrice: null, marketProtection: 0, strategyId: 'manual', algoId: null },
      },
    },
    { type: 'REQUEST_SENT', statusAfter: 'SENT', payload: { type: 'REQUEST_SENT', action: 'PLACE', request: { tradingsymbol: symbol, quantity, tag: '=HYPERLINK("x")' } } },
    { type: 'REJECTED', statusAfter: 'REJECTED', payload: { type: 'REJECTED', reason: 'Insufficient funds, -₹125.50 short' } },
  ];
}

/** Seeds 30 rejected orders (3 events each) on 2026-03-02 and 2026-03-03 IST. */
async function seedLedger(client: pg.Client): Promise<void> {
  for (let i = 0; i < 30; i += 1) {
    const orderId = randomUUID();
    const clientId = `e2e-${i}`;
    const symbol = SYMBOLS[i % 3] as string;
    const day = i % 2 ? '2026-03-03' : '2026-03-02';
    for (const [k, event] of payloads(clientId, symbol, i + 1).entries()) {
      await client.query(
        `INSERT INTO order_events (order_id, client_order_id, seq, event_type, status_after, payload, broker, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'paper', $7)`,
        [orderId, clientId, k + 1, event.type, event.statusAfter, JSON.stringify(event.payload), `${day}T04:${String(i).padStart(2, '0')}:0${k}+00`],
      );
    }
    await client.query(
      `INSERT INTO orders (order_id, client_order_id, token, tradingsymbol, exchange, side, order_type, product, validity, quantity, price, status,
         status_message, broker, last_event_id, last_seq, created_at, updated_at)
       VALUES ($1, $2, 2885, $3, 'NSE', 'BUY', 'L', 'CNC', 'DAY', $4, 100.00, 'REJECTED', 'Insufficient funds', 'paper', 0, 3, now(), now())`,
      [orderId, clientId, symbol, i + 1],
    );
  }
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startServer();
  let url = '';
  await expect
    .poll(async () => {
      const result = await runCli(['db', 'url', '--data-dir', server.dataDir]);
      url = result.code === 0 ? result.stdout.trim() : '';
      return url;
    }, { timeout: 60_000 })
    .not.toBe('');
  // The server creates the database and migrates it after PostgreSQL is up: retry until the ledger exists.
  await expect
    .poll(async () => {
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
        const { rows } = await client.query<{ ok: boolean }>(`SELECT to_regclass('order_events') IS NOT NULL AND to_regprocedure('tickdesk_chain_order_event()') IS NOT NULL AS ok`);
        if (rows[0]?.ok) {
          db = client;
          return true;
        }
      } catch {
        // not there yet
      }
      await client.end().catch(() => undefined);
      return false;
    }, { timeout: 60_000 })
    .toBe(true);
  await seedLedger(db);
});

test.afterAll(async () => {
  await db?.end();
  if (server) await stopServer(server, 'SIGTERM');
});

test('the Audit pane loads, filters, opens a timeline and verifies the chain', async ({ page }) => {
  const terminal = new TerminalPage(page);
  await terminal.open(server.url);
  await terminal.expectDbReady();
  const audit = new AuditPane(page);
  await audit.maximise();
  await audit.refresh();
  await audit.expectCount(90);
  await expect(audit.rows.first()).toBeVisible();
  // Virtualised: far fewer rows in the DOM than events.
  expect(await audit.rows.count()).toBeLessThan(90);

  await audit.filter({ from: '2026-03-03', to: '2026-03-03', symbol: 'tcs' });
  await audit.expectCount(15);
  for (const text of await audit.rows.allTextContents()) expect(text).toContain('TCS');

  await audit.filter({ eventType: 'REQUEST_SENT' });
  await audit.expectCount(5);
  await audit.rows.first().click();
  await expect(audit.timeline.getByTestId('audit-timeline-event')).toHaveCount(3);
  await expect(audit.timeline.getByTestId('audit-json').nth(1)).toContainText('"tradingsymbol": "TCS"');
  await expect(audit.timeline.getByTestId('audit-json').nth(1)).toContainText('"tag": "=HYPERLINK(\\"x\\")"');

  await audit.verify();
  await expect(audit.verifyResult).toHaveText(/chain intact · 90 events/);
});

test('an export downloads a CSV whose SHA-256 is the one shown', async ({ page }) => {
  const terminal = new TerminalPage(page);
  await terminal.open(server.url);
  await terminal.expectDbReady();
  const audit = new AuditPane(page);
  await audit.maximise();

  await audit.startExport();
  await expect(page.getByTestId('audit-export-error')).toContainText('From and a To');

  await audit.filter({ from: '2026-03-02', to: '2026-03-03', symbol: 'RELIANCE' });
  const download = page.waitForEvent('download');
  await audit.startExport();
  const file = await download;
  await expect(audit.exportStatus).toHaveAttribute('data-state', 'done');
  const shown = (await audit.sha256.textContent()) ?? '';
  const bytes = await readFile(await file.path());
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(shown);
  expect(file.suggestedFilename()).toMatch(/^tickdesk-audit-2026-03-02_2026-03-03-RELIANCE-\d{8}-\d{6}\.csv$/);
  const lines = bytes.toString('utf8').split('\r\n');
  expect(lines[0]?.startsWith('event_id,at_ist,at_utc,')).toBe(true);
  expect(lines.filter((line) => line.length > 0)).toHaveLength(1 + 30);
  // The formula in the request payload stays inside the quoted JSON cell, never a cell of its own.
  expect(bytes.toString('utf8')).toContain('""tag"": ""=HYPERLINK(\\""x\\"")""');
});
