/**
 * Kotak Neo's live market data (the HSM socket, hsm/hsm-protocol.ts) as a Feed, built
 * like KiteFeed: frames are decoded (hsm-decoder.ts), merged per topic (hsm-topics.ts),
 * normalised (hsm-tick.ts) and staged through the same tick guard and COPY encoding as
 * every feed (tick-stage.ts), one batch per frame. Decode, topic and conversion problems
 * are counted (and the first few bad frames logged), never thrown.
 *
 * Limits: ≤ 100 scrips per request and ≤ 3,000 per socket (15 channels × 200), from the
 * SDK (assumption 8). The SDK opens ONE socket per session and says nothing of a second,
 * so by default this feed does too (`maxConnections` 1) and refuses, with a clear status,
 * what does not fit; more sockets can be allowed by option if Kotak confirms they work.
 *
 * Session: the stored Kotak session (token + sid, the same one the Kotak broker uses) is
 * read at connect. A refusal by the server (or no session / one past its day) stops every
 * socket, sets the status to "Kotak session expired — log in again", tells
 * onSessionExpired once, and then looks for a NEW stored session every `sessionPollMs`:
 * a login in Settings brings the feed back without a restart.
 */
import type { Instrument } from '../../../../src-shared/domain/instrument';
import type { FeedWireProblems } from '../../../../src-shared/market/wire-problems';
import type { Logger } from '../../../log';
import { createTickStage, type TickStage } from '../../../market/ingest/tick-stage';
import type { BackoffOptions } from '../../socket/backoff';
import { SocketPool } from '../../socket/socket-pool';
import { foldWireProblems, type WireCategory } from '../../socket/wire-totals';
import type { Feed } from '../../../market/feed-port';
import { FeedListeners } from '../../../market/feed-listeners';
import { createHsmDecodeCounters, describeHsmErrors, tallyHsm, type HsmDecodeCounters, type HsmDecodeErrorKind, type HsmDecodeResult } from '../hsm/hsm-decoder';
import { MAX_SCRIPS_PER_SOCKET } from '../hsm/hsm-protocol';
import { hsmTick, type HsmTickFailure } from '../hsm/hsm-tick';
import type { ApplyResult, TopicProblem } from '../hsm/hsm-topics';
import { KotakFeedConnection } from './kotak-feed-connection';
import { buildScripIndex, type ScripIndex } from './kotak-feed-scrips';
import { SESSION_EXPIRED_MESSAGE, type KotakSession } from './session';

export interface KotakFeedOptions {
  /** wss://mlhsm.kotaksecurities.com in production; the test server's ws:// URL in tests. */
  wsUrl: string;
  /** The stored session (secret store), or null when there is none or it is past its day. */
  loadSession(): Promise<KotakSession | null>;
  /** Told once per lost session, with the sentence for the trader. */
  onSessionExpired(message: string): void;
  /** The instrument master (Kotak's, from `instruments`). */
  loadInstruments: () => Promise<readonly Instrument[]>;
  log: Logger;
  /** Silence (no frame, no pong) longer than this drops and redials a socket (default 10 s). */
  heartbeatTimeoutMs?: number;
  /** The SDK's JSON keepalive interval; default 0 = off (hsm-protocol.ts, assumption 9). */
  jsonHeartbeatMs?: number;
  backoff?: BackoffOptions;
  /** How long connect() waits for the first socket (default 10 s); it resolves either way. */
  connectWaitMs?: number;
  /** After a refused session, how often to look for a new login (default 5 s). */
  sessionPollMs?: number;
  maxConnections?: number;
  clock?: () => number;
}

export interface KotakFeedCounters {
  decode: HsmDecodeCounters;
  /** Data entries the topic table could not use. */
  topics: Record<TopicProblem, number>;
  /** Topics decoded but not turned into ticks, by reason. */
  convert: Record<HsmTickFailure, number>;
  /** Text frames (the protocol has none for us). */
  text: number;
  /** Subscriptions of instruments Kotak has no segment for. */
  unmapped: number;
  /** Tokens refused because every connection was full. */
  overLimit: number;
}

const LOGGED_BAD_FRAMES = 10;

/**
 * Where each Kotak counter goes on the broker-neutral health line. Exhaustive records,
 * so a new error kind does not compile until it is placed. One to one: `text` (the HSM
 * protocol sends us no text, so any is a message we cannot use) → badMessages,
 * `overLimit` → refusedSubscriptions, `unmapped` (a followed instrument Kotak has no
 * segment for, so no scrip to ask for) → unknownInstruments.
 *
 * badFrames: every decode error (frame structure we could not read, an unknown response
 * type, an unknown status, an entry of unknown kind); each is data the wire lost.
 */
