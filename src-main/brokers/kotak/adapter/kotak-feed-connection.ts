/**
 * One HSM socket (protocol: hsm/hsm-protocol.ts). Like KiteConnection it leaves "never go
 * quiet" (reconnection with backoff, the watchdog) to ReconnectingSocket and adds its
 * protocol: RESUBSCRIPTION of everything it carries once the server has accepted the
 * session again (topics and subscriptions die with the socket), acks and keepalives.
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
import type { BackoffOptions } from '../../socket/backoff';
import { ReconnectingSocket } from '../../socket/reconnecting-socket';
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
  acksSent = 0;
  readonly #topics = new TopicTable();
  readonly #perChannel = new Map<number, number>();
  readonly #link: ReconnectingSocket;
  /** The credentials the current socket was dialled with. */
  #session: { token: string; sid: string } | null = null;
  #ready = false;
  #ackEvery = 0;
  #sinceAck = 0;
  #lastKeepalive = 0;

  constructor(private readonly o: KotakFeedConnectionOptions) {
    const name = `market data connection ${o.index + 1}`;
    this.#link = new ReconnectingSocket({
      ...o, // index, heartbeatTimeoutMs, backoff, onChange, onAuthRefused, log
      name,
      url: () => {
        this.#session = o.credentials();
        return this.#session && o.url;
      },
      noSession: 'no Kotak session',
      refused: (status) => `Kotak's market data refused the connection (HTTP ${status})`,
      authStatuses: [401, 403],
      silentLog: 'kotak hsm silent; reconnecting',
      ping: true,
      onOpen: () => {
        this.#lastKeepalive = Date.now();
        this.#topics.clear();
        this.#ackEvery = 0;
        this.#sinceAck = 0;
        if (this.#session) this.#send([encodeConnect(this.#session.token, this.#session.sid)]);
      },
      onMessage: (message) => (typeof message === 'string' ? o.onText() : this.#frame(message)),
      onClose: () => {
        this.#link.lastError ??= `${name} closed`;
      },
      onDrop: () => {
        this.#ready = false;
        this.#topics.clear();
      },
      onTick: (now) => {
        if (o.jsonHeartbeatMs > 0 && this.#ready && now - this.#lastKeepalive >= o.jsonHeartbeatMs) {
          this.#lastKeepalive = now;
          this.#send([encodeJsonHeartbeat()]);
        }
      },
    });
  }

  /** The server accepted the session: subscriptions are live. */
  get open(): boolean {
    return this.#ready;
  }

  get capacity(): number {
    return CHANNELS * MAX_SCRIPS_PER_CHANNEL - this.tokens.size;
  }

  /** Reconnections scheduled so far and their delays (health line, tests). */
  get delays(): number[] {
    return this.#link.delays;
  }

  get lastError(): string | null {
    return this.#link.lastError;
  }

  start(): void {
    this.#link.start();
  }

  stop(): void {
    this.#link.stop();
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

  #frame(frame: Uint8Array): void {
    const receivedAt = performance.timeOrigin + performance.now();
    const result = decodeServerFrame(frame, { acks: this.#ackEvery > 0 });
    this.o.onDecoded(result);
    const message = result.message;
    if (message === null) return;
    switch (message.type) {
      case 'connection':
        if (!message.ok) {
          this.#link.lastError = `Kotak's market data refused the session (status ${JSON.stringify(message.status)})`;
          this.#link.drop();
          this.o.onAuthRefused(this.#link.lastError);
          this.o.onChange();
          return;
        }
        this.#ready = true;
        this.#ackEvery = message.ackEvery;
        this.#link.proven();
        this.#link.lastError = null;
        this.#resubscribe();
        this.o.onChange();
        return;
      case 'status':
        if (!message.ok) {
          this.#link.lastError = `Kotak's market data refused a ${message.of} request`;
          this.o.log('kotak hsm request refused', { connection: this.o.index, of: message.of });
          this.o.onChange();
        }
        return;
      case 'data':
        // Anything heard after a (re)connect proves the link: the next drop starts from a short delay.
        this.#link.proven();
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
    this.#link.send(...frames);
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
