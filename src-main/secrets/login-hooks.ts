import type { BrokerId, SecretStore } from './secret-store';

/**
 * The daily login belongs to the adapters (Kite: request token → access
 * token with the checksum; Kotak: TOTP/MPIN → session token). They register a
 * handler here; `brokers.completeLogin` calls it, and the adapter saves the
 * new session through the store it is given. An adapter that finds its
 * session expired calls `sessionExpired`, which becomes the
 * `brokers.sessionExpired` event the Settings banner listens to.
 */
export type LoginInputKind = 'requestToken' | 'totp';

export interface LoginInput {
  requestToken?: string;
  totp?: string;
}

export interface BrokerLoginHandler {
  readonly broker: BrokerId;
  /** What the trader must type to log in again (shown by the prompt). */
  readonly input: LoginInputKind;
  /** Kite's login page for this account, if the broker has one (opened by the trader). */
  loginUrl?(accountId: string): Promise<string | null> | string | null;
  /** Exchanges the input for a session and saves it via store.save(); throws with a trader-readable message on failure. */
  completeLogin(accountId: string, input: LoginInput, store: SecretStore): Promise<void>;
}

export interface SessionExpiredNotice {
  broker: BrokerId;
  accountId: string;
  message: string;
  input: LoginInputKind;
}

export class LoginHooks {
  private readonly handlers = new Map<BrokerId, BrokerLoginHandler>();
  private readonly listeners = new Set<(notice: SessionExpiredNotice) => void>();
  private readonly accessListeners = new Set<() => void>();
  /** Latest notice per account, so a window opened after the expiry still sees the prompt. */
  private readonly pending = new Map<string, SessionExpiredNotice>();

  /** Returns an unregister function (for the adapter's teardown). */
  register(handler: BrokerLoginHandler): () => void {
    this.handlers.set(handler.broker, handler);
    return () => {
      if (this.handlers.get(handler.broker) === handler) this.handlers.delete(handler.broker);
    };
  }

  handler(broker: BrokerId): BrokerLoginHandler | null {
    return this.handlers.get(broker) ?? null;
  }

  /** Called by an adapter when the broker says the token is invalid or expired. */
  sessionExpired(broker: BrokerId, accountId: string, message: string): void {
    const input = this.handlers.get(broker)?.input ?? (broker === 'kite' ? 'requestToken' : 'totp');
    const notice: SessionExpiredNotice = { broker, accountId, message, input };
    this.pending.set(key(broker, accountId), notice);
    for (const listener of this.listeners) listener(notice);
  }

  /** Cleared after a successful login or when the account is removed. */
  clear(broker: BrokerId, accountId: string): void {
    this.pending.delete(key(broker, accountId));
  }

  expired(): SessionExpiredNotice[] {
    return [...this.pending.values()];
  }

  onSessionExpired(listener: (notice: SessionExpiredNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Credentials may now be readable where they were not: the store was unlocked, an
   * account saved, a login completed. A part that gave up at start-up (a feed opened
   * while the store was locked) tries again on it instead of waiting for a restart.
   */
  onAccessChanged(listener: () => void): () => void {
    this.accessListeners.add(listener);
    return () => this.accessListeners.delete(listener);
  }

  accessChanged(): void {
    for (const listener of [...this.accessListeners]) {
      try {
        listener();
      } catch {
        // A listener's failure is its own (it reports through its status); the others still hear.
      }
    }
  }
}

function key(broker: BrokerId, accountId: string): string {
  return `${broker}\u0000${accountId}`;
}
