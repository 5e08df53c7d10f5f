/**
 * The part every broker's market-data feed repeats around its sockets: spreading
 * subscriptions over up to `maxSockets` sockets (each takes what it has room for),
 * refusing what does not fit with a sentence for the trader, starting and stopping them,
 * waiting for the first one at connect, and folding their state, the session's and the
 * limit's into one feed status. The first socket always counts (it may carry more than
 * ticks: Kite's order updates). The protocol itself stays in each broker's socket class.
 */
import type { Logger } from '../../log';
import type { FeedListeners } from '../../market/feed-listeners';

/** One socket of a broker feed, as the pool sees it. */
export interface PooledSocket {
  /** The tokens it carries. */
  readonly tokens: { readonly size: number; has(token: number): boolean };
  /** Subscriptions are live on it. */
  readonly open: boolean;
  readonly lastError: string | null;
  start(): void;
  stop(): void;
  /** Takes what it has room for; returns the tokens it did not take. */
  subscribe(tokens: readonly number[]): readonly number[];
  unsubscribe(tokens: readonly number[]): void;
}

export interface SocketPoolOptions<S extends PooledSocket> {
  /** Builds socket `index` (0-based) the first time it is needed. */
  create(index: number): S;
  maxSockets: number;
  /** Where the feed's status goes. */
  listeners: FeedListeners;
  /** The status sentence when `refused` tokens did not fit. */
  refusedMessage(refused: number): string;
  /** Counted by the feed (its wire totals' refusedSubscriptions). */
  onRefused(refused: number): void;
  log: Logger;
  /** 'kite', 'kotak': in the log line. */
  name: string;
}

export class SocketPool<S extends PooledSocket> {
  readonly sockets: S[] = [];
  /** Between connect and disconnect. */
  running = false;
  /** The session's trouble (expired, refused); no socket is started while it stands. */
  sessionError: string | null = null;
  /** The last subscription (or venue) refusal, cleared by an unsubscribe. */
  limitError: string | null = null;
  readonly #o: SocketPoolOptions<S>;

  constructor(options: SocketPoolOptions<S>) {
    this.#o = options;
  }

  socket(index: number): S {
    const existing = this.sockets[index];
    if (existing) return existing;
    const created = this.#o.create(index);
    this.sockets[index] = created;
    return created;
  }

  /** The first socket and every one that carries tokens. */
  startAll(): void {
    this.sockets.forEach((s, i) => (i === 0 || s.tokens.size > 0) && s.start());
  }

  stopAll(): void {
    for (const s of this.sockets) s.stop();
  }

  /** Resolves once the first socket is open, the session failed, the feed stopped or `waitMs` passed. */
  async waitForFirst(waitMs: number): Promise<void> {
    const first = this.socket(0);
    const deadline = Date.now() + waitMs;
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (first.open || this.sessionError !== null || Date.now() > deadline || !this.running) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
  }

  /** Whether some socket carries the token already. */
  carries(token: number): boolean {
    return this.sockets.some((s) => s.tokens.has(token));
  }

  /** Spreads the tokens not carried yet over the sockets, first with room first; refuses the rest. */
  subscribe(tokens: readonly number[]): void {
    let pending: readonly number[] = [...new Set(tokens)].filter((token) => !this.carries(token));
    for (let index = 0; index < this.#o.maxSockets && pending.length > 0; index++) {
      const socket = this.socket(index);
      const before = socket.tokens.size;
      pending = socket.subscribe(pending);
      if (socket.tokens.size > before && this.running && this.sessionError === null) socket.start();
    }
    if (pending.length > 0) {
      this.#o.onRefused(pending.length);
      this.limitError = this.#o.refusedMessage(pending.length);
      this.#o.log.warn(`${this.#o.name} subscription limit reached`, { refused: pending.length });
    }
    this.update();
  }

  unsubscribe(tokens: readonly number[]): void {
    for (const s of this.sockets) s.unsubscribe(tokens);
    this.limitError = null;
    this.update();
  }

  /** Recomputes the feed status; tells the listeners only when it changed. */
  update(): void {
    const active = this.sockets.filter((s, i) => s.tokens.size > 0 || i === 0);
    const connected = this.running && this.sessionError === null && active.length > 0 && active.every((s) => s.open);
    const socketError = active.find((s) => !s.open && s.lastError !== null)?.lastError ?? null;
    const error = this.sessionError ?? this.limitError ?? (connected ? null : socketError);
    const current = this.#o.listeners.status();
    if (connected === current.connected && error === current.error) return;
    this.#o.listeners.setStatus({ connected, error });
  }
}
