/**
 * One HSM socket (protocol: hsm/hsm-protocol.ts). Like KiteConnection it owns "never go
 * quiet" for one socket: reconnection with backoff, RESUBSCRIPTION of everything it carries
 * once the server has accepted the session again (topics and subscriptions die with the
 * socket), and a watchdog.
 *
 * Liveness: HSM sends nothing while the market is quiet (no heartbeat frames in the SDK),
 * so silence in data proves nothing. The watchdog sends WebSocket pings, which any RFC 6455
 * server answers; a socket that answers neither pings nor anything else for
 * `heartbeatTimeoutMs` is dropped and dialled again. The same clock covers a server that
 * accepts the socket but never answers the connect request.
 *
 * Subscriptions follow the SDK (assumption 8): channels 2..16 of ≤ 200 scrips each (so
 * ≤ 3,000 per socket), ≤ 100 scrips per request, one request per (kind, channel) chunk;
 * an unsubscribe names the channel its scrips were subscribed on.
 *
 * A connection response "N" means the session was refused: the socket stops and calls
 * onAuthRefused; it does not retry a session that will never work again (the feed dials
 * again after a new login).
 */
import WebSocket from 'ws';
import { backoffDelay, type BackoffOptions } from '../../kite/adapter/backoff';
import { decodeServerFrame, type HsmDecodeResult } from '../hsm/hsm-decoder';
import { FIRST_CHANNEL, LAST_CHANNEL, MAX_SCRIPS_PER_CHANNEL, MAX_SCRIPS_PER_REQUEST } from '../hsm/hsm-protocol';
import { encodeAck, encodeConnect, encodeJsonHeartbeat, encodeSubscribe, encodeUnsubscribe } from '../hsm/hsm-requests';
import { TopicTable, type ApplyResult } from '../hsm/hsm-topics';
import type { ScripRef } from './kotak-feed-scrips';

export interface KotakFeedConnectionOptions {
  index: number;
  url: string;
  /** The session to connect with, or null when there is none (→ onAuthRefused). */
  credentials: () => { token: string; sid: string } | null;
  scripOf: (token: number) => ScripRef | null;
  heartbeatTimeoutMs: number;
  /** 0 = never send the SDK's JSON keepalive (assumption 9). */
  jsonHeartbeatMs: number;
  backoff: BackoffOptions;
  /** Every binary frame, decoded (for the counters). */
  onDecoded(result: HsmDecodeResult): void;
  /** Topics a data frame changed, with the table's problems. */
  onTopics(applied: ApplyResult, receivedAt: number): void;
  onText(): void;
  onChange(): void;
  onAuthRefused(reason: string): void;
  log: (message: string, fields?: Record<string, unknown>) => void;
}

export const CHANNELS = LAST_CHANNEL - FIRST_CHANNEL + 1;

export class KotakFeedConnection {
  /** Our token → the channel it is subscribed on. */
  readonly tokens = new Map<number, number>();
  /** Reconnections scheduled so far and their delays (health line, tests). */
  readonly delays: number[] = [];
  acksSent = 0;
  lastError: string | null = null;
  readonly #topics = new TopicTable();
  readonly #perChannel = new Map<number, number>();
  #socket: WebSocket | null = null;
  #ready = false;
  #ackEvery = 0;
  #sinceAck = 0;
  #wanted = false;
  #attempt = 0;
  #lastHeard = 0;
  #lastKeepalive = 0;
  #retry: NodeJS.Timeout | null = null;
  #watchdog: NodeJS.Timeout | null = null;

  constructor(private readonly o: KotakFeedConnectionOptions) {}

  /** The server accepted the session: subscriptions are live. */
  get open(): boolean {
    return this.#ready;
  }

  get capacity(): number {
    return CHANNELS * MAX_SCRIPS_PER_CHANNEL - this.tokens.size;
  }

