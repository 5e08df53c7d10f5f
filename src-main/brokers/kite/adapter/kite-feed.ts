/**
 * Kite's live ticker as a Feed. Frames are decoded (ticker-decoder.ts), normalised
 * (ticker-tick.ts) and staged through the same tick guard and COPY encoding as the
 * simulated feed (tick-stage.ts), one batch per frame (Kite packs every changed
 * instrument of a connection into one frame). Decode and conversion problems are
 * counted, never thrown.
 *
 * Subscriptions are spread over up to 3 sockets of ≤ 3,000 instruments (Kite's
 * limits per API key); each socket watches its own heartbeats and resubscribes its
 * own tokens after a reconnect (kite-connection.ts). Socket 1 always opens, even with
 * nothing subscribed, because it also carries the order updates for the broker.
 */
import type { Instrument } from '../../../../src-shared/domain/instrument';
import type { FeedWireProblems } from '../../../../src-shared/market/wire-problems';
import type { Logger } from '../../../log';
import { createTickStage, type TickStage } from '../../../market/ingest/tick-stage';
import type { Feed } from '../../../market/feed-port';
import { FeedListeners, Listeners } from '../../../market/feed-listeners';
import { createDecodeCounters, decodeFrame, tally, type DecodeCounters, type DecodeErrorKind } from '../ticker-decoder';
import { toTick, type ToTickFailure } from '../ticker-tick';
import { parseKiteTextMessage, type KiteOrderUpdate } from '../text-messages';
import type { BackoffOptions } from '../../socket/backoff';
import { KiteConnection, type TickerMode } from './kite-connection';
import { SESSION_EXPIRED_MESSAGE, type KiteSession } from './kite-session';

export interface KiteFeedOptions {
  session: KiteSession;
  /** wss://ws.kite.trade in production; the test server's ws:// URL in tests. */
  wsUrl: string;
  /** The instrument master (downloaded or loaded from `instruments`). */
  loadInstruments: () => Promise<readonly Instrument[]>;
  log: Logger;
  mode?: TickerMode;
  /** Silence longer than this drops and redials a socket (default 5 s; Kite beats every 1 s). */
  heartbeatTimeoutMs?: number;
  backoff?: BackoffOptions;
  maxPerConnection?: number;
  maxConnections?: number;
  /** How long connect() waits for the first socket (default 10 s); it resolves either way. */
  connectWaitMs?: number;
}

export interface KiteFeedCounters {
  decode: DecodeCounters;
  /** Packets decoded but not turned into ticks, by reason. */
  convert: Record<ToTickFailure, number>;
  /** Text messages that were not valid JSON of a known shape. */
  badText: number;
  /** Tokens refused because every connection was full. */
  overLimit: number;
}

/**
 * Where each Kite counter goes on the broker-neutral health line. Typed as exhaustive
 * records so a new decode error or conversion failure does not compile until it is
 * placed. `badText` → badMessages and `overLimit` → refusedSubscriptions one to one.
 *
 * badFrames: every decode error. Frame-level ones (empty-frame, truncated,
 * count-mismatch, trailing-bytes) count once per frame, packet-level ones (zero-length,
 * unknown-mode, segment-mismatch) once per packet: each is data the wire lost.
 */
const DECODE_ERROR_CATEGORY: Readonly<Record<DecodeErrorKind, 'badFrames'>> = {
  'empty-frame': 'badFrames',
  truncated: 'badFrames',
  'zero-length': 'badFrames',
  'unknown-mode': 'badFrames',
  'segment-mismatch': 'badFrames',
  'count-mismatch': 'badFrames',
  'trailing-bytes': 'badFrames',
};
/**
 * A packet that decoded but is no tick: a token of 0 or a segment byte we cannot price
 * names no instrument we know (unknownInstruments); a price finer than a paisa is a
 * value the packet cannot carry, so that packet is bad data (badFrames). Tokens that are
 * well formed but absent from the master are the tick guard's 'unknownToken' drops,
 * already on the health line, and are not counted again here.
 */
