/**
 * The ONE Kite session of an account, shared by the feed, the broker, the login
 * handler and the morning drill: a login renews it for all of them, an expiry seen by
 * any of them becomes one `brokers.sessionExpired` notice. Loaded from the secret
 * store the first time it is asked for, not at construction.
 */
import type { Logger } from '../../log';
import type { LoginHooks } from '../../secrets/login-hooks';
import type { SecretStore } from '../../secrets/secret-store';
import { KiteSession } from '../kite/adapter/kite-session';
import { loadAccount } from './account-loader';

export type KiteSessionLoad = { ok: true; session: KiteSession } | { ok: false; reason: string };

export const KITE_LOGIN_NEEDED = 'Kite: log in for today (Settings → Kite → Log in) to trade and receive live ticks';

export class KiteAccount {
  #session: KiteSession | null = null;
  #loading: Promise<KiteSessionLoad> | null = null;
  #unhook: (() => void) | null = null;

  constructor(
    readonly accountId: string,
    private readonly store: SecretStore,
    private readonly login: LoginHooks,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The session if it has been loaded (no store access). */
  current(): KiteSession | null {
    return this.#session;
  }

  async session(): Promise<KiteSessionLoad> {
    if (this.#session) return { ok: true, session: this.#session };
    this.#loading ??= this.#load().finally(() => {
      this.#loading = null;
    });
    return this.#loading;
  }

  /** After a login through the Settings prompt (KiteLoginHandler.onLoggedIn). */
  renew(accountId: string, accessToken: string, expiresAt: number): void {
    if (accountId !== this.accountId) return;
    this.#session?.renew(accessToken, expiresAt);
  }

  dispose(): void {
    this.#unhook?.();
    this.#unhook = null;
  }

  async #load(): Promise<KiteSessionLoad> {
    const loaded = await loadAccount(this.store, 'kite', this.accountId, ['apiKey']);
    if (!loaded.ok) return loaded;
    if (this.#session) return { ok: true, session: this.#session };
    const f = loaded.credentials.fields;
    const expiresAt = Number(f.accessTokenExpiresAt);
    const session = new KiteSession({
      apiKey: f.apiKey as string,
      accessToken: f.accessToken ?? null,
      ...(Number.isFinite(expiresAt) && expiresAt > 0 ? { expiresAt } : {}),
      now: this.now,
    });
    this.#unhook = session.onSessionExpired((message) => {
      this.log.warn('kite session expired', { accountId: this.accountId, message });
      this.login.sessionExpired('kite', this.accountId, message);
    });
    this.#session = session;
    // No token stored: prompt for today's login now rather than at the first refused order.
    if (!f.accessToken) session.expire(KITE_LOGIN_NEEDED);
    return { ok: true, session };
  }
}
