/**
 * A local HTTP server on 127.0.0.1 that speaks Kotak Neo API v2 as MARKET-FACTS and
 * Kotak's published examples describe it, for the adapter's tests (no internet here):
 *
 *   POST /login/1.0/tradeApiLogin     Authorization: consumer key, {mobileNumber, ucc, totp}
 *   POST /login/1.0/tradeApiValidate  + sid, Auth (view token), {mpin} → trade token, sid, baseUrl
 *   under the per-user baseUrl (`/u/<ucc>` here, so a client ignoring it fails):
 *   GET  /script-details/1.0/masterscrip/file-paths, then each file URL
 *   POST /quick/order/rule/ms/place | /quick/order/vr/modify | /quick/order/cancel  (form jData)
 *   GET  /quick/user/orders, GET /quick/user/trades, POST /quick/order/history
 *
 * Kotak's habits reproduced: every jData value must be a string; SL-M from an API
 * session is refused ("Market order with Algo Id not allowed"); "0.0" is refused where
 * "0" is meant; throttling is WSO2's 429 {"code":"900800"}; an invalid session is
 * HTTP 401 with the gateway's 9009xx body. Faults (HTML page, dropped connection with
 * or without the order taken, delay, expired session) are switched on per path.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeBase32, verifyTotp } from '../../../brokers/kotak/adapter/totp';
import { TestVenue } from './order-book';
import { checkCancel, checkModify, checkPlace } from './wire-checks';

export type KotakFault =
  | { kind: 'html'; status?: number }
  | { kind: 'drop' }
  /** The request is carried out, then the connection dies before the answer. */
  | { kind: 'drop-after' }
  | { kind: 'delay'; ms: number };

export interface KotakTestServerOptions {
  consumerKey: string;
  mobile: string;
  ucc: string;
  /** Base32, as an authenticator app would hold it. */
  totpSecret: string;
  mpin: string;
  /** Order calls (place/modify/cancel) allowed per rolling second; beyond → 429. */
  ordersPerSecond?: number;
  freezeQty?: number;
  /** Scrip master files by file name ("nse_fo.csv", "nse_cm-v1.csv"). */
  scripFiles?: Record<string, string>;
  clock?: () => number;
}

interface Recorded {
  path: string;
  headers: IncomingMessage['headers'];
  jData: Record<string, unknown> | null;
}

export class KotakTestServer {
  readonly venue: TestVenue;
  /** Every trading request received, in order (tests assert on the wire). */
  readonly received: Recorded[] = [];
  #server: Server | null = null;
  #origin = '';
  readonly #views = new Map<string, string>(); // view token → sid
  readonly #sessions = new Map<string, string>(); // trade token → sid
  readonly #faults: Array<{ path: string; fault: KotakFault; times: number }> = [];
  readonly #orderCalls: number[] = [];
  readonly #clock: () => number;
  readonly #key: Buffer;

