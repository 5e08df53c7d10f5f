import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { EXPORTS_ROUTE, serveExportFile } from './export-download';
import type { Logger } from '../log';
import type { AuthThrottle } from './auth-throttle';
import { sessionCookie } from './cookies';
import { judgeRequest, refusalMessage, type RefusalReason } from './gate';
import { securityHeaders, serveStaticFile } from './static-files';
import type { WsGateway } from './ws-server';

/** One refused request, for the log and the audit trail (auth-audit.ts). */
export interface AuthFailure {
  readonly reason: RefusalReason;
  readonly kind: 'http' | 'websocket';
  readonly remoteAddress: string;
  /** Path only; the query (which may hold a token) is never recorded. */
  readonly path: string;
  /** Token failures from this address in the last minute (0 for host/origin refusals). */
  readonly failures: number;
  readonly delayMs: number;
  readonly at: string;
}

export interface HttpContext {
  readonly staticDir: string;
  readonly token: string;
  /** Known once the server is listening (port 0 picks one). */
  cookieName(): string;
  readonly log: Logger;
  readonly throttle: AuthThrottle;
  readonly ws: WsGateway;
  onAuthFailure?: ((failure: AuthFailure) => void) | undefined;
  /** Finished audit CSV exports, served as downloads at /exports/<name> (behind the same gate). */
  readonly exportsDir?: string | undefined;
}

const WS_PATH = '/ws';
const SESSION_PATH = '/api/session';
/** Host used in headers when the request's own Host was refused. */
const FALLBACK_HOST = '127.0.0.1';

