import type pg from 'pg';
import type { Logger } from '../log';
import type { KeyProvider } from './key-provider';
import { LoginHooks, type LoginInput, type SessionExpiredNotice } from './login-hooks';
import { PgSecretStore } from './pg-secret-store';
import { SecretKeys } from './secret-keys';
import { SESSION_FIELDS, WrongPassphraseError, type BrokerAccountSummary, type BrokerId, type KeySource, type SecretStore } from './secret-store';
import { UnlockGuard, type UnlockGuardOptions } from './unlock-guard';

export interface BrokerSecretsOptions {
  dataDir: string;
  pool: () => pg.Pool;
  /** Electron's safeStorage; null in browser mode. */
  keyring: KeyProvider | null;
  /** Browser mode: TICKDESK_SECRETS_PASSPHRASE, tried once at start. */
  passphrase?: string;
  log: Logger;
  guard?: UnlockGuardOptions;
}

export interface SecretsStatus {
  keySource: KeySource;
  locked: boolean;
  lockedReason: string | null;
  needsPassphraseSetup: boolean;
  accounts: BrokerAccountSummary[];
  expired: SessionExpiredNotice[];
}

export class UnlockThrottledError extends Error {
  constructor(readonly waitMs: number) {
    super(`Too many wrong passphrases; try again in ${Math.ceil(waitMs / 1000)} s.`);
    this.name = 'UnlockThrottledError';
  }
}

/** An unlock asked of a store the OS keyring protects: there is no passphrase to enter. */
export class NoPassphraseNeededError extends Error {
  constructor() {
    super('The OS keyring protects the broker secrets here; no passphrase is needed.');
    this.name = 'NoPassphraseNeededError';
  }
}

export class LoginUnavailableError extends Error {
  constructor(broker: BrokerId) {
    super(`No ${broker === 'kite' ? 'Kite' : 'Kotak'} adapter is running to complete the login; enable the ${broker} broker first.`);
    this.name = 'LoginUnavailableError';
  }
}

/**
 * The secrets part of the core: the key, the store, the adapters' login
 * hooks, and the audit lines for every change. Adapters use `store` and
 * `login`; api/brokers.ts uses the rest. Nothing here logs a secret value.
 */
export class BrokerSecrets {
  readonly keys: SecretKeys;
  readonly store: PgSecretStore;
  readonly login = new LoginHooks();
  private readonly guard: UnlockGuard;

  constructor(private readonly options: BrokerSecretsOptions) {
    this.keys = new SecretKeys({ dataDir: options.dataDir, keyring: options.keyring, recoverParams: () => this.store.storedKdfParams() });
    this.store = new PgSecretStore(options.pool, this.keys);
    this.guard = new UnlockGuard(options.guard);
  }

  /** After the database is up (a lost secrets.salt is recovered from the rows). */
  async start(): Promise<void> {
    await this.keys.init();
    const passphrase = this.options.passphrase;
    if (passphrase && this.keys.keySource === 'passphrase') {
      try {
        await this.keys.unlock(passphrase);
        this.options.log.info('broker secrets unlocked with TICKDESK_SECRETS_PASSPHRASE');
      } catch (error) {
        this.options.log.error('TICKDESK_SECRETS_PASSPHRASE did not unlock the broker secrets; enter the passphrase in Settings', { error: messageOf(error) });
      }
    }
    const reason = this.keys.lockedReason();
    if (reason) this.options.log.warn('broker secrets are locked', { reason });
  }

  stop(): void {
    this.keys.lock();
  }

  /** Adapters hand their secrets to the store only; this is their way to it. */
  get secretStore(): SecretStore {
    return this.store;
  }

  async status(): Promise<SecretsStatus> {
    return {
      keySource: this.keys.keySource,
      locked: !this.store.unlocked(),
      lockedReason: this.keys.lockedReason(),
      needsPassphraseSetup: this.keys.needsPassphraseSetup(),
      accounts: await this.store.list(),
      expired: this.login.expired(),
    };
  }

  async unlock(passphrase: string, transport: string): Promise<void> {
    if (this.keys.keySource !== 'passphrase') throw new NoPassphraseNeededError();
    const wait = this.guard.waitMs();
    if (wait > 0) throw new UnlockThrottledError(wait);
    const setup = this.keys.needsPassphraseSetup();
    try {
      await this.keys.unlock(passphrase);
    } catch (error) {
      if (!(error instanceof WrongPassphraseError)) throw error;
      const { failures, lockMs } = this.guard.fail();
      // The passphrase itself is never written anywhere: only that a try failed.
      await this.audit('secrets.unlockFailed', { transport, failures, lockMs });
      throw error;
    }
    this.guard.succeed();
    await this.audit(setup ? 'secrets.passphraseSet' : 'secrets.unlock', { transport });
    this.login.accessChanged();
  }

  /** Merges the entered fields over the stored ones; new credentials drop an old session. */
  async saveAccount(broker: BrokerId, accountId: string, entered: Record<string, string | undefined>, required: readonly string[], transport: string): Promise<BrokerAccountSummary> {
    const existing = await this.store.load(broker, accountId);
    const fields: Record<string, string> = { ...existing?.fields };
    const changed: string[] = [];
    for (const [name, value] of Object.entries(entered)) {
      if (value === undefined || value === '') continue;
      fields[name] = value;
      changed.push(name);
    }
    if (changed.some((name) => name !== 'userId' && name !== 'ucc')) {
      for (const name of [...SESSION_FIELDS, 'accessTokenExpiresAt', 'sessionExpiresAt']) delete fields[name];
    }
    const missing = required.filter((name) => (fields[name] ?? '') === '');
    if (missing.length > 0) throw new MissingFieldsError(missing);
    await this.store.save({ broker, accountId, fields });
    // Field names only: which settings changed, never their values.
    await this.audit(existing ? 'broker.accountUpdate' : 'broker.accountAdd', { broker, accountId, fields: changed.sort(), transport });
    this.login.accessChanged();
    const summary = (await this.store.list()).find((a) => a.broker === broker && a.accountId === accountId);
    if (!summary) throw new Error('the account was saved but could not be read back');
    return summary;
  }

  async removeAccount(broker: BrokerId, accountId: string, transport: string): Promise<boolean> {
    const before = (await this.store.list()).some((a) => a.broker === broker && a.accountId === accountId);
    await this.store.remove(broker, accountId);
    this.login.clear(broker, accountId);
    if (before) await this.audit('broker.accountRemove', { broker, accountId, transport });
    return before;
  }

  async completeLogin(broker: BrokerId, accountId: string, input: LoginInput, transport: string): Promise<BrokerAccountSummary | null> {
    const handler = this.login.handler(broker);
    if (!handler) throw new LoginUnavailableError(broker);
    if (!(await this.store.load(broker, accountId))) return null;
    await handler.completeLogin(accountId, input, this.store);
    this.login.clear(broker, accountId);
    await this.audit('broker.login', { broker, accountId, transport });
    this.login.accessChanged();
    return (await this.store.list()).find((a) => a.broker === broker && a.accountId === accountId) ?? null;
  }

  private async audit(action: string, details: Record<string, unknown>): Promise<void> {
    try {
      await this.options.pool().query('INSERT INTO audit_log (actor, action, details) VALUES ($1, $2, $3)', ['trader', action, JSON.stringify(details)]);
    } catch (error) {
      this.options.log.warn('could not write the audit line', { action, error: messageOf(error) });
    }
  }
}

export class MissingFieldsError extends Error {
  constructor(readonly fields: string[]) {
    super(`Missing: ${fields.join(', ')}.`);
    this.name = 'MissingFieldsError';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
