/**
 * The test server's ticker (stands in for wss://ws.kite.trade): authenticates the
 * upgrade by ?api_key=&access_token=, takes JSON subscribe/unsubscribe/mode
 * requests, sends 1-byte heartbeats, binary frames built with ticker-encoder.ts and
 * text order updates. Refuses subscriptions beyond 3,000 instruments per connection
 * and a fourth connection per key, as Kite does. Fault switches: silence (no
 * heartbeats, no ticks, socket left open) and abrupt close.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodeFrame, heartbeatFrame } from './ticker-encoder';
import type { KitePacket } from '../../../brokers/kite/ticker-packets';

export const MAX_TOKENS_PER_CONNECTION = 3_000;
export const MAX_CONNECTIONS_PER_KEY = 3;

export interface TickerConnection {
  id: number;
  socket: WebSocket;
  tokens: Set<number>;
  modes: Map<number, string>;
  silent: boolean;
}

export interface TickerRequestLog {
  connection: number;
  action: string;
  tokens: number[];
  mode: string | null;
}

export class TickerServer {
  readonly connections = new Set<TickerConnection>();
  /** Every JSON request received, in order: tests assert resubscription here. */
  readonly requests: TickerRequestLog[] = [];
  /** Upgrades refused (bad token, too many connections). */
  refused = 0;
  #nextId = 1;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #timer: NodeJS.Timeout;

  constructor(
    server: Server,
    private readonly auth: (apiKey: string | null, token: string | null) => boolean,
    heartbeatMs: number,
  ) {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.#upgrade(req, socket, head));
    this.#timer = setInterval(() => {
      for (const c of this.connections) if (!c.silent) c.socket.send(heartbeatFrame());
    }, heartbeatMs);
    this.#timer.unref();
  }

  #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refuse = (status: number, text: string) => {
      this.refused += 1;
      socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${text}`);
    };
    if (url.pathname !== '/') return refuse(404, 'Not Found');
    if (!this.auth(url.searchParams.get('api_key'), url.searchParams.get('access_token'))) return refuse(403, 'Forbidden');
    if (this.connections.size >= MAX_CONNECTIONS_PER_KEY) return refuse(429, 'Too Many Connections');
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws));
  }

  #accept(socket: WebSocket): void {
    const connection: TickerConnection = { id: this.#nextId++, socket, tokens: new Set(), modes: new Map(), silent: false };
    this.connections.add(connection);
    socket.on('close', () => this.connections.delete(connection));
    socket.on('error', () => this.connections.delete(connection));
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      this.#request(connection, String(data));
    });
  }

  #request(c: TickerConnection, text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return this.#error(c, 'invalid JSON');
    }
    if (typeof message !== 'object' || message === null) return this.#error(c, 'invalid message');
    const { a, v } = message as { a?: unknown; v?: unknown };
    if (a === 'subscribe' || a === 'unsubscribe') {
      const tokens = Array.isArray(v) ? v.filter((t): t is number => typeof t === 'number') : [];
      this.requests.push({ connection: c.id, action: a, tokens, mode: null });
      if (a === 'unsubscribe') {
        for (const t of tokens) c.tokens.delete(t);
        return;
      }
      const fresh = tokens.filter((t) => !c.tokens.has(t));
      if (c.tokens.size + fresh.length > MAX_TOKENS_PER_CONNECTION) {
        return this.#error(c, `Subscription limit exceeded: at most ${MAX_TOKENS_PER_CONNECTION} instruments per connection`);
      }
      for (const t of fresh) {
        c.tokens.add(t);
        c.modes.set(t, 'quote');
      }
      return;
    }
    if (a === 'mode' && Array.isArray(v) && typeof v[0] === 'string' && Array.isArray(v[1])) {
      const mode = v[0];
      const tokens = (v[1] as unknown[]).filter((t): t is number => typeof t === 'number');
      this.requests.push({ connection: c.id, action: 'mode', tokens, mode });
      for (const t of tokens) if (c.tokens.has(t)) c.modes.set(t, mode);
      return;
    }
    this.#error(c, 'unknown request');
  }

  #error(c: TickerConnection, message: string): void {
    c.socket.send(JSON.stringify({ type: 'error', data: message }));
  }

  /** One frame per connection holding the packets of the tokens it follows. */
  sendPackets(packets: readonly KitePacket[]): number {
    let sent = 0;
    for (const c of this.connections) {
      if (c.silent) continue;
      const mine = packets.filter((p) => c.tokens.has(p.token));
      if (mine.length === 0) continue;
      c.socket.send(encodeFrame(mine));
      sent += mine.length;
    }
    return sent;
  }

  /** Any bytes as one binary frame to every connection (malformed frames). */
  sendRaw(bytes: Uint8Array): void {
    for (const c of this.connections) if (!c.silent) c.socket.send(bytes);
  }

  /** A text message to every connection (order updates). */
  sendText(text: string): void {
    for (const c of this.connections) if (!c.silent) c.socket.send(text);
  }

  /** Fault: current connections stop sending anything but stay open. */
  goSilent(): void {
    for (const c of this.connections) c.silent = true;
  }

  /** Fault: drop every connection without a close frame. */
  closeAbruptly(): void {
    for (const c of this.connections) c.socket.terminate();
  }

  close(): void {
    clearInterval(this.#timer);
    for (const c of this.connections) c.socket.terminate();
    this.#wss.close();
  }
}
