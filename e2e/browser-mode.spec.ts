import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import { expect, test } from './fixtures/tickdesk-server';
import { TerminalPage } from './pages/terminal-page';

/** Opens a Node WebSocket to the server; resolves with the socket or the refusal status. */
function nodeWs(url: string, headers: Record<string, string>): Promise<{ ws: WebSocket } | { status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    ws.once('error', reject);
  });
}

function nextResult(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      if (frame.type !== 'result') return;
      ws.off('message', onMessage);
      resolve(frame);
    };
    ws.on('message', onMessage);
  });
}

test.describe('browser mode', () => {
  test('loads with the token and shows the database ready', async ({ page, tickdesk }) => {
    const terminal = new TerminalPage(page);
    const response = await terminal.open(tickdesk.url);
    expect(response?.status()).toBe(200);
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    await terminal.expectDbReady();
    await expect(terminal.connectionState).toHaveText('open');
    await expect(terminal.appMode).toHaveText(/browser/i);
  });

  test('the IST clock ticks', async ({ page, tickdesk }) => {
    const terminal = new TerminalPage(page);
    await terminal.open(tickdesk.url);
    await expect(terminal.istClock).toHaveText(/^\d{2}:\d{2}:\d{2} IST$/);
    const first = await terminal.clockText();
    await expect.poll(() => terminal.clockText(), { timeout: 5_000 }).not.toBe(first);
  });

  test('the token leaves the address bar and the cookie is out of reach of scripts', async ({ page, tickdesk }) => {
    const terminal = new TerminalPage(page);
    await terminal.open(tickdesk.url);
    await terminal.expectDbReady();
    expect(page.url()).toBe(`${tickdesk.origin}/`);
    expect(page.url()).not.toContain(tickdesk.token);
    const documentCookie = await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie);
    expect(documentCookie).not.toContain(tickdesk.token);
    const cookies = await page.context().cookies(tickdesk.origin);
    const session = cookies.find((cookie) => cookie.value === tickdesk.token);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // A reload without the token still works: the session cookie carries it.
    await page.reload();
    await terminal.expectDbReady();
  });

  test('a wrong or missing token is refused and never reaches the app', async ({ page, tickdesk }) => {
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    const terminal = new TerminalPage(page);

    const wrong = await terminal.open(`${tickdesk.origin}/?token=not-the-token`);
    expect(wrong?.status()).toBe(401);
    await expect(terminal.accessRefused).toContainText("This link's token is not valid");
    await expect(terminal.dbState).toHaveCount(0);

    const missing = await terminal.open(`${tickdesk.origin}/`);
    expect(missing?.status()).toBe(401);
    await expect(terminal.accessRefused).toBeVisible();

    const asset = await page.request.get(`${tickdesk.origin}/api/session`);
    expect(asset.status()).toBe(401);
    expect(await asset.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(sockets).toEqual([]);
    expect(await page.context().cookies()).toEqual([]);
  });

  test('requests from a foreign Origin or Host are refused', async ({ tickdesk }) => {
    const wsUrl = `ws://127.0.0.1:${tickdesk.port}/ws?token=${tickdesk.token}`;
    expect(await nodeWs(wsUrl, { Origin: 'http://evil.example' })).toEqual({ status: 403 });
    expect(await nodeWs(wsUrl, { Origin: 'null' })).toEqual({ status: 403 });
    expect(await nodeWs(wsUrl, {})).toEqual({ status: 403 });

    const fromEvil = await fetch(`${tickdesk.origin}/api/session?token=${tickdesk.token}`, {
      headers: { Origin: 'http://evil.example' },
    });
    expect(fromEvil.status).toBe(403);

    // DNS rebinding: the attacker's name in Host, with the right token.
    const rebindStatus = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: tickdesk.port, path: `/?token=${tickdesk.token}`, headers: { Host: `evil.example:${tickdesk.port}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(rebindStatus).toBe(403);

    // The same token from the page's own origin is fine.
    const sameOrigin = await nodeWs(wsUrl, { Origin: tickdesk.origin });
    expect('ws' in sameOrigin).toBe(true);
    if ('ws' in sameOrigin) sameOrigin.ws.close();
  });

  test('a malformed call gets a VALIDATION envelope and the server keeps working', async ({ page, tickdesk }) => {
    const result = await nodeWs(`ws://127.0.0.1:${tickdesk.port}/ws?token=${tickdesk.token}`, { Origin: tickdesk.origin });
    if (!('ws' in result)) throw new Error(`refused with ${result.status}`);
    const ws = result.ws;
    try {
      const broken = nextResult(ws);
      ws.send('{"type":"call","id":41,"method":"db.status","args":');
      expect(await broken).toMatchObject({ type: 'result', id: 41, ok: false, error: { code: 'VALIDATION' } });

      const badArgs = nextResult(ws);
      ws.send(JSON.stringify({ type: 'call', id: 42, method: 'db.status', args: { drop: 'everything' } }));
      expect(await badArgs).toMatchObject({ id: 42, ok: false, error: { code: 'VALIDATION' } });

      const unknown = nextResult(ws);
      ws.send(JSON.stringify({ type: 'call', id: 43, method: 'orders.nuke', args: {} }));
      expect(await unknown).toMatchObject({ id: 43, ok: false, error: { code: 'NOT_FOUND' } });

      ws.send('garbage without an id');
      const fine = nextResult(ws);
      ws.send(JSON.stringify({ type: 'call', id: 44, method: 'db.status', args: {} }));
      expect(await fine).toMatchObject({ id: 44, ok: true, result: { state: 'ready' } });
    } finally {
      ws.close();
    }

    // The page, on its own cookie-authenticated socket, is unaffected.
    const terminal = new TerminalPage(page);
    await terminal.open(tickdesk.url);
    await terminal.expectDbReady();
    const replies = await terminal.rawWsExchange(
      ['{not json', JSON.stringify({ type: 'call', id: 2, method: 'app.info', args: {} })],
      1,
    );
    expect(replies).toEqual([expect.objectContaining({ id: 2, ok: true, result: expect.objectContaining({ mode: 'browser' }) })]);
  });
});