function requestUrl(req: IncomingMessage): URL | null {
  try {
    // The base is fixed: the Host header is checked separately and never trusted for routing.
    return new URL(req.url ?? '/', 'http://tickdesk.invalid');
  } catch {
    return null;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function refusalPage(status: number, message: string): string {
  // The data: icon keeps the browser from asking for /favicon.ico, which
  // would be refused too and counted as a second failure.
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tickdesk: access refused</title><link rel="icon" href="data:,">
<style>body{font:16px/1.5 system-ui,sans-serif;background:#0f1115;color:#e6e6e6;display:grid;place-items:center;height:100vh;margin:0}main{max-width:36rem;padding:2rem}h1{font-size:1.25rem}</style>
</head><body><main data-testid="access-refused"><h1>Access refused (${status})</h1><p>${escapeHtml(message)}</p></main></body></html>
`;
}

function wantsHtml(req: IncomingMessage, pathname: string): boolean {
  return !pathname.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>, headOnly: boolean): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(headOnly ? undefined : text);
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string>, headOnly: boolean): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(headOnly ? undefined : text);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Records a refusal and returns how long to hold the answer. Only token
 * failures are slowed down; host and origin refusals are answered at once.
 */
function noteRefusal(ctx: HttpContext, req: IncomingMessage, pathname: string, reason: RefusalReason, kind: AuthFailure['kind']): number {
  const remoteAddress = req.socket.remoteAddress ?? 'unknown';
  const tokenFailure = reason === 'bad-token' || reason === 'missing-token';
  const { failures, delayMs } = tokenFailure ? ctx.throttle.fail(remoteAddress) : { failures: 0, delayMs: 0 };
  const failure: AuthFailure = {
    reason,
    kind,
    remoteAddress,
    path: pathname.slice(0, 200),
    failures,
    delayMs,
    at: new Date().toISOString(),
  };
  ctx.log.warn('browser-mode request refused', { ...failure });
  try {
    ctx.onAuthFailure?.(failure);
  } catch (error) {
    ctx.log.error('onAuthFailure hook failed', { error: String(error) });
  }
  return delayMs;
}

/** Plain HTTP: the session probe, the built renderer, and refusals. */
export function createRequestHandler(ctx: HttpContext): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headOnly = req.method === 'HEAD';
    const url = requestUrl(req);
    if (url === null) {
      sendText(res, 400, 'Bad request', securityHeaders(FALLBACK_HOST), headOnly);
      return;
    }
    const pathname = url.pathname;
    const verdict = judgeRequest(req, url, { token: ctx.token, cookieName: ctx.cookieName(), kind: 'http' });
    if (!verdict.ok) {
      const delayMs = noteRefusal(ctx, req, pathname, verdict.reason, 'http');
      if (delayMs > 0) await sleep(delayMs);
      const headers = securityHeaders(FALLBACK_HOST);
      const message = refusalMessage(verdict.reason);
      if (wantsHtml(req, pathname)) {
        const page = refusalPage(verdict.status, message);
        res.writeHead(verdict.status, {
          ...headers,
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Length': String(Buffer.byteLength(page)),
          'Cache-Control': 'no-store',
        });
        res.end(headOnly ? undefined : page);
      } else {
        sendJson(res, verdict.status, { code: 'UNAUTHORIZED', message }, headers, headOnly);
      }
      return;
    }

    const headers = securityHeaders(verdict.host);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed', { ...headers, Allow: 'GET, HEAD' }, headOnly);
      return;
    }
    if (pathname === SESSION_PATH) {
      sendJson(res, 200, { ok: true }, headers, headOnly);
      return;
    }
    if (pathname === WS_PATH) {
      sendText(res, 426, 'This path takes a WebSocket upgrade', { ...headers, Upgrade: 'websocket' }, headOnly);
      return;
    }
    if (pathname.startsWith(EXPORTS_ROUTE)) {
      if ((await serveExportFile(ctx.exportsDir, pathname, res, { headOnly, headers })) === 'not-found') sendText(res, 404, 'Not found', headers, headOnly);
      return;
    }
    if (pathname.startsWith('/api/')) {
      sendJson(res, 404, { code: 'NOT_FOUND', message: `No such endpoint: ${pathname.slice(0, 100)}` }, headers, headOnly);
      return;
    }
    const extraHeaders: Record<string, string> =
      verdict.via === 'query' ? { ...headers, 'Set-Cookie': sessionCookie(ctx.cookieName(), ctx.token) } : headers;
    const result = await serveStaticFile(ctx.staticDir, pathname, res, { headOnly, extraHeaders });
    if (result === 'not-found') sendText(res, 404, 'Not found', headers, headOnly);
  };

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      ctx.log.error('http request failed', { error: String(error) });
      if (!res.headersSent) sendText(res, 500, 'Internal error', securityHeaders(FALLBACK_HOST), false);
      else res.destroy();
    });
  };
}

function rejectUpgrade(socket: Duplex, status: 400 | 401 | 403 | 404, body: unknown): void {
  const text = JSON.stringify(body);
  const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\nCache-Control: no-store\r\n\r\n${text}`,
  );
}

/**
 * WebSocket upgrades: only on /ws, only from the page's own origin, only
 * with the session cookie or the token. Refusals are plain HTTP answers
 * followed by closing the socket.
 */
export function createUpgradeHandler(ctx: HttpContext): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const handle = async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    const url = requestUrl(req);
    if (url === null) return rejectUpgrade(socket, 400, { code: 'VALIDATION', message: 'Bad request' });
    if (url.pathname !== WS_PATH) return rejectUpgrade(socket, 404, { code: 'NOT_FOUND', message: 'WebSocket is served on /ws only' });
    const verdict = judgeRequest(req, url, { token: ctx.token, cookieName: ctx.cookieName(), kind: 'websocket' });
    if (!verdict.ok) {
      const delayMs = noteRefusal(ctx, req, url.pathname, verdict.reason, 'websocket');
      if (delayMs > 0) await sleep(delayMs);
      return rejectUpgrade(socket, verdict.status, { code: 'UNAUTHORIZED', message: refusalMessage(verdict.reason) });
    }
    ctx.ws.accept(req, socket, head);
  };

  return (req, socket, head) => {
    socket.on('error', (error) => ctx.log.debug('upgrade socket error', { error: error.message }));
    handle(req, socket, head).catch((error: unknown) => {
      ctx.log.error('websocket upgrade failed', { error: String(error) });
      socket.destroy();
    });
  };
}
