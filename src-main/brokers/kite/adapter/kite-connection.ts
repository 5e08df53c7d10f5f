/**
 * One ticker WebSocket. The socket lifecycle (silence watchdog: no heartbeat, no frame for
 * `heartbeatTimeoutMs`; reconnection with backoff) is ReconnectingSocket's; this adds
 * Kite's side: RESUBSCRIPTION of every token it carries after each reconnect (Kite
 * forgets subscriptions with the socket) and the binary/text split. A 403 on the upgrade
 * means the session is over: it stops and waits for `resume()` after a new login instead
 * of retrying a token that will never work again.
 */
import type { BackoffOptions } from '../../socket/backoff';
import { ReconnectingSocket } from '../../socket/reconnecting-socket';

export type TickerMode = 'full' | 'quote' | 'ltp';

export interface KiteConnectionOptions {
  index: number;
  /** The socket URL with api_key and access_token, or null when there is no session. */
  url: () => string | null;
  mode: TickerMode;
  /** Instruments one socket carries (Kite: 3,000). */
  maxTokens: number;
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
  readonly #link: ReconnectingSocket;

  constructor(private readonly o: KiteConnectionOptions) {
    this.#link = new ReconnectingSocket({
      ...o, // index, heartbeatTimeoutMs, backoff, onChange, onAuthRefused, log
      name: `ticker connection ${o.index + 1}`,
      noSession: 'no Kite session',
      refused: (status) => `the Kite ticker refused the connection (HTTP ${status})`,
      authStatuses: [403],
      silentLog: 'kite ticker silent; reconnecting',
      onOpen: () => {
        this.#link.lastError = null;
        if (this.tokens.size > 0) this.#sendSubscribe([...this.tokens]);
        o.onChange();
      },
      onMessage: (message) => {
        // Anything heard after a (re)connect proves the link: the next drop starts from a short delay.
        this.#link.proven();
        if (typeof message === 'string') o.onText(message);
        else o.onBinary(message);
      },
    });
  }

  get open(): boolean {
    return this.#link.open;
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

  /** Takes what fits under maxTokens; returns the tokens that did not. */
  subscribe(tokens: readonly number[]): number[] {
    const fresh: number[] = [];
    const refused: number[] = [];
    for (const t of tokens) {
      if (this.tokens.has(t)) continue;
      if (this.tokens.size >= this.o.maxTokens) {
        refused.push(t);
        continue;
      }
      this.tokens.add(t);
      fresh.push(t);
    }
    if (this.open && fresh.length > 0) this.#sendSubscribe(fresh);
    return refused;
  }

  unsubscribe(tokens: readonly number[]): void {
    const gone = tokens.filter((t) => this.tokens.delete(t));
    if (this.open && gone.length > 0) this.#send({ a: 'unsubscribe', v: gone });
  }

  #sendSubscribe(tokens: number[]): void {
    this.#send({ a: 'subscribe', v: tokens });
    this.#send({ a: 'mode', v: [this.o.mode, tokens] });
  }

  #send(message: unknown): void {
    this.#link.send(JSON.stringify(message));
  }
}
