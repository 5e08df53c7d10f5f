import type pg from 'pg';
import { kdfParamsSchema, type KdfParams } from './passphrase-key';
import { openRecord, recordAad, sealRecord } from './record-crypto';
import type { SecretKeys } from './secret-keys';
import {
  SESSION_FIELDS,
  SecretStoreLockedError,
  type BrokerAccountSummary,
  type BrokerCredentials,
  type BrokerId,
  type SecretStore,
} from './secret-store';

/**
 * broker_accounts ↔ BrokerCredentials. The table has no plaintext column;
 * everything secret is one AES-GCM record (the JSON of the fields). Only the
 * broker's client id is kept in clear, so list() works while locked;
 * hasSession needs the record and reads false while locked.
 */
export class AccountConflictError extends Error {
  constructor(accountId: string, broker: string) {
    super(`The account id "${accountId}" is already used by a ${broker} account; choose another id.`);
    this.name = 'AccountConflictError';
  }
}

interface Row {
  account_id: string;
  broker: string;
  user_id: string | null;
  secrets_ciphertext: Buffer;
  secrets_nonce: Buffer | null;
  key_source: string;
  updated_at: Date;
}

export class PgSecretStore implements SecretStore {
  constructor(
    private readonly pool: () => pg.Pool,
    private readonly keys: SecretKeys,
  ) {}

  get keySource(): SecretKeys['keySource'] {
    return this.keys.keySource;
  }

  unlocked(): boolean {
    return this.keys.key() !== null;
  }

  async save(c: BrokerCredentials): Promise<void> {
    const key = this.requireKey();
    const plaintext = Buffer.from(JSON.stringify(c.fields), 'utf8');
    const sealed = sealRecord(key, plaintext, recordAad(c.broker, c.accountId));
    plaintext.fill(0);
    const kdf: KdfParams | null = this.keys.kdfParams();
    const userId = c.fields.userId ?? c.fields.ucc ?? null;
    // account_id is the table's key: one id cannot belong to two brokers.
    const { rowCount } = await this.pool().query(
      `INSERT INTO broker_accounts (account_id, broker, user_id, secrets_ciphertext, secrets_nonce, key_source, kdf_params)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (account_id) DO UPDATE SET
         user_id = EXCLUDED.user_id, secrets_ciphertext = EXCLUDED.secrets_ciphertext, secrets_nonce = EXCLUDED.secrets_nonce,
         key_source = EXCLUDED.key_source, kdf_params = EXCLUDED.kdf_params, updated_at = now()
       WHERE broker_accounts.broker = EXCLUDED.broker`,
      [c.accountId, c.broker, userId, sealed.ciphertext, sealed.nonce, this.keys.keySource, kdf ? JSON.stringify(kdf) : null],
    );
    if (rowCount === 0) {
      const other = await this.pool().query<{ broker: string }>('SELECT broker FROM broker_accounts WHERE account_id = $1', [c.accountId]);
      throw new AccountConflictError(c.accountId, other.rows[0]?.broker ?? 'another');
    }
  }

  async load(broker: BrokerId, accountId: string): Promise<BrokerCredentials | null> {
    const key = this.requireKey();
    const { rows } = await this.pool().query<Row>(
      'SELECT account_id, broker, user_id, secrets_ciphertext, secrets_nonce, key_source, updated_at FROM broker_accounts WHERE account_id = $1 AND broker = $2',
      [accountId, broker],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.key_source !== this.keys.keySource || !row.secrets_nonce) {
      throw new Error(`The ${broker} account "${accountId}" was saved with the ${row.key_source} key; enter its credentials again here.`);
    }
    const plain = openRecord(key, { ciphertext: row.secrets_ciphertext, nonce: row.secrets_nonce }, recordAad(broker, accountId), `${broker} account "${accountId}"`);
    try {
      return { broker, accountId, fields: parseFields(plain.toString('utf8')) };
    } finally {
      plain.fill(0);
    }
  }

  async list(): Promise<BrokerAccountSummary[]> {
    const { rows } = await this.pool().query<Row>(
      `SELECT account_id, broker, user_id, secrets_ciphertext, secrets_nonce, key_source, updated_at
         FROM broker_accounts WHERE broker IN ('kite', 'kotak') ORDER BY broker, account_id`,
    );
    const summaries: BrokerAccountSummary[] = [];
    for (const row of rows) {
      const broker = row.broker as BrokerId;
      summaries.push({ broker, accountId: row.account_id, userId: row.user_id, updatedAt: row.updated_at.getTime(), hasSession: await this.hasSession(row, broker) });
    }
    return summaries;
  }

  async remove(broker: BrokerId, accountId: string): Promise<void> {
    await this.pool().query('DELETE FROM broker_accounts WHERE account_id = $1 AND broker = $2', [accountId, broker]);
  }

  /** kdf_params of any passphrase row: lets a lost secrets.salt be recovered. */
  async storedKdfParams(): Promise<KdfParams | null> {
    const { rows } = await this.pool().query<{ kdf_params: unknown }>(
      "SELECT kdf_params FROM broker_accounts WHERE key_source = 'passphrase' AND kdf_params IS NOT NULL ORDER BY updated_at DESC LIMIT 1",
    );
    const parsed = kdfParamsSchema.safeParse(rows[0]?.kdf_params);
    return parsed.success ? parsed.data : null;
  }

  private requireKey(): Buffer {
    const key = this.keys.key();
    if (!key) throw new SecretStoreLockedError(this.keys.lockedReason() ?? 'the store is locked');
    return key;
  }

  // Whether a session is stored needs the record: false while locked (the
  // UI shows the store as locked then, not the accounts as logged out).
  private async hasSession(row: Row, broker: BrokerId): Promise<boolean> {
    const key = this.keys.key();
    if (!key || !row.secrets_nonce || row.key_source !== this.keys.keySource) return false;
    try {
      const plain = openRecord(key, { ciphertext: row.secrets_ciphertext, nonce: row.secrets_nonce }, recordAad(broker, row.account_id));
      const fields = parseFields(plain.toString('utf8'));
      plain.fill(0);
      return SESSION_FIELDS.some((name) => (fields[name] ?? '') !== '') && !sessionExpired(fields);
    } catch {
      return false;
    }
  }
}

function sessionExpired(fields: Record<string, string>): boolean {
  const at = Number(fields.accessTokenExpiresAt ?? fields.sessionExpiresAt ?? '');
  return Number.isFinite(at) && at > 0 && at <= Date.now();
}

function parseFields(text: string): Record<string, string> {
  const value: unknown = JSON.parse(text);
  const fields: Record<string, string> = {};
  if (value && typeof value === 'object') {
    for (const [name, field] of Object.entries(value)) if (typeof field === 'string') fields[name] = field;
  }
  return fields;
}
