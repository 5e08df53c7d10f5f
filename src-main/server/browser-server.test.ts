import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { DbStatus } from '../../src-shared/domain/db-status';
import { appHandlers } from '../api/app';
import { dispatch, type Handlers } from '../api/registry';
import { unavailableHandlers } from '../testing/fakes/handlers';
import { EventBus } from '../events';
import { silentLogger } from '../log';
import { PortInUseError, startBrowserServer, type BrowserServer } from './browser-server';
import type { AuthFailure } from './http-server';
import type { ServerCore } from './ws-server';

const dbStatus: DbStatus = {
  state: 'ready',
  reason: null,
  version: '18.4',
  port: 54321,
  pid: 4242,
  dataDir: '/tmp/td',
  sizeBytes: 1234,
  schemaVersion: '0001_core',
  restarts: 0,
  readySince: '2025-01-01T00:00:00.000Z',
};

/** A core with the real registry and contract, but no database. */
function fakeCore(): ServerCore & { bus: EventBus } {
  const handlers: Handlers = {
    ...unavailableHandlers(),
    ...appHandlers({ version: '9.9.9', mode: 'browser' }),
    'db.status': () => dbStatus,
  };
  const bus = new EventBus();
  return {
    bus,
    dispatch: (method, args, ctx) => dispatch(handlers, method, args, ctx),
    onEvent: (listener) => bus.subscribe(listener),
  };
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function get(port: number, urlPath: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: urlPath, method: 'GET', headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket; resolves with the socket or with the refusal's HTTP status. */
function connect(port: number, options: { query?: string; cookie?: string; origin?: string | null; path?: string } = {}) {
  return new Promise<{ ws: WebSocket } | { status: number }>((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.cookie !== undefined) headers.cookie = options.cookie;
    const origin = options.origin === undefined ? `http://127.0.0.1:${port}` : options.origin;
    const ws = new WebSocket(`ws://127.0.0.1:${port}${options.path ?? '/ws'}${options.query ?? ''}`, {
      headers,
      ...(origin === null ? {} : { origin }),
    });
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
    });
    ws.on('error', reject);
  });
}

async function open(port: number, cookie: string): Promise<WebSocket> {
  const result = await connect(port, { cookie });
  if (!('ws' in result)) throw new Error(`refused with ${result.status}`);
  return result.ws;
}

function nextFrame(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>)));
}

function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

