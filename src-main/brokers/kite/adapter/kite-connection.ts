/**
 * One ticker WebSocket. It owns the parts of "never go quiet" that belong to a
 * single socket: a watchdog that treats silence (no heartbeat, no frame) longer than
 * `heartbeatTimeoutMs` as a dead link even though TCP still looks open, reconnection
 * with backoff, and RESUBSCRIPTION of every token it carries after each reconnect
 * (Kite forgets subscriptions with the socket). A 403 on the upgrade means the
 * session is over: it stops and waits for `resume()` after a new login instead of
 * retrying a token that will never work again.
 */
import WebSocket from 'ws';
import { backoffDelay, type BackoffOptions } from './backoff';

export type TickerMode = 'full' | 'quote' | 'ltp';

export interface KiteConnectionOptions {
  index: number;
  /** The socket URL with api_key and access_token, or null when there is no session. */
  url: () => string | null;
  mode: TickerMode;
  heartbeatTimeoutMs: number;
  backoff: BackoffOptions;
  onBinary(frame: Uint8Array): void;
  onText(text: string): void;
  onChange(): void;
  onAuthRefused(): void;
  log: (message: string, fields?: Record<string, unknown>) => void;
}

export class KiteConnection {
  readonly tokens = new Set<number>();
  /** Reconnections scheduled so far and their delays (health line, tests). */
  readonly delays: number[] = [];
  lastError: string | null = null;
  #socket: WebSocket | null = null;
  #open = false;
  #wanted = false;
  #attempt = 0;
  #lastHeard = 0;
  #retry: NodeJS.Timeout | null = null;
  #watchdog: NodeJS.Timeout | null = null;

  constructor(private readonly o: KiteConnectionOptions) {}

  get open(): boolean {
    return this.#open;
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

  subscribe(tokens: readonly number[]): void {
    const fresh = tokens.filter((t) => !this.tokens.has(t));
    for (const t of fresh) this.tokens.add(t);
    if (this.#open && fresh.length > 0) this.#sendSubscribe(fresh);
  }

  unsubscribe(tokens: readonly number[]): void {
    const gone = tokens.filter((t) => this.tokens.delete(t));
    if (this.#open && gone.length > 0) this.#send({ a: 'unsubscribe', v: gone });
  }

  #dial(): void {
    const url = this.o.url();
    if (url === null) {
      this.lastError = 'no Kite session';
      this.o.onAuthRefused();
      return;
    }
    const socket = new WebSocket(url, { handshakeTimeout: Math.max(1_000, this.o.heartbeatTimeoutMs) });
    this.#socket = socket;
    socket.binaryType = 'nodebuffer';
    socket.on('open', () => {
      this.#open = true;
      this.#lastHeard = Date.now();
      this.lastError = null;
      if (this.tokens.size > 0) this.#sendSubscribe([...this.tokens]);
      this.#watch();
      this.o.onChange();
    });
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      this.#lastHeard = Date.now();
      // Anything heard after a (re)connect proves the link: the next drop starts from a short delay.
      this.#attempt = 0;
      if (isBinary) this.o.onBinary(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      else this.o.onText(data.toString('utf8'));
    });
    socket.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      this.lastError = `the Kite ticker refused the connection (HTTP ${status})`;
      this.#drop();
      if (status === 403) this.o.onAuthRefused();
      else this.#scheduleRetry();
      this.o.onChange();
    });
    socket.on('error', (error) => {
      this.lastError = `ticker connection ${this.o.index + 1}: ${error.message}`;
    });
    socket.on('close', () => {
      if (this.#socket !== socket) return;
      this.#drop();
      this.#scheduleRetry();
      this.o.onChange();
    });
  }

  #sendSubscribe(tokens: number[]): void {
    this.#send({ a: 'subscribe', v: tokens });
    this.#send({ a: 'mode', v: [this.o.mode, tokens] });
  }

  #send(message: unknown): void {
    this.#socket?.send(JSON.stringify(message));
  }

  #watch(): void {
    if (this.#watchdog) clearInterval(this.#watchdog);
    const every = Math.max(10, Math.floor(this.o.heartbeatTimeoutMs / 4));
    this.#watchdog = setInterval(() => {
      const silence = Date.now() - this.#lastHeard;
      if (silence <= this.o.heartbeatTimeoutMs) return;
      this.lastError = `ticker connection ${this.o.index + 1} silent for ${silence} ms; reconnecting`;
      this.o.log('kite ticker silent; reconnecting', { connection: this.o.index, silenceMs: silence });
      this.#drop();
      this.#scheduleRetry();
      this.o.onChange();
    }, every);
    this.#watchdog.unref();
  }

  /** Forgets the socket without waiting for a close handshake the far end may never send. */
  #drop(): void {
    if (this.#watchdog) clearInterval(this.#watchdog);
    this.#watchdog = null;
    const socket = this.#socket;
    this.#socket = null;
    this.#open = false;
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