  constructor(readonly options: KotakTestServerOptions) {
    this.#clock = options.clock ?? Date.now;
    const key = decodeBase32(options.totpSecret);
    if (key === null) throw new Error('test server: the TOTP secret is not base32');
    this.#key = key;
    this.venue = new TestVenue(this.#clock, options.freezeQty ?? 1801);
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    this.#origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Where tradeApiLogin/tradeApiValidate live. */
  get loginUrl(): string {
    return `${this.#origin}/login/1.0`;
  }

  /** The per-user base URL handed out at login. */
  get baseUrl(): string {
    return `${this.#origin}/u/${this.options.ucc}`;
  }

  /** Applies `fault` to the next `times` requests whose path ends with `path`. */
  fault(path: string, fault: KotakFault, times = 1): void {
    this.#faults.push({ path, fault, times });
  }

  /** Every trade token stops working, as at the daily expiry. */
  expireSessions(): void {
    this.#sessions.clear();
  }

  placed(): Array<Record<string, unknown>> {
    return this.received.filter((r) => r.path.endsWith('/quick/order/rule/ms/place')).map((r) => r.jData ?? {});
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.#origin);
    const body = await readAll(req);
    const fault = this.#takeFault(url.pathname);
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === 'drop') return void req.socket.destroy();
    if (fault?.kind === 'html') {
      res.writeHead(fault.status ?? 502, { 'content-type': 'text/html' });
      return void res.end('<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>nginx</body></html>');
    }
    const [status, answer] = this.#route(req, url, body);
    if (fault?.kind === 'drop-after') return void req.socket.destroy();
    if (typeof answer === 'string') {
      res.writeHead(status, { 'content-type': 'text/csv' });
      return void res.end(answer);
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  }

  #takeFault(path: string): KotakFault | null {
    const index = this.#faults.findIndex((f) => path.endsWith(f.path));
    const entry = index >= 0 ? this.#faults[index] : undefined;
    if (!entry) return null;
    entry.times -= 1;
    if (entry.times <= 0) this.#faults.splice(index, 1);
    return entry.fault;
  }

  #route(req: IncomingMessage, url: URL, body: string): [number, unknown] {
    const path = url.pathname;
    const h = req.headers;
    if (path.startsWith('/scrip/')) return this.#scripFile(path.slice('/scrip/'.length));
    if (path.startsWith('/login/1.0/')) {
      if (h.authorization !== this.options.consumerKey || h['neo-fin-key'] !== 'neotradeapi') {
        return [401, { code: '900901', message: 'Invalid Credentials', description: 'Access failure for API: /login/1.0, version: 1.0. Make sure your API invocation call has a header: "Authorization"' }];
      }
      const json = parseJson(body);
      if (path === '/login/1.0/tradeApiLogin') return this.#login(json);
      if (path === '/login/1.0/tradeApiValidate') return this.#validate(h, json);
      return [404, { status: 'error', message: 'Not found', errorCode: '404' }];
    }
    const prefix = new URL(this.baseUrl).pathname;
    if (!path.startsWith(`${prefix}/`)) return [404, { stat: 'Not_Ok', emsg: `No such resource ${path}`, stCode: 404 }];
    const route = path.slice(prefix.length);
    if (route === '/script-details/1.0/masterscrip/file-paths') {
      if (h.authorization !== this.options.consumerKey) return [401, { code: '900901', message: 'Invalid Credentials' }];
      const files = Object.keys(this.options.scripFiles ?? {}).map((name) => `${this.#origin}/scrip/2026-01-20/transformed/${name}`);
      return [200, { data: { filesPaths: files, baseFolder: `${this.#origin}/scrip` } }];
    }
    const session = typeof h.auth === 'string' ? this.#sessions.get(h.auth) : undefined;
    if (session === undefined || session !== h.sid || h['neo-fin-key'] !== 'neotradeapi') {
      return [401, { code: '900901', message: 'Invalid Credentials', description: 'Invalid JWT token. Make sure you have provided the correct security credentials' }];
    }
    const jData = jDataOf(body);
    this.received.push({ path, headers: h, jData });
    return this.#trading(route, jData);
  }

