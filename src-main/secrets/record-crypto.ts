import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM, one random 12-byte nonce per record. The AAD binds a
 * ciphertext to its row (broker + account id): a blob copied onto another
 * account fails authentication instead of handing one account's secrets to
 * another adapter. Stored form: ciphertext || 16-byte tag.
 */
export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const AAD_PREFIX = 'tickdesk:broker_accounts:v1';

export interface SealedRecord {
  ciphertext: Buffer;
  nonce: Buffer;
}

export class SecretDecryptError extends Error {
  constructor(what: string) {
    super(`The stored secrets for ${what} could not be decrypted (wrong key, or the record was altered).`);
    this.name = 'SecretDecryptError';
  }
}

export function recordAad(broker: string, accountId: string): Buffer {
  // NUL separators: ("ab","c") and ("a","bc") must not share an AAD.
  return Buffer.from(`${AAD_PREFIX}\u0000${broker}\u0000${accountId}`, 'utf8');
}

export function sealRecord(key: Buffer, plaintext: Buffer, aad: Buffer): SealedRecord {
  assertKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext: Buffer.concat([body, cipher.getAuthTag()]), nonce };
}

/** Throws SecretDecryptError on any authentication failure; never returns garbage. */
export function openRecord(key: Buffer, sealed: SealedRecord, aad: Buffer, what = 'this account'): Buffer {
  assertKey(key);
  if (sealed.nonce.length !== NONCE_BYTES || sealed.ciphertext.length < TAG_BYTES) throw new SecretDecryptError(what);
  const body = sealed.ciphertext.subarray(0, sealed.ciphertext.length - TAG_BYTES);
  const tag = sealed.ciphertext.subarray(sealed.ciphertext.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new SecretDecryptError(what);
  }
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`an AES-256 key is ${KEY_BYTES} bytes, got ${key.length}`);
}
