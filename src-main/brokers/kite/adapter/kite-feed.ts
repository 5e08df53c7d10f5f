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
import { DisposableStore } from '../../../util/disposable-store';
import { createTickStage, type TickStage } from '../../../market/ingest/tick-stage';
import type { Feed } from '../../../market/feed-port';
import { FeedListeners, Listeners } from '../../../market/feed-listeners';
import { createDecodeCounters, decodeFrame, tally, type DecodeCounters, type DecodeErrorKind } from '../ticker-decoder';
import { toTick, type ToTickFailure } from '../ticker-tick';
import { parseKiteTextMessage, type KiteOrderUpdate } from '../text-messages';
import type { BackoffOptions } from '../../socket/backoff';
import { SocketPool } from '../../socket/socket-pool';
import { foldWireProblems, type WireCategory } from '../../socket/wire-totals';
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
const DECODE_ERROR_CATEGORY: Readonly<Record<DecodeErrorKind, WireCategory>> = {
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
const CONVERT_CATEGORY: Readonly<Record<ToTickFailure, WireCategory>> = {
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
  readonly #o: KiteFeedOptions;
  readonly #listeners = new FeedListeners();
  readonly onBatch = this.#listeners.onBatch;
  readonly status = this.#listeners.status;
  readonly onStatus = this.#listeners.onStatus;
  readonly #orders = new Listeners<KiteOrderUpdate>();
  /** Order updates from the ticker's text messages, for the broker adapter. */
  readonly onOrderUpdate = this.#orders.add;
  readonly #pool: SocketPool<KiteConnection>;
  #instruments: readonly Instrument[] = [];
  #stage: TickStage | null = null;
  readonly #hooks = new DisposableStore();

  constructor(options: KiteFeedOptions) {
    this.#o = options;
    const perSocket = options.maxPerConnection ?? 3_000;
    const sockets = options.maxConnections ?? 3;
    this.#pool = new SocketPool({
      create: (index) => this.#connection(index, perSocket),
      maxSockets: sockets,
      listeners: this.#listeners,
      refusedMessage: (refused) => `Kite allows ${sockets * perSocket} instruments per API key; ${refused} not subscribed`,
      onRefused: (refused) => (this.counters.overLimit += refused),
      log: options.log,
      name: 'kite',
    });
  }

  /** The ticker sockets, first to last (tests, diagnostics). */
  get connections(): readonly KiteConnection[] {
    return this.#pool.sockets;
  }

  /** How many tokens it takes (the market sizes its subscriptions by it). */
  get capacity(): number {
    return (this.#o.maxConnections ?? 3) * (this.#o.maxPerConnection ?? 3_000);
  }

  async reloadInstruments(): Promise<void> {
    this.#instruments = await this.#o.loadInstruments();
    this.#stage?.guard.setKnownTokens(this.#instruments.map((i) => i.token));
  }

  async connect(): Promise<void> {
    this.#instruments = await this.#o.loadInstruments();
    this.#stage = createTickStage({ knownTokens: this.#instruments.map((i) => i.token), persist: true, flags: 0, maxAheadMs: 60_000 });
    const pool = this.#pool;
    pool.running = true;
    this.#hooks.add(this.#o.session.onSessionExpired((message) => this.#expired(message)));
    this.#hooks.add(
      this.#o.session.onRenewed(() => {
        pool.sessionError = null;
        if (pool.running) pool.startAll();
        pool.update();
      }),
    );
    pool.socket(0);
    pool.startAll();
    await pool.waitForFirst(this.#o.connectWaitMs ?? 10_000);
    pool.update();
  }

  async disconnect(): Promise<void> {
    this.#pool.running = false;
    this.#hooks.dispose();
    this.#pool.stopAll();
    this.#pool.update();
  }

  instruments(): readonly Instrument[] {
    return this.#instruments;
  }

  subscribe(tokens: readonly number[]): void {
    this.#pool.subscribe(tokens);
  }

  unsubscribe(tokens: readonly number[]): void {
    this.#pool.unsubscribe(tokens);
  }

  now(): number {
    return Date.now();
  }

  /** The counters above, folded into the health line's four totals (mapping: DECODE_ERROR_CATEGORY, CONVERT_CATEGORY). */
  wireProblems(): FeedWireProblems {
    const c = this.counters;
    return foldWireProblems({ badFrames: 0, unknownInstruments: 0, badMessages: c.badText, refusedSubscriptions: c.overLimit }, [DECODE_ERROR_CATEGORY, c.decode.errors], [CONVERT_CATEGORY, c.convert]);
  }

  #connection(index: number, maxTokens: number): KiteConnection {
    return new KiteConnection({
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
      maxTokens,
      heartbeatTimeoutMs: this.#o.heartbeatTimeoutMs ?? 5_000,
      backoff: this.#o.backoff ?? {},
      onBinary: (frame) => this.#frame(frame),
      onText: (text) => this.#text(text),
      onChange: () => this.#pool.update(),
      onAuthRefused: () => this.#o.session.expire(SESSION_EXPIRED_MESSAGE),
      log: (message, fields) => this.#o.log.warn(message, fields),
    });
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
      this.#pool.limitError = `Kite ticker: ${message.message}`;
      this.#o.log.warn('kite ticker error message', { message: message.message });
      this.#pool.update();
    } else if (message.type === 'invalid') this.counters.badText += 1;
  }

  #expired(message: string): void {
    this.#pool.sessionError = message;
    this.#pool.stopAll();
    // A renewal (onRenewed) dials again; until then nothing retries a dead token.
    this.#pool.update();
  }
}