  #trading(route: string, jData: Record<string, unknown> | null): [number, unknown] {
    const orderCall = route === '/quick/order/rule/ms/place' || route === '/quick/order/vr/modify' || route === '/quick/order/cancel';
    if (orderCall && this.#throttled()) return [429, { code: '900800', message: 'Message throttled out', description: 'You have exceeded your quota' }];
    const notOk = (emsg: string, stCode = 1009): [number, unknown] => [200, { stat: 'Not_Ok', emsg, stCode }];
    switch (route) {
      case '/quick/order/rule/ms/place': {
        const problem = checkPlace(jData);
        if (problem) return notOk(problem);
        const order = this.venue.place(jData as Record<string, string>);
        return [200, { stat: 'Ok', nOrdNo: order.nOrdNo, stCode: 200 }];
      }
      case '/quick/order/vr/modify': {
        const problem = checkModify(jData);
        if (problem) return notOk(problem);
        const terms = jData as Record<string, string>;
        const refusal = this.venue.modify(terms.no ?? '', terms);
        return refusal ? notOk(refusal, 1006) : [200, { stat: 'Ok', nOrdNo: terms.no, stCode: 200 }];
      }
      case '/quick/order/cancel': {
        const problem = checkCancel(jData);
        if (problem) return notOk(problem);
        const terms = jData as Record<string, string>;
        const on = terms.on ?? '';
        const refusal = this.venue.cancel(on, terms.am === 'YES');
        return refusal ? notOk(refusal, 1006) : [200, { stat: 'Ok', nOrdNo: on, stCode: 200 }];
      }
      case '/quick/user/orders':
        this.venue.advanceAll();
        return [200, { stat: 'Ok', stCode: 200, data: [...this.venue.orders.values()].map((o) => this.venue.row(o)) }];
      case '/quick/user/trades':
        return [200, { stat: 'Ok', stCode: 200, data: this.venue.trades.map((t) => this.venue.tradeRow(t)) }];
      case '/quick/order/history': {
        this.venue.advanceAll();
        const order = this.venue.orders.get(typeof jData?.nOrdNo === 'string' ? jData.nOrdNo : '');
        if (!order) return notOk('No Data', 1006);
        // Newest first, as Kotak lists it.
        return [200, { stat: 'Ok', stCode: 200, data: [...order.history].reverse().map((stage) => this.venue.row(order, stage)) }];
      }
      default:
        return [404, { stat: 'Not_Ok', emsg: `No such resource ${route}`, stCode: 404 }];
    }
  }

  #throttled(): boolean {
    const now = this.#clock();
    while (this.#orderCalls.length > 0 && (this.#orderCalls[0] as number) <= now - 1000) this.#orderCalls.shift();
    if (this.#orderCalls.length >= (this.options.ordersPerSecond ?? 10)) return true;
    this.#orderCalls.push(now);
    return false;
  }

  #login(json: Record<string, unknown> | null): [number, unknown] {
    const o = this.options;
    if (json?.mobileNumber !== o.mobile || json.ucc !== o.ucc) return [401, { status: 'error', message: 'Invalid credentials or TOTP.', errorCode: '401' }];
    if (typeof json.totp !== 'string' || !verifyTotp(this.#key, json.totp, this.#clock())) {
      return [401, { status: 'error', message: 'Invalid credentials or TOTP.', errorCode: '401' }];
    }
    const token = `view-${randomUUID()}`;
    const sid = randomUUID();
    this.#views.set(token, sid);
    return [200, { data: { token, sid, rid: randomUUID(), kType: 'View', status: 'success', greetingName: 'TRADER', hsServerId: '' } }];
  }

  #validate(h: IncomingMessage['headers'], json: Record<string, unknown> | null): [number, unknown] {
    const sid = typeof h.auth === 'string' ? this.#views.get(h.auth) : undefined;
    if (sid === undefined || sid !== h.sid) return [401, { status: 'error', message: 'Invalid view token or session.', errorCode: '401' }];
    if (json?.mpin !== this.options.mpin) return [401, { status: 'error', message: 'Invalid MPIN.', errorCode: '401' }];
    const token = `trade-${randomUUID()}`;
    this.#sessions.set(token, sid);
    return [200, { data: { token, sid, rid: randomUUID(), baseUrl: this.baseUrl, kType: 'Trade', status: 'success', greetingName: 'TRADER' } }];
  }

  #scripFile(rest: string): [number, unknown] {
    const name = rest.split('/').at(-1) ?? '';
    const file = this.options.scripFiles?.[name];
    return file === undefined ? [404, { message: 'No such file' }] : [200, file];
  }
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function jDataOf(body: string): Record<string, unknown> | null {
  const text = new URLSearchParams(body).get('jData');
  return text === null ? null : parseJson(text);
}