const DECODE_ERROR_CATEGORY: Readonly<Record<HsmDecodeErrorKind, WireCategory>> = {
  'empty-frame': 'badFrames',
  truncated: 'badFrames',
  'unknown-type': 'badFrames',
  'no-status': 'badFrames',
  'unknown-status': 'badFrames',
  'bad-field': 'badFrames',
  'unknown-entry': 'badFrames',
  'count-mismatch': 'badFrames',
  'trailing-bytes': 'badFrames',
};
/**
 * An UPDATE for a topic id no SNAP defined names no scrip we can map (unknownInstruments).
 * A SNAP of an unknown topic kind, or one past the table's bound (a server sending more
 * topics than a socket carries), is data we could not take in (badFrames).
 */
const TOPIC_CATEGORY: Readonly<Record<TopicProblem, WireCategory>> = {
  'unknown-topic': 'unknownInstruments',
  'unknown-kind': 'badFrames',
  'table-full': 'badFrames',
};
/**
 * A topic that is no tick. null = not a wire problem, so not shown to the trader:
 * 'depth-topic' is refused by design (the scrip topic carries the best bid / ask) and
 * 'no-price' is a scrip that has not traded yet (the server sends no last price); both
 * happen on a healthy feed and stay in `counters.convert` for diagnosis.
 */
const CONVERT_CATEGORY: Readonly<Record<HsmTickFailure, WireCategory | null>> = {
  'unknown-instrument': 'unknownInstruments',
  'bad-scale': 'badFrames',
  'sub-paise': 'badFrames',
  'no-price': null,
  'depth-topic': null,
};

export class KotakFeed implements Feed {
  readonly name = 'kotak';
  readonly simulated = false;
  readonly persist = true;
  readonly counters: KotakFeedCounters = {
    decode: createHsmDecodeCounters(),
    topics: { 'unknown-topic': 0, 'unknown-kind': 0, 'table-full': 0 },
    convert: { 'unknown-instrument': 0, 'no-price': 0, 'bad-scale': 0, 'sub-paise': 0, 'depth-topic': 0 },
    text: 0,
    unmapped: 0,
    overLimit: 0,
  };
  readonly #o: KotakFeedOptions;
  readonly #clock: () => number;
  readonly #listeners = new FeedListeners();
  readonly onBatch = this.#listeners.onBatch;
  readonly status = this.#listeners.status;
  readonly onStatus = this.#listeners.onStatus;
  readonly #pool: SocketPool<KotakFeedConnection>;
  #instruments: readonly Instrument[] = [];
  #scrips: ScripIndex = buildScripIndex([]);
  #stage: TickStage | null = null;
  #session: KotakSession | null = null;
  /** Tokens the server refused: a stored session "valid" by its date but dead at the venue. */
  readonly #dead = new Set<string>();
  #badFrames = 0;
  #sessionPoll: NodeJS.Timeout | null = null;

