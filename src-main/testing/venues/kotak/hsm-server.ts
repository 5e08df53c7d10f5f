/**
 * A loopback stand-in for Kotak's HSM market-data socket (wss://mlhsm.kotaksecurities.com)
 * on 127.0.0.1, port 0, speaking the protocol of hsm/hsm-protocol.ts with the codec's
 * server-side encoders. It knows only the documented protocol, so the feed under test
 * cannot lean on anything the real server lacks.
 *
 * - connect: accepted when (token, sid) is a session added with addSession; anything else
 *   gets the protocol's refusal (connection response "N") and the socket is closed.
 * - subscribe / unsubscribe: ≤ 100 scrips per request and ≤ 3,000 per socket (the SDK's
 *   limits), answered with a status response; requests before connect are refused.
 * - push(quotes): per socket, a SNAP the first time a subscribed topic is sent, UPDATEs
 *   carrying only the changed fields afterwards (TRASH elsewhere), several topics per frame.
 * - acks: with `ackEvery` the connection response asks for an ack every N data frames;
 *   every data frame carries a message number and the acks received are recorded.
 * - faults: goSilent (no frames, no pongs, socket left open), dropAll (no close frame),
 *   sendRaw (garbage), expireSessions (every later connect is refused).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { HsmEntry } from '../../../brokers/kotak/hsm/hsm-decoder';
import { MAX_SCRIPS_PER_REQUEST, MAX_SCRIPS_PER_SOCKET, STRING_FIELD, type TopicKind } from '../../../brokers/kotak/hsm/hsm-protocol';
import { decodeClientRequest } from './hsm-request-decoder';
import { topicName } from '../../../brokers/kotak/hsm/hsm-requests';
import { encodeConnectionResponse, encodeDataFrame, encodeStatusResponse } from './hsm-server-frames';

export interface HsmQuote {
  kind: TopicKind;
  segment: string;
  token: string;
  /** Field index → raw value (see SCRIP_FIELD / INDEX_FIELD). */
  values: Readonly<Record<number, number>>;
  tradingSymbol?: string;
}

export interface HsmServerConnection {
  id: number;
  socket: WebSocket;
  authenticated: boolean;
  /** Topic name ("sf|nse_cm|11536") → channel. */
  subscribed: Map<string, number>;
  /** Topic name → the id and values this socket was last sent. */
  sent: Map<string, { id: number; values: Map<number, number> }>;
  silent: boolean;
  nextTopicId: number;
  nextMessage: number;
}

export interface HsmRequestLog {
  connection: number;
  type: 'connect' | 'subscribe' | 'unsubscribe' | 'ack' | 'invalid' | 'text';
  kind?: TopicKind;
  /** "nse_cm|11536" per scrip. */
  scrips?: string[];
  channel?: number;
  detail?: string;
}

export interface HsmTestServerOptions {
  /** Ask for an ack every N data frames (default 0: no acks, no message numbers). */
  ackEvery?: number;
}

export class HsmTestServer {
  readonly connections = new Set<HsmServerConnection>();
  /** Every request received, in order: tests assert (re)subscription here. */
  readonly requests: HsmRequestLog[] = [];
  /** Message numbers acknowledged by clients. */
  readonly acks: number[] = [];
  /** Connects refused for a bad session. */
  refused = 0;
  readonly #sessions = new Map<string, string>();
  readonly #http: Server;
  readonly #wss: WebSocketServer;
  readonly #ackEvery: number;
  #nextId = 1;
  #port = 0;

  constructor(options: HsmTestServerOptions = {}) {
    this.#ackEvery = options.ackEvery ?? 0;
    this.#http = createServer((_req, res) => res.writeHead(426).end());
    // Pongs by hand, so a "silent" server stops answering the client's liveness pings too.
    this.#wss = new WebSocketServer({ server: this.#http, autoPong: false });
    this.#wss.on('connection', (socket) => this.#accept(socket));
  }