const CONVERT_CATEGORY: Readonly<Record<ToTickFailure, 'badFrames' | 'unknownInstruments'>> = {
  'bad-token': 'unknownInstruments',
  'unknown-segment': 'unknownInstruments',
  'sub-paise': 'badFrames',
};

export class KiteFeed implements Feed {
  readonly name = 'kite';
  readonly simulated = false;
  readonly persist = true;
  readonly counters: KiteFeedCounters = {
    decode: createDecodeCounters(),
    convert: { 'bad-token': 0, 'unknown-segment': 0, 'sub-paise': 0 },
    badText: 0,
    overLimit: 0,
  };
  readonly connections: KiteConnection[] = [];
  readonly #o: KiteFeedOptions;
  readonly #listeners = new FeedListeners();
  readonly onBatch = this.#listeners.onBatch;
  readonly status = this.#listeners.status;
  readonly onStatus = this.#listeners.onStatus;
  readonly #orders = new Listeners<KiteOrderUpdate>();
  /** Order updates from the ticker's text messages, for the broker adapter. */
  readonly onOrderUpdate = this.#orders.add;
  #instruments: readonly Instrument[] = [];
  #stage: TickStage | null = null;
  #sessionError: string | null = null;
  #limitError: string | null = null;
  #running = false;
  #unhook: (() => void)[] = [];

  constructor(options: KiteFeedOptions) {
    this.#o = options;
  }

  async reloadInstruments(): Promise<void> {
    this.#instruments = await this.#o.loadInstruments();
    this.#stage?.guard.setKnownTokens(this.#instruments.map((i) => i.token));
  }

