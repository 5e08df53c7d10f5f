/**
 * The one interface through which broker adapters get their credentials.
 * Secrets live only in memory after load() and encrypted in broker_accounts;
 * nothing here is ever returned to the renderer (see api/brokers.ts, which
 * exposes summaries only).
 */
export type BrokerId = 'kite' | 'kotak';
export type KeySource = 'safeStorage' | 'passphrase';

export interface BrokerCredentials {
  broker: BrokerId;
  accountId: string;
  /**
   * kite: apiKey, apiSecret, userId?, accessToken?, accessTokenExpiresAt? (epoch ms as a string)
   * kotak: consumerKey, consumerSecret?, mobile, ucc, mpin?, totpSecret?, sessionToken?, sessionExpiresAt?
   */
  fields: Record<string, string>;
}

export interface BrokerAccountSummary {
  broker: BrokerId;
  accountId: string;
  userId: string | null;
  /** Epoch milliseconds of the last save. */
  updatedAt: number;
  /** A session token (kite accessToken / kotak sessionToken) is stored. */
  hasSession: boolean;
}

export interface SecretStore {
  readonly keySource: KeySource;
  /** False until a key is available (keyring present, or the right passphrase entered). */
  unlocked(): boolean;
  /** Encrypts and upserts; refuses (SecretStoreLockedError) while locked — never stores plain text. */
  save(c: BrokerCredentials): Promise<void>;
  /** Null when no such account; throws SecretStoreLockedError while locked. */
  load(broker: BrokerId, accountId: string): Promise<BrokerCredentials | null>;
  /** Works while locked: summaries come from clear columns and never decrypt. */
  list(): Promise<BrokerAccountSummary[]>;
  remove(broker: BrokerId, accountId: string): Promise<void>;
}

/** Field names whose presence means "a broker session is stored". */
export const SESSION_FIELDS = ['accessToken', 'sessionToken'] as const;

export const PLAIN_STORAGE_REFUSAL = 'Tickdesk will not store broker secrets in plain text';

/** Thrown by save()/load() while no key is available. */
export class SecretStoreLockedError extends Error {
  constructor(reason: string) {
    super(`${PLAIN_STORAGE_REFUSAL}: ${reason}`);
    this.name = 'SecretStoreLockedError';
  }
}

/** Thrown by unlock() when the passphrase does not match the stored verifier. */
export class WrongPassphraseError extends Error {
  constructor() {
    super('Wrong passphrase: the broker secrets could not be unlocked.');
    this.name = 'WrongPassphraseError';
  }
}