  constructor(options: KotakFeedOptions) {
    this.#o = options;
    this.#clock = options.clock ?? Date.now;
    const sockets = options.maxConnections ?? 1;
    this.#pool = new SocketPool({
      create: (index) => this.#connection(index),
      maxSockets: sockets,
      listeners: this.#listeners,
      refusedMessage: (refused) => `Kotak's market data carries ${sockets * MAX_SCRIPS_PER_SOCKET} instruments per session; ${refused} not subscribed`,
      onRefused: (refused) => (this.counters.overLimit += refused),
      log: options.log,
      name: 'kotak',
    });
  }

  /** The HSM sockets, first to last (tests, diagnostics). */
  get connections(): readonly KotakFeedConnection[] {
    return this.#pool.sockets;
  }

  async reloadInstruments(): Promise<void> {
    this.#instruments = await this.#o.loadInstruments();
    this.#scrips = buildScripIndex(this.#instruments);
    this.#stage?.guard.setKnownTokens(this.#instruments.map((i) => i.token));
  }

  async connect(): Promise<void> {
    this.#instruments = await this.#o.loadInstruments();
    this.#scrips = buildScripIndex(this.#instruments);
    this.#stage = createTickStage({ knownTokens: this.#instruments.map((i) => i.token), persist: true, flags: 0, maxAheadMs: 60_000 });
    const pool = this.#pool;
    pool.running = true;
    this.#session = await this.#loadUsableSession();
    pool.socket(0);
    if (this.#session === null) this.#expired(SESSION_EXPIRED_MESSAGE);
    else pool.startAll();
    await pool.waitForFirst(this.#o.connectWaitMs ?? 10_000);
    pool.update();
  }

  async disconnect(): Promise<void> {
    this.#pool.running = false;
    this.#stopSessionPoll();
    this.#pool.stopAll();
    this.#pool.update();
  }

  instruments(): readonly Instrument[] {
    return this.#instruments;
  }

  /** How many tokens it takes (the market sizes its subscriptions by it). */
  get capacity(): number {
    return (this.#o.maxConnections ?? 1) * MAX_SCRIPS_PER_SOCKET;
  }

  subscribe(tokens: readonly number[]): void {
    // An instrument Kotak has no segment for has no scrip to ask for: counted, never sent.
    const mapped = [...new Set(tokens)].filter((token) => {
      if (this.#pool.carries(token) || this.#scrips.scripOf(token) !== null) return true;
      this.counters.unmapped += 1;
      return false;
    });
    this.#pool.subscribe(mapped);
  }

  unsubscribe(tokens: readonly number[]): void {
    this.#pool.unsubscribe(tokens);
  }

  now(): number {
    return Date.now();
  }

  /** The counters above, folded into the health line's four totals (mapping: the *_CATEGORY tables). */
  wireProblems(): FeedWireProblems {
    const c = this.counters;
    return foldWireProblems(
      { badFrames: 0, unknownInstruments: c.unmapped, badMessages: c.text, refusedSubscriptions: c.overLimit },
      [DECODE_ERROR_CATEGORY, c.decode.errors],
      [TOPIC_CATEGORY, c.topics],
      [CONVERT_CATEGORY, c.convert],
    );
  }

  #connection(index: number): KotakFeedConnection {
    return new KotakFeedConnection({
      index,
      url: this.#o.wsUrl,
      credentials: () => {
        const session = this.#session;
        if (session === null || session.expiresAt <= this.#clock() || this.#dead.has(session.token)) return null;
        return { token: session.token, sid: session.sid };
      },
      scripOf: (token) => this.#scrips.scripOf(token),
      heartbeatTimeoutMs: this.#o.heartbeatTimeoutMs ?? 10_000,
      jsonHeartbeatMs: this.#o.jsonHeartbeatMs ?? 0,
      backoff: this.#o.backoff ?? {},
      onDecoded: (result) => this.#decoded(result),
      onTopics: (applied, receivedAt) => this.#topics(applied, receivedAt),
      onText: () => {
        this.counters.text += 1;
      },
      onChange: () => this.#pool.update(),
      onAuthRefused: (reason) => {
        this.#o.log.warn('kotak market data: session refused', { reason });
        if (this.#session) this.#dead.add(this.#session.token);
        this.#expired(SESSION_EXPIRED_MESSAGE);
      },
      log: (message, fields) => this.#o.log.warn(message, fields),
    });
  }

  #decoded(result: HsmDecodeResult): void {
    tallyHsm(this.counters.decode, result);
    if (result.errors.length === 0) return;
    this.#badFrames += 1;
    // A garbage stream must not flood the log: the first few, then every thousandth.
    if (this.#badFrames <= LOGGED_BAD_FRAMES || this.#badFrames % 1_000 === 0) {
      this.#o.log.warn('kotak market data: bad frame', { problems: describeHsmErrors(result.errors), badFrames: this.#badFrames });
    }
  }

  #topics(applied: ApplyResult, receivedAt: number): void {
    for (const problem of applied.problems) this.counters.topics[problem] += 1;
    if (applied.touched.length === 0 || !this.#stage) return;
    const receivedAtMs = Math.floor(receivedAt);
    const ticks = [];
    for (const topic of applied.touched) {
      const result = hsmTick(topic, { resolve: this.#scrips.resolve, receivedAtMs });
      if (result.ok) ticks.push(result.tick);
      else this.counters.convert[result.reason] += 1;
    }
    if (ticks.length === 0) return;
    this.#listeners.emitBatch(this.#stage.stage(ticks, receivedAt));
  }

  #expired(message: string): void {
    const pool = this.#pool;
    pool.stopAll();
    const first = pool.sessionError === null;
    pool.sessionError = message;
    pool.update();
    if (first) {
      try {
        this.#o.onSessionExpired(message);
      } catch (error) {
        this.#o.log.error('kotak feed: onSessionExpired failed', { error: (error as Error).message });
      }
    }
    this.#startSessionPoll();
  }

  /** Waits for a new login: a stored session whose token the server has not refused. */
  #startSessionPoll(): void {
    if (this.#sessionPoll || !this.#pool.running) return;
    const every = this.#o.sessionPollMs ?? 5_000;
    let busy = false;
    this.#sessionPoll = setInterval(() => {
      if (busy) return;
      busy = true;
      void this.#loadUsableSession()
        .then((session) => {
          if (session === null || !this.#pool.running) return;
          this.#stopSessionPoll();
          this.#session = session;
          this.#pool.sessionError = null;
          this.#pool.startAll();
          this.#o.log.info('kotak market data: new session; reconnecting');
          this.#pool.update();
        })
        .catch((error: unknown) => this.#o.log.warn('kotak feed: could not read the session', { error: error instanceof Error ? error.message : String(error) }))
        .finally(() => {
          busy = false;
        });
    }, every);
    this.#sessionPoll.unref();
  }

  #stopSessionPoll(): void {
    if (this.#sessionPoll) clearInterval(this.#sessionPoll);
    this.#sessionPoll = null;
  }

  async #loadUsableSession(): Promise<KotakSession | null> {
    let session: KotakSession | null;
    try {
      session = await this.#o.loadSession();
    } catch (error) {
      this.#o.log.warn('kotak feed: could not read the session', { error: error instanceof Error ? error.message : String(error) });
      return null;
    }
    if (session === null || session.expiresAt <= this.#clock() || this.#dead.has(session.token)) return null;
    return session;
  }
}