  start(): void {
    this.#wanted = true;
    this.#attempt = 0;
    if (!this.#socket && !this.#retry) this.#dial();
  }

  stop(): void {
    this.#wanted = false;
    this.#clearRetry();
    this.#drop();
  }

  /** Takes what fits (channel by channel); returns the tokens that did not. */
  subscribe(tokens: readonly number[]): number[] {
    const added = new Map<number, number[]>();
    const refused: number[] = [];
    for (const token of tokens) {
      if (this.tokens.has(token)) continue;
      const channel = this.#freeChannel();
      if (channel === null) {
        refused.push(token);
        continue;
      }
      this.tokens.set(token, channel);
      this.#perChannel.set(channel, (this.#perChannel.get(channel) ?? 0) + 1);
      added.set(channel, [...(added.get(channel) ?? []), token]);
    }
    if (this.#ready) for (const [channel, list] of added) this.#send(requests('subscribe', channel, list, this.o.scripOf));
    return refused;
  }

  unsubscribe(tokens: readonly number[]): void {
    const removed = new Map<number, number[]>();
    for (const token of tokens) {
      const channel = this.tokens.get(token);
      if (channel === undefined) continue;
      this.tokens.delete(token);
      this.#perChannel.set(channel, (this.#perChannel.get(channel) ?? 1) - 1);
      removed.set(channel, [...(removed.get(channel) ?? []), token]);
    }
    if (this.#ready) for (const [channel, list] of removed) this.#send(requests('unsubscribe', channel, list, this.o.scripOf));
  }

  #freeChannel(): number | null {
    for (let channel = FIRST_CHANNEL; channel <= LAST_CHANNEL; channel++) {
      if ((this.#perChannel.get(channel) ?? 0) < MAX_SCRIPS_PER_CHANNEL) return channel;
    }
    return null;
  }

  #dial(): void {
    const credentials = this.o.credentials();
    if (credentials === null) {
      this.lastError = 'no Kotak session';
      this.o.onAuthRefused(this.lastError);
      return;
    }
    const socket = new WebSocket(this.o.url, { handshakeTimeout: Math.max(1_000, this.o.heartbeatTimeoutMs) });
    this.#socket = socket;
    socket.binaryType = 'nodebuffer';
    socket.on('open', () => {
      this.#lastHeard = Date.now();
      this.#lastKeepalive = this.#lastHeard;
      this.#topics.clear();
      this.#ackEvery = 0;
      this.#sinceAck = 0;
      socket.send(encodeConnect(credentials.token, credentials.sid));
      this.#watch();
    });
    socket.on('pong', () => {
      this.#lastHeard = Date.now();
    });
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      this.#lastHeard = Date.now();
      if (isBinary) this.#frame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      else this.o.onText();
    });
    socket.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      this.lastError = `Kotak's market data refused the connection (HTTP ${status})`;
      this.#drop();
      if (status === 401 || status === 403) this.o.onAuthRefused(this.lastError);
      else this.#scheduleRetry();
      this.o.onChange();
    });
    socket.on('error', (error) => {
      this.lastError = `market data connection ${this.o.index + 1}: ${error.message}`;
    });
    socket.on('close', () => {
      if (this.#socket !== socket) return;
      this.lastError ??= `market data connection ${this.o.index + 1} closed`;
      this.#drop();
      this.#scheduleRetry();
      this.o.onChange();
    });
  }

