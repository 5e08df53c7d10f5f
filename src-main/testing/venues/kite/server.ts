/**
 * A local stand-in for Kite Connect v3 on 127.0.0.1, for tests: the REST endpoints the
 * adapter uses with Kite's JSON envelope and `Authorization: token api_key:access_token`,
 * plus the ticker (ticker-server.ts) on the same port. Speaks only the documented
 * protocol, so the adapter under test cannot lean on anything the real Kite lacks.
 *
 * Fault switches (each consumed per request): an HTML error page, a delay, a dropped
 * connection, a forced 429; `expireSession()` makes the token invalid (403 TokenException).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { kiteLoginChecksum } from '../../../brokers/kite/login-checksum';
import { ServerOrderBook, type ServerOrder } from './order-book';
import { TickerServer } from './ticker-server';

export interface KiteTestServerOptions {
  apiKey?: string;
  apiSecret?: string;
  /** Request tokens the login page would have handed out. */
  requestTokens?: string[];
  instrumentsCsv?: string;
  heartbeatMs?: number;
  /** Orders per second before 429 (Kite: 10). */
  ordersPerSecond?: number;
}

export interface KiteTestFaults {
  htmlPages: number;
  drops: number;
  rateLimited: number;
  delayMs: number;
}

export class KiteTestServer {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly book: ServerOrderBook;
  readonly faults: KiteTestFaults = { htmlPages: 0, drops: 0, rateLimited: 0, delayMs: 0 };
  /** Every REST request: method, path and form (tests assert what went on the wire). */
  readonly log: { method: string; path: string; form: Record<string, string>; status: number }[] = [];
  ticker!: TickerServer;
  instrumentsCsv: string;
  #accessTokens = new Set<string>();
  #requestTokens: Set<string>;
  #orderTimes: number[] = [];
  #server: Server;
  #port = 0;

  constructor(private readonly options: KiteTestServerOptions = {}) {
    this.apiKey = options.apiKey ?? 'testkey';
    this.apiSecret = options.apiSecret ?? 'testsecret';
    this.#requestTokens = new Set(options.requestTokens ?? ['reqtoken1']);
    this.instrumentsCsv = options.instrumentsCsv ?? '';
    this.book = new ServerOrderBook((order) => this.pushOrder(order));
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#port = (this.#server.address() as AddressInfo).port;
    this.ticker = new TickerServer(this.#server, (key, token) => key === this.apiKey && token !== null && this.#accessTokens.has(token), this.options.heartbeatMs ?? 1000);
    return this;
  }

  get restRoot(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.#port}/`;
  }

  /** Issues a valid access token directly (tests that skip the login). */
  issueAccessToken(token = `acc${this.#accessTokens.size + 1}`): string {
    this.#accessTokens.add(token);
    return token;
  }

  expireSession(): void {
    this.#accessTokens.clear();
  }

  pushOrder(order: ServerOrder): void {
    this.ticker.sendText(JSON.stringify({ type: 'order', data: order }));
  }

  async close(): Promise<void> {
    this.ticker.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readAll(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const form = new URLSearchParams(req.method === 'GET' || req.method === 'DELETE' ? url.search : body);
    const method = req.method ?? 'GET';
    const entry = { method, path: url.pathname, form: Object.fromEntries(form), status: 0 };
    this.log.push(entry);
    const send = (status: number, payload: unknown, type = 'application/json') => {
      entry.status = status;
      res.writeHead(status, { 'Content-Type': type });
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
    };
    const fail = (status: number, errorType: string, message: string) => send(status, { status: 'error', error_type: errorType, message, data: null });

    if (this.faults.delayMs > 0) await new Promise((r) => setTimeout(r, this.faults.delayMs));
    if (this.faults.drops > 0) {
      this.faults.drops -= 1;
      entry.status = -1;
      req.socket.destroy();
      return;
    }
    if (this.faults.htmlPages > 0) {
      this.faults.htmlPages -= 1;
      return send(502, '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>', 'text/html');
    }
    if (method === 'POST' && url.pathname === '/session/token') return this.#login(form, send, fail);
    if (!this.#authorised(req.headers.authorization)) return fail(403, 'TokenException', 'Incorrect `api_key` or `access_token`.');
    if (method === 'GET' && url.pathname === '/instruments') return send(200, this.instrumentsCsv, 'text/csv');
    if (method === 'GET' && url.pathname === '/orders') return send(200, { status: 'success', data: [...this.book.orders.values()] });
    if (method === 'GET' && url.pathname === '/trades') return send(200, { status: 'success', data: this.book.trades });
    const single = /^\/orders\/(\d+)$/.exec(url.pathname);
    if (method === 'GET' && single) {
      const order = this.book.orders.get(single[1] ?? '');
      return order ? send(200, { status: 'success', data: [order] }) : fail(400, 'InputException', 'Invalid order_id');
    }
    const placing = /^\/orders\/(regular|amo|iceberg|co|auction)(?:\/(\d+))?$/.exec(url.pathname);
    if (placing) {
      if (this.#overRate()) return fail(429, 'NetworkException', 'Too many requests');
      const [, variety = '', orderId] = placing;
      const result =
        method === 'POST' && !orderId
          ? this.book.place(variety, form, () => 0)
          : method === 'PUT' && orderId
            ? this.book.modify(variety, orderId, form)
            : method === 'DELETE' && orderId
              ? this.book.cancel(variety, orderId)
              : 'Unsupported';
      if (typeof result === 'string') return fail(400, 'InputException', result);
      return send(200, { status: 'success', data: { order_id: result.order_id } });
    }
    return fail(404, 'GeneralException', 'Route not found');
  }

  #login(form: URLSearchParams, send: (s: number, p: unknown) => void, fail: (s: number, t: string, m: string) => void): void {
    const apiKey = form.get('api_key') ?? '';
    const requestToken = form.get('request_token') ?? '';
    if (apiKey !== this.apiKey || !this.#requestTokens.has(requestToken)) return fail(403, 'TokenException', 'Token is invalid or has expired.');
    if (form.get('checksum') !== kiteLoginChecksum(apiKey, requestToken, this.apiSecret)) return fail(403, 'TokenException', 'Invalid `checksum`.');
    this.#requestTokens.delete(requestToken);
    const accessToken = this.issueAccessToken();
    send(200, { status: 'success', data: { user_id: 'AB1234', api_key: apiKey, access_token: accessToken, login_time: '2026-01-20 08:30:00' } });
  }

  #authorised(header: string | undefined): boolean {
    const match = /^token ([^:]+):(.+)$/.exec(header ?? '');
    return match !== null && match[1] === this.apiKey && this.#accessTokens.has(match[2] ?? '');
  }

  #overRate(): boolean {
    if (this.faults.rateLimited > 0) {
      this.faults.rateLimited -= 1;
      return true;
    }
    const now = Date.now();
    this.#orderTimes = this.#orderTimes.filter((t) => now - t < 1000);
    if (this.#orderTimes.length >= (this.options.ordersPerSecond ?? 10)) return true;
    this.#orderTimes.push(now);
    return false;
  }
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}