  async connect(): Promise<void> {
    this.#instruments = await this.#o.loadInstruments();
    this.#stage = createTickStage({ knownTokens: this.#instruments.map((i) => i.token), persist: true, flags: 0, maxAheadMs: 60_000 });
    this.#running = true;
    this.#unhook = [
      this.#o.session.onSessionExpired((message) => this.#expired(message)),
      this.#o.session.onRenewed(() => {
        this.#sessionError = null;
        if (this.#running) this.connections.forEach((c, i) => (i === 0 || c.tokens.size > 0) && c.start());
        this.#update();
      }),
    ];
    const first = this.#connection(0);
    this.connections.forEach((c, i) => (i === 0 || c.tokens.size > 0) && c.start());
    const deadline = Date.now() + (this.#o.connectWaitMs ?? 10_000);
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (first.open || this.#sessionError !== null || Date.now() > deadline || !this.#running) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    this.#update();
  }

  async disconnect(): Promise<void> {
    this.#running = false;
    for (const unhook of this.#unhook) unhook();
    this.#unhook = [];
    for (const c of this.connections) c.stop();
    this.#update();
  }

  instruments(): readonly Instrument[] {
    return this.#instruments;
  }

  subscribe(tokens: readonly number[]): void {
    const max = this.#o.maxPerConnection ?? 3_000;
    const maxConnections = this.#o.maxConnections ?? 3;
    const planned = this.connections.map((c) => c.tokens.size);
    const perConnection = new Map<number, number[]>();
    let refused = 0;
    for (const token of new Set(tokens)) {
      if (this.connections.some((c) => c.tokens.has(token))) continue;
      let index = planned.findIndex((n) => n < max);
      if (index < 0 && planned.length < maxConnections) index = planned.push(0) - 1;
      if (index < 0) {
        refused += 1;
        continue;
      }
      planned[index] = (planned[index] ?? 0) + 1;
      perConnection.set(index, [...(perConnection.get(index) ?? []), token]);
    }
    for (const [index, list] of perConnection) {
      const connection = this.#connection(index);
      connection.subscribe(list);
      if (this.#running) connection.start();
    }
    if (refused > 0) {
      this.counters.overLimit += refused;
      this.#limitError = `Kite allows ${maxConnections * max} instruments per API key; ${refused} not subscribed`;
      this.#o.log.warn('kite subscription limit reached', { refused });
    }
    this.#update();
  }

  unsubscribe(tokens: readonly number[]): void {
    for (const c of this.connections) c.unsubscribe(tokens);
    this.#limitError = null;
    this.#update();
  }

  now(): number {
    return Date.now();
  }

  /** The counters above, folded into the health line's four totals (mapping: DECODE_ERROR_CATEGORY, CONVERT_CATEGORY). */
  wireProblems(): FeedWireProblems {
    const totals: FeedWireProblems = { badFrames: 0, unknownInstruments: 0, badMessages: this.counters.badText, refusedSubscriptions: this.counters.overLimit };
    for (const [kind, category] of Object.entries(DECODE_ERROR_CATEGORY) as [DecodeErrorKind, 'badFrames'][]) totals[category] += this.counters.decode.errors[kind];
    for (const [reason, category] of Object.entries(CONVERT_CATEGORY) as [ToTickFailure, 'badFrames' | 'unknownInstruments'][]) totals[category] += this.counters.convert[reason];
    return totals;
  }

  #connection(index: number): KiteConnection {
    const existing = this.connections[index];
    if (existing) return existing;
    const connection = new KiteConnection({
      index,
      url: () => {
        const token = this.#o.session.accessToken();
        if (token === null) return null;
        const url = new URL(this.#o.wsUrl);
        url.searchParams.set('api_key', this.#o.session.apiKey);
        url.searchParams.set('access_token', token);
        return url.toString();
      },
      mode: this.#o.mode ?? 'full',
      heartbeatTimeoutMs: this.#o.heartbeatTimeoutMs ?? 5_000,
      backoff: this.#o.backoff ?? {},
      onBinary: (frame) => this.#frame(frame),
      onText: (text) => this.#text(text),
      onChange: () => this.#update(),
      onAuthRefused: () => this.#o.session.expire(SESSION_EXPIRED_MESSAGE),
      log: (message, fields) => this.#o.log.warn(message, fields),
    });
    this.connections[index] = connection;
    return connection;
  }

  #frame(frame: Uint8Array): void {
    const receivedAt = performance.timeOrigin + performance.now();
    const decoded = decodeFrame(frame);
    tally(this.counters.decode, decoded);
    if (decoded.packets.length === 0 || !this.#stage) return;
    const receivedAtMs = Math.floor(receivedAt);
    const ticks = [];
    for (const packet of decoded.packets) {
      const result = toTick(packet, { receivedAtMs });
      if (result.ok) ticks.push(result.tick);
      else this.counters.convert[result.reason] += 1;
    }
    if (ticks.length === 0) return;
    const batch = this.#stage.stage(ticks, receivedAt);
    this.#listeners.emitBatch(batch);
  }

  #text(text: string): void {
    const message = parseKiteTextMessage(text);
    if (message.type === 'order') this.#orders.emit(message.order);
    else if (message.type === 'error') {
      this.#limitError = `Kite ticker: ${message.message}`;
      this.#o.log.warn('kite ticker error message', { message: message.message });
      this.#update();
    } else if (message.type === 'invalid') this.counters.badText += 1;
  }

  #expired(message: string): void {
    this.#sessionError = message;
    for (const c of this.connections) c.stop();
    // A renewal (onRenewed) dials again; until then nothing retries a dead token.
    this.#update();
  }

  #update(): void {
    const active = this.connections.filter((c) => c.tokens.size > 0 || c === this.connections[0]);
    const connected = this.#running && active.length > 0 && active.every((c) => c.open);
    const socketError = active.find((c) => !c.open && c.lastError !== null)?.lastError ?? null;
    const error = this.#sessionError ?? this.#limitError ?? (connected ? null : socketError);
    const current = this.#listeners.status();
    if (connected === current.connected && error === current.error) return;
    this.#listeners.setStatus({ connected, error });
  }
}