  #frame(frame: Uint8Array): void {
    const receivedAt = performance.timeOrigin + performance.now();
    const result = decodeServerFrame(frame, { acks: this.#ackEvery > 0 });
    this.o.onDecoded(result);
    const message = result.message;
    if (message === null) return;
    switch (message.type) {
      case 'connection':
        if (!message.ok) {
          this.lastError = `Kotak's market data refused the session (status ${JSON.stringify(message.status)})`;
          this.#drop();
          this.o.onAuthRefused(this.lastError);
          this.o.onChange();
          return;
        }
        this.#ready = true;
        this.#ackEvery = message.ackEvery;
        this.#attempt = 0;
        this.lastError = null;
        this.#resubscribe();
        this.o.onChange();
        return;
      case 'status':
        if (!message.ok) {
          this.lastError = `Kotak's market data refused a ${message.of} request`;
          this.o.log('kotak hsm request refused', { connection: this.o.index, of: message.of });
          this.o.onChange();
        }
        return;
      case 'data':
        // Anything heard after a (re)connect proves the link: the next drop starts from a short delay.
        this.#attempt = 0;
        if (this.#ackEvery > 0 && message.messageNumber !== null && ++this.#sinceAck >= this.#ackEvery) {
          this.#sinceAck = 0;
          this.acksSent += 1;
          this.#send([encodeAck(message.messageNumber)]);
        }
        this.o.onTopics(this.#topics.apply(message.entries), receivedAt);
        return;
    }
  }

  #resubscribe(): void {
    const byChannel = new Map<number, number[]>();
    for (const [token, channel] of this.tokens) byChannel.set(channel, [...(byChannel.get(channel) ?? []), token]);
    for (const [channel, list] of byChannel) this.#send(requests('subscribe', channel, list, this.o.scripOf));
  }

  #send(frames: readonly (Uint8Array | string)[]): void {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    for (const frame of frames) socket.send(frame);
  }

  #watch(): void {
    if (this.#watchdog) clearInterval(this.#watchdog);
    const every = Math.max(10, Math.floor(this.o.heartbeatTimeoutMs / 4));
    this.#watchdog = setInterval(() => {
      const now = Date.now();
      const silence = now - this.#lastHeard;
      if (silence > this.o.heartbeatTimeoutMs) {
        this.lastError = `market data connection ${this.o.index + 1} silent for ${silence} ms; reconnecting`;
        this.o.log('kotak hsm silent; reconnecting', { connection: this.o.index, silenceMs: silence });
        this.#drop();
        this.#scheduleRetry();
        this.o.onChange();
        return;
      }
      const socket = this.#socket;
      if (socket?.readyState === WebSocket.OPEN) socket.ping();
      if (this.o.jsonHeartbeatMs > 0 && this.#ready && now - this.#lastKeepalive >= this.o.jsonHeartbeatMs) {
        this.#lastKeepalive = now;
        this.#send([encodeJsonHeartbeat()]);
      }
    }, every);
    this.#watchdog.unref();
  }

  /** Forgets the socket without waiting for a close handshake the far end may never send. */
  #drop(): void {
    if (this.#watchdog) clearInterval(this.#watchdog);
    this.#watchdog = null;
    const socket = this.#socket;
    this.#socket = null;
    this.#ready = false;
    this.#topics.clear();
    if (socket) {
      socket.removeAllListeners('close');
      socket.on('error', () => {});
      socket.terminate();
    }
  }

  #scheduleRetry(): void {
    if (!this.#wanted || this.#retry) return;
    const delay = backoffDelay(this.#attempt++, this.o.backoff);
    this.delays.push(delay);
    this.#retry = setTimeout(() => {
      this.#retry = null;
      if (this.#wanted && !this.#socket) this.#dial();
    }, delay);
    this.#retry.unref();
  }

  #clearRetry(): void {
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
  }
}

/** Subscribe / unsubscribe requests for tokens of one channel: split by kind, ≤ 100 scrips each. */
export function requests(action: 'subscribe' | 'unsubscribe', channel: number, tokens: readonly number[], scripOf: (token: number) => ScripRef | null): Uint8Array[] {
  const byKind = { scrip: [] as ScripRef['scrip'][], index: [] as ScripRef['scrip'][] };
  for (const token of tokens) {
    const ref = scripOf(token);
    if (ref) byKind[ref.kind].push(ref.scrip);
  }
  const out: Uint8Array[] = [];
  for (const kind of ['scrip', 'index'] as const) {
    const list = byKind[kind];
    for (let i = 0; i < list.length; i += MAX_SCRIPS_PER_REQUEST) {
      const chunk = list.slice(i, i + MAX_SCRIPS_PER_REQUEST);
      out.push(action === 'subscribe' ? encodeSubscribe(kind, chunk, channel) : encodeUnsubscribe(kind, chunk, channel));
    }
  }
  return out;
}