let dir: string;
let staticDir: string;
let server: BrowserServer;
let core: ReturnType<typeof fakeCore>;
let cookie: string;
const failures: AuthFailure[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tickdesk-server-'));
  staticDir = path.join(dir, 'renderer');
  await mkdir(path.join(staticDir, 'assets'), { recursive: true });
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Tickdesk</title><div id="root"></div>');
  await writeFile(path.join(staticDir, 'assets', 'index-AbCd1234.js'), 'console.log("tickdesk")');
  await writeFile(path.join(staticDir, 'assets', 'index-AbCd1234.css'), 'body{}');
  await writeFile(path.join(dir, 'secret.txt'), 'outside the root');
  core = fakeCore();
  server = await startBrowserServer({
    core,
    staticDir,
    port: 0,
    host: '127.0.0.1',
    log: silentLogger,
    onAuthFailure: (failure) => failures.push(failure),
    throttle: { freeFailures: 1_000 },
  });
  cookie = `tickdesk_session_${server.port}=${server.token}`;
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('startBrowserServer: HTTP', () => {
  it('prints a loopback URL with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves index.html for the valid token and sets a strict session cookie', async () => {
    const reply = await get(server.port, `/?token=${server.token}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>Tickdesk</title>');
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(reply.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(reply.headers['set-cookie']).toEqual([`tickdesk_session_${server.port}=${server.token}; HttpOnly; SameSite=Strict; Path=/`]);
  });

  it('refuses a missing token with 401 and a clear page', async () => {
    const reply = await get(server.port, '/', { accept: 'text/html' });
    expect(reply.status).toBe(401);
    expect(reply.body).toContain('token is not valid');
    expect(reply.body).not.toContain('<title>Tickdesk</title>');
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a wrong token with 401, even with a valid cookie', async () => {
    expect((await get(server.port, '/?token=wrong')).status).toBe(401);
    expect((await get(server.port, '/?token=wrong', { cookie })).status).toBe(401);
    expect((await get(server.port, '/', { cookie: `tickdesk_session_${server.port}=wrong` })).status).toBe(401);
  });

  it('serves assets with the cookie only, with the right content types', async () => {
    expect((await get(server.port, '/assets/index-AbCd1234.js')).status).toBe(401);
    const js = await get(server.port, '/assets/index-AbCd1234.js', { cookie });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    const css = await get(server.port, '/assets/index-AbCd1234.css', { cookie });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get(server.port, '/assets/missing.js', { cookie })).status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const reply = await get(server.port, attempt, { cookie });
      expect(reply.status, attempt).toBe(404);
      expect(reply.body).not.toContain('outside the root');
    }
  });

  it('answers /api/session with ok or a JSON 401', async () => {
    const ok = await get(server.port, '/api/session', { cookie });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true });
    const refused = await get(server.port, '/api/session', { accept: 'text/html' });
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin with 403', async () => {
    const rebinding = await get(server.port, `/?token=${server.token}`, { host: `evil.example:${server.port}` });
    expect(rebinding.status).toBe(403);
    expect(rebinding.body).not.toContain('<title>Tickdesk</title>');
    const foreign = await get(server.port, '/api/session', { cookie, origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const localhost = await get(server.port, '/api/session', { cookie, host: `localhost:${server.port}` });
    expect(localhost.status).toBe(200);
  });

  it('reports refusals to the hook without the token', async () => {
    failures.length = 0;
    await get(server.port, `/assets/x.js?token=not-${server.token}`);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ reason: 'bad-token', kind: 'http', path: '/assets/x.js', remoteAddress: '127.0.0.1' });
    expect(JSON.stringify(failures)).not.toContain(server.token);
  });

  it('listens on loopback only and reports a taken port', async () => {
    await expect(
      startBrowserServer({ core, staticDir, port: server.port, log: silentLogger }),
    ).rejects.toBeInstanceOf(PortInUseError);
    // The kernel's socket table says where it listens: 127.0.0.1 only, never a
    // wildcard. (Read, not probed: tests send no traffic to non-loopback addresses.)
    const listening = (await readFile('/proc/net/tcp', 'utf8'))
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[3] === '0A' && Number.parseInt(cols[1]?.split(':')[1] ?? '', 16) === server.port)
      .map((cols) => cols[1]?.split(':')[0]);
    expect(listening).toEqual(['0100007F']);
  });
});

describe('startBrowserServer: WebSocket', () => {
  it('round-trips a call', async () => {
    const ws = await open(server.port, cookie);
    ws.send(JSON.stringify({ type: 'call', id: 1, method: 'app.info', args: {} }));
    const frame = await nextFrame(ws);
    expect(frame).toMatchObject({ type: 'result', id: 1, ok: true, result: { name: 'Tickdesk', version: '9.9.9', mode: 'browser' } });
    ws.close();
  });

  it('accepts the query token instead of the cookie', async () => {
    const result = await connect(server.port, { query: `?token=${server.token}` });
    expect('ws' in result).toBe(true);
    if ('ws' in result) result.ws.close();
  });

  it('refuses a missing or wrong token with 401', async () => {
    expect(await connect(server.port)).toEqual({ status: 401 });
    expect(await connect(server.port, { query: '?token=wrong' })).toEqual({ status: 401 });
    expect(await connect(server.port, { cookie: `tickdesk_session_${server.port}=wrong` })).toEqual({ status: 401 });
  });

  it('refuses a foreign, null or missing Origin with 403, even with the token', async () => {
    expect(await connect(server.port, { cookie, origin: 'http://evil.example' })).toEqual({ status: 403 });
    expect(await connect(server.port, { cookie, origin: 'null' })).toEqual({ status: 403 });
    expect(await connect(server.port, { cookie, origin: null })).toEqual({ status: 403 });
    expect(await connect(server.port, { cookie, origin: `http://127.0.0.1:${server.port + 1}` })).toEqual({ status: 403 });
  });

  it('upgrades only on /ws', async () => {
    expect(await connect(server.port, { cookie, path: '/socket' })).toEqual({ status: 404 });
  });

  it('answers malformed frames with VALIDATION and keeps working', async () => {
    const ws = await open(server.port, cookie);
    ws.send('{"type":"call","id":7,"method":"app.info","args":{');
    expect(await nextFrame(ws)).toMatchObject({ type: 'result', id: 7, ok: false, error: { code: 'VALIDATION' } });
    ws.send(JSON.stringify({ type: 'call', id: 8, method: 42 }));
    expect(await nextFrame(ws)).toMatchObject({ type: 'result', id: 8, ok: false, error: { code: 'VALIDATION' } });
    // Without a recoverable id there is nobody to answer: ignored, not fatal.
    ws.send('not json at all');
    ws.send('[]');
    ws.send('null');
    ws.send(JSON.stringify({ type: 'call', id: 9, method: 'db.status', args: { extra: true } }));
    expect(await nextFrame(ws)).toMatchObject({ type: 'result', id: 9, ok: false, error: { code: 'VALIDATION' } });
    ws.send(JSON.stringify({ type: 'call', id: 10, method: 'db.status', args: {} }));
    expect(await nextFrame(ws)).toMatchObject({ type: 'result', id: 10, ok: true, result: { state: 'ready' } });
    ws.close();
  });

  it('answers an unknown method with NOT_FOUND', async () => {
    const ws = await open(server.port, cookie);
    ws.send(JSON.stringify({ type: 'call', id: 3, method: 'orders.nuke', args: {} }));
    expect(await nextFrame(ws)).toMatchObject({ type: 'result', id: 3, ok: false, error: { code: 'NOT_FOUND' } });
    ws.send(JSON.stringify({ type: 'call', id: 4, method: '__proto__', args: {} }));
    expect(await nextFrame(ws)).toMatchObject({ type: 'result', id: 4, ok: false, error: { code: 'NOT_FOUND' } });
    ws.close();
  });

  it('closes on binary frames (1003) and oversized frames (1009)', async () => {
    const binary = await open(server.port, cookie);
    const binaryClosed = closed(binary);
    binary.send(Buffer.from([1, 2, 3]));
    expect(await binaryClosed).toBe(1003);

    const big = await open(server.port, cookie);
    const bigClosed = closed(big);
    big.on('error', () => {});
    big.send(JSON.stringify({ type: 'call', id: 1, method: 'app.info', args: { pad: 'x'.repeat(1024 * 1024 + 10) } }));
    expect(await bigClosed).toBe(1009);

    // The server is still fine.
    const ws = await open(server.port, cookie);
    ws.send(JSON.stringify({ type: 'call', id: 1, method: 'app.info', args: {} }));
    expect(await nextFrame(ws)).toMatchObject({ ok: true });
    ws.close();
  });

  it('pushes core events to every open socket and stops after close', async () => {
    const a = await open(server.port, cookie);
    const b = await open(server.port, cookie);
    const gotA = nextFrame(a);
    const gotB = nextFrame(b);
    core.bus.emit('db.status', { ...dbStatus, state: 'restarting', reason: 'server exited' });
    for (const frame of await Promise.all([gotA, gotB])) {
      expect(frame).toMatchObject({ type: 'event', event: 'db.status', payload: { state: 'restarting' } });
    }
    const aClosed = closed(a);
    a.close();
    await aClosed;
    const gotB2 = nextFrame(b);
    core.bus.emit('db.status', dbStatus);
    expect(await gotB2).toMatchObject({ type: 'event', payload: { state: 'ready' } });
    b.close();
  });
});

describe('startBrowserServer: throttling and shutdown', () => {
  it('slows down repeated bad tokens from one address', async () => {
    const seen: AuthFailure[] = [];
    const slow = await startBrowserServer({
      core: fakeCore(),
      staticDir,
      port: 0,
      log: silentLogger,
      onAuthFailure: (failure) => seen.push(failure),
      throttle: { freeFailures: 2, baseDelayMs: 300, maxDelayMs: 300 },
    });
    try {
      for (let i = 0; i < 2; i += 1) expect((await get(slow.port, '/?token=bad')).status).toBe(401);
      const started = Date.now();
      expect((await get(slow.port, '/?token=bad')).status).toBe(401);
      expect(Date.now() - started).toBeGreaterThanOrEqual(280);
      expect(await connect(slow.port, { query: '?token=bad' })).toEqual({ status: 401 });
      expect(seen.map((f) => f.failures)).toEqual([1, 2, 3, 4]);
      expect(seen.at(-1)).toMatchObject({ kind: 'websocket', delayMs: 300 });
      // A valid token is never slowed down.
      const okStarted = Date.now();
      expect((await get(slow.port, `/?token=${slow.token}`)).status).toBe(200);
      expect(Date.now() - okStarted).toBeLessThan(250);
    } finally {
      await slow.close();
    }
  });

  it('close() drops open sockets and stops listening', async () => {
    const temp = await startBrowserServer({ core: fakeCore(), staticDir, port: 0, log: silentLogger });
    const ws = await open(temp.port, `tickdesk_session_${temp.port}=${temp.token}`);
    const wsClosed = closed(ws);
    await temp.close();
    expect(await wsClosed).toBe(1001);
    await expect(get(temp.port, '/')).rejects.toThrow(/ECONNREFUSED/);
  });
});