  static async start(options: HsmTestServerOptions = {}): Promise<HsmTestServer> {
    const server = new HsmTestServer(options);
    await new Promise<void>((resolve) => server.#http.listen(0, '127.0.0.1', resolve));
    server.#port = (server.#http.address() as AddressInfo).port;
    return server;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.#port}`;
  }

  addSession(token: string, sid: string): void {
    this.#sessions.set(token, sid);
  }

  /** Every session stops working (the daily expiry); open sockets stay until dropped. */
  expireSessions(): void {
    this.#sessions.clear();
  }

  /** Sends the quotes to every socket subscribed to them; returns the number of topics sent. */
  push(quotes: readonly HsmQuote[]): number {
    let sent = 0;
    for (const c of this.connections) {
      if (c.silent || !c.authenticated) continue;
      const entries: HsmEntry[] = [];
      for (const quote of quotes) {
        const name = topicName(quote.kind, quote);
        if (!c.subscribed.has(name)) continue;
        entries.push(this.#entry(c, name, quote));
      }
      if (entries.length === 0) continue;
      c.socket.send(encodeDataFrame(entries, this.#ackEvery > 0 ? c.nextMessage++ : null));
      sent += entries.length;
    }
    return sent;
  }

  /** Any bytes as one binary frame to every authenticated socket. */
  sendRaw(bytes: Uint8Array): void {
    for (const c of this.connections) if (!c.silent && c.authenticated) c.socket.send(bytes);
  }

  goSilent(): void {
    for (const c of this.connections) c.silent = true;
  }

  dropAll(): void {
    for (const c of this.connections) c.socket.terminate();
  }

  /** Scrips ("nse_cm|11536") currently subscribed on any socket. */
  subscribedScrips(): string[] {
    return [...this.connections].flatMap((c) => [...c.subscribed.keys()].map((name) => name.slice(name.indexOf('|') + 1)));
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.socket.terminate();
    this.#wss.close();
    this.#http.closeAllConnections();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  #accept(socket: WebSocket): void {
    const c: HsmServerConnection = { id: this.#nextId++, socket, authenticated: false, subscribed: new Map(), sent: new Map(), silent: false, nextTopicId: 1, nextMessage: 1 };
    this.connections.add(c);
    socket.on('close', () => this.connections.delete(c));
    socket.on('error', () => this.connections.delete(c));
    socket.on('ping', (data: Buffer) => {
      if (!c.silent) socket.pong(data);
    });
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (c.silent) return;
      if (!isBinary) {
        this.requests.push({ connection: c.id, type: 'text', detail: data.toString('utf8') });
        return;
      }
      this.#request(c, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    });
  }

  #request(c: HsmServerConnection, bytes: Uint8Array): void {
    const request = decodeClientRequest(bytes);
    switch (request.type) {
      case 'invalid':
        this.requests.push({ connection: c.id, type: 'invalid', detail: request.reason });
        return;
      case 'ack':
        this.requests.push({ connection: c.id, type: 'ack' });
        this.acks.push(request.messageNumber);
        return;
      case 'connect': {
        this.requests.push({ connection: c.id, type: 'connect' });
        const ok = this.#sessions.get(request.token) === request.sid;
        c.socket.send(encodeConnectionResponse(ok, this.#ackEvery));
        if (ok) c.authenticated = true;
        else {
          this.refused += 1;
          c.socket.close();
        }
        return;
      }
      default: {
        const scrips = request.scrips.map((s) => `${s.segment}|${s.token}`);
        this.requests.push({ connection: c.id, type: request.type, kind: request.kind, scrips, channel: request.channel });
        const names = request.scrips.map((s) => topicName(request.kind, s));
        const fresh = names.filter((n) => !c.subscribed.has(n)).length;
        const ok = c.authenticated && names.length <= MAX_SCRIPS_PER_REQUEST && (request.type === 'unsubscribe' || c.subscribed.size + fresh <= MAX_SCRIPS_PER_SOCKET);
        if (ok) {
          for (const name of names) {
            if (request.type === 'subscribe') c.subscribed.set(name, request.channel);
            else {
              c.subscribed.delete(name);
              c.sent.delete(name);
            }
          }
        }
        c.socket.send(encodeStatusResponse(request.type, ok));
      }
    }
  }

  /** SNAP on first sight, else an UPDATE of the changed fields only. */
  #entry(c: HsmServerConnection, name: string, quote: HsmQuote): HsmEntry {
    const indexes = Object.keys(quote.values).map(Number);
    const length = indexes.length === 0 ? 0 : Math.max(...indexes) + 1;
    const known = c.sent.get(name);
    if (!known) {
      const id = c.nextTopicId++;
      c.sent.set(name, { id, values: new Map(indexes.map((i) => [i, quote.values[i] ?? 0])) });
      const strings = [
        { id: STRING_FIELD.TOKEN, value: quote.token },
        { id: STRING_FIELD.SEGMENT, value: quote.segment },
        ...(quote.tradingSymbol ? [{ id: STRING_FIELD.TRADING_SYMBOL, value: quote.tradingSymbol }] : []),
      ];
      return { kind: 'snap', topicId: id, name, values: Array.from({ length }, (_, i) => quote.values[i] ?? null), strings };
    }
    const values = Array.from({ length }, (_, i) => {
      const value = quote.values[i];
      if (value === undefined || known.values.get(i) === value) return null;
      known.values.set(i, value);
      return value;
    });
    return { kind: 'update', topicId: known.id, values };
  }
}
