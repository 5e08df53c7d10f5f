/**
 * One broker WebSocket that never goes quiet: the lifecycle the Kite ticker
 * (kite-connection.ts) and Kotak's HSM socket (kotak-feed-connection.ts) share, so that
 * each of them keeps only its own protocol.
 *
 * - start() dials while wanted; stop() cancels a pending retry and forgets the socket.
 * - No URL (no session) means no dial: lastError says why and onAuthRefused is called.
 * - An HTTP refusal of the upgrade retries, unless its status means the session is over.
 * - A watchdog treats silence (nothing heard, not even a pong) longer than
 *   `heartbeatTimeoutMs` as a dead link even though TCP still looks open.
 * - Every loss (close, silence, refusal) forgets the socket without a close handshake and
 *   dials again after a backoff delay (recorded in `delays`); the protocol above calls
 *   proven() once the link has shown it works, so the next loss starts from a short delay.
 */
import WebSocket from 'ws';
import { backoffDelay, type BackoffOptions } from './backoff';

export interface ReconnectingSocketOptions {
  /** Which socket of its feed (0-based), for log fields. */
  index: number;
  /** How lastError names the socket, e.g. "ticker connection 1". */
  name: string;
  heartbeatTimeoutMs: number;
  backoff: BackoffOptions;
  /** The URL to dial, or null when there are no credentials. */
  url(): string | null;
  /** lastError (and the reason given to onAuthRefused) when url() refuses. */
  noSession: string;
  /** lastError when the server refuses the upgrade with an HTTP status. */
  refused(status: number): string;
  /** Upgrade statuses that mean the session is over: onAuthRefused instead of a retry. */
  authStatuses: readonly number[];
  /** Logged when the watchdog gives up on a silent socket. */
  silentLog: string;
  /** Ping on every watchdog tick (for servers that send nothing while the market is quiet). */
  ping?: boolean;
  onOpen(): void;
  /** A binary frame, or a text frame as a string. */
  onMessage(message: Uint8Array | string): void;
  /** The far end closed the socket; a retry follows. */
  onClose?(): void;
  /** The socket was forgotten: whatever the protocol kept for it is void. */
  onDrop?(): void;
  /** Every watchdog tick on a socket that is not silent. */
  onTick?(now: number): void;
  onChange(): void;
  onAuthRefused(reason: string): void;
  log: (message: string, fields?: Record<string, unknown>) => void;
}

export class ReconnectingSocket {
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

  constructor(private readonly o: ReconnectingSocketOptions) {}

  /** The WebSocket is open (the protocol above may still await its own handshake). */
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
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    this.drop();
  }

  /** Sends on an open socket; otherwise nothing (the protocol resends after a reconnect). */
  send(...frames: readonly (Uint8Array | string)[]): void {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    for (const frame of frames) socket.send(frame);
  }

  /** The link works: the next loss retries after the shortest delay again. */
  proven(): void {
    this.#attempt = 0;
  }

  /** Forgets the socket without waiting for a close handshake the far end may never send. No retry. */
  drop(): void {
    if (this.#watchdog) clearInterval(this.#watchdog);
    this.#watchdog = null;
    const socket = this.#socket;
    this.#socket = null;
    this.#open = false;
    this.o.onDrop?.();
    if (socket) {
      // Terminating a socket still connecting raises "closed before the connection was
      // established": without its handlers that would overwrite the real reason (an HTTP refusal).
      socket.removeAllListeners('close');
      socket.removeAllListeners('error');
      socket.on('error', () => {});
      socket.terminate();
    }
  }

  #dial(): void {
    const url = this.o.url();
    if (url === null) {
      this.lastError = this.o.noSession;
      this.o.onAuthRefused(this.lastError);
      return;
    }
    const socket = new WebSocket(url, { handshakeTimeout: Math.max(1_000, this.o.heartbeatTimeoutMs) });
    this.#socket = socket;
    socket.binaryType = 'nodebuffer';
    socket.on('open', () => {
      this.#open = true;
      this.#lastHeard = Date.now();
      this.#watch();
      this.o.onOpen();
    });
    socket.on('pong', () => {
      this.#lastHeard = Date.now();
    });
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      this.#lastHeard = Date.now();
      this.o.onMessage(isBinary ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data.toString('utf8'));
    });
    socket.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      this.lastError = this.o.refused(status);
      this.drop();
      if (this.o.authStatuses.includes(status)) this.o.onAuthRefused(this.lastError);
      else this.#scheduleRetry();
      this.o.onChange();
    });
    socket.on('error', (error) => {
      this.lastError = `${this.o.name}: ${error.message}`;
    });
    socket.on('close', () => {
      if (this.#socket !== socket) return;
      this.o.onClose?.();
      this.#reconnect();
    });
  }

  #watch(): void {
    if (this.#watchdog) clearInterval(this.#watchdog);
    const every = Math.max(10, Math.floor(this.o.heartbeatTimeoutMs / 4));
    this.#watchdog = setInterval(() => {
      const now = Date.now();
      const silence = now - this.#lastHeard;
      if (silence > this.o.heartbeatTimeoutMs) {
        this.lastError = `${this.o.name} silent for ${silence} ms; reconnecting`;
        this.o.log(this.o.silentLog, { connection: this.o.index, silenceMs: silence });
        this.#reconnect();
        return;
      }
      if (this.o.ping && this.#socket?.readyState === WebSocket.OPEN) this.#socket.ping();
      this.o.onTick?.(now);
    }, every);
    this.#watchdog.unref();
  }

  #reconnect(): void {
    this.drop();
    this.#scheduleRetry();
    this.o.onChange();
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
}
