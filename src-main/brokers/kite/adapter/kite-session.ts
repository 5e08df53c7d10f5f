/**
 * The day's Kite session as the adapter holds it: API key, access token and when
 * the token dies. Kite tokens expire at the daily reset (about 06:00 IST) and can be
 * revoked any time (a 403 TokenException). Either way the adapter calls `expire`,
 * which fires the session-expired listeners ONCE per token (the Settings banner,
 * the feed stopping its reconnect loop) instead of failing quietly call after call.
 */

export const SESSION_EXPIRED_MESSAGE = 'Kite session expired — log in again';

/** 06:00 IST = 00:30 UTC. */
const RESET_UTC_MS = 30 * 60_000;
const DAY_MS = 86_400_000;

/** The next daily token reset strictly after `nowMs`. */
export function nextKiteReset(nowMs: number): number {
  const dayStart = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const candidate = dayStart + RESET_UTC_MS;
  return candidate > nowMs ? candidate : candidate + DAY_MS;
}

export interface KiteSessionOptions {
  apiKey: string;
  accessToken?: string | null;
  /** Epoch ms; default the next 06:00 IST after now. */
  expiresAt?: number | null;
  now?: () => number;
}

export class KiteSession {
  readonly apiKey: string;
  readonly #now: () => number;
  #token: string | null;
  #expiresAt: number;
  #expiredNotified = false;
  readonly #expired = new Set<(message: string) => void>();
  readonly #renewed = new Set<() => void>();

  constructor(options: KiteSessionOptions) {
    this.apiKey = options.apiKey;
    this.#now = options.now ?? Date.now;
    this.#token = options.accessToken ?? null;
    this.#expiresAt = options.expiresAt ?? nextKiteReset(this.#now());
  }

  /** The token, or null when there is none or the daily reset has passed (then expire fires). */
  accessToken(): string | null {
    if (this.#token !== null && this.#now() >= this.#expiresAt) this.expire(`${SESSION_EXPIRED_MESSAGE} (the daily token reset has passed)`);
    return this.#token;
  }

  /** A fresh token after the trader logged in. */
  renew(accessToken: string, expiresAt: number = nextKiteReset(this.#now())): void {
    this.#token = accessToken;
    this.#expiresAt = expiresAt;
    this.#expiredNotified = false;
    for (const listener of this.#renewed) listener();
  }

  expire(message: string = SESSION_EXPIRED_MESSAGE): void {
    this.#token = null;
    if (this.#expiredNotified) return;
    this.#expiredNotified = true;
    for (const listener of this.#expired) {
      try {
        listener(message);
      } catch {
        // A listener's bug must not turn an expiry into a crash of the call that found it.
      }
    }
  }

  onSessionExpired(listener: (message: string) => void): () => void {
    this.#expired.add(listener);
    return () => this.#expired.delete(listener);
  }

  onRenewed(listener: () => void): () => void {
    this.#renewed.add(listener);
    return () => this.#renewed.delete(listener);
  }
}
