import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { openRecord, recordAad, sealRecord, SecretDecryptError } from './record-crypto';

const key = randomBytes(32);
const plain = Buffer.from(JSON.stringify({ apiKey: 'kk123', apiSecret: 'ss-very-secret-456' }));
const aad = recordAad('kite', 'main');

describe('record crypto (AES-256-GCM)', () => {
  test('round trip with the same key and AAD', () => {
    const sealed = sealRecord(key, plain, aad);
    expect(sealed.nonce).toHaveLength(12);
    expect(sealed.ciphertext.includes(Buffer.from('ss-very-secret-456'))).toBe(false);
    expect(openRecord(key, sealed, aad).equals(plain)).toBe(true);
  });

  test('a flipped ciphertext bit, a flipped tag bit or a changed nonce is refused', () => {
    const sealed = sealRecord(key, plain, aad);
    for (const index of [0, sealed.ciphertext.length - 1]) {
      const tampered = Buffer.from(sealed.ciphertext);
      tampered[index] = (tampered[index] ?? 0) ^ 1;
      expect(() => openRecord(key, { ciphertext: tampered, nonce: sealed.nonce }, aad)).toThrow(SecretDecryptError);
    }
    const nonce = Buffer.from(sealed.nonce);
    nonce[0] = (nonce[0] ?? 0) ^ 1;
    expect(() => openRecord(key, { ciphertext: sealed.ciphertext, nonce }, aad)).toThrow(SecretDecryptError);
  });

  test('a record moved to another account or broker (other AAD) is refused', () => {
    const sealed = sealRecord(key, plain, aad);
    expect(() => openRecord(key, sealed, recordAad('kite', 'other'))).toThrow(SecretDecryptError);
    expect(() => openRecord(key, sealed, recordAad('kotak', 'main'))).toThrow(SecretDecryptError);
    // The separator keeps ("kite","main") apart from ("kitem","ain").
    expect(recordAad('kite', 'main').equals(recordAad('kitem', 'ain'))).toBe(false);
  });

  test('the wrong key is refused with a clear error, not garbage', () => {
    const sealed = sealRecord(key, plain, aad);
    expect(() => openRecord(randomBytes(32), sealed, aad, 'kite account "main"')).toThrow(/kite account "main" could not be decrypted/);
  });

  test('every seal draws a fresh nonce, so equal plaintexts never give equal ciphertexts', () => {
    const nonces = new Set<string>();
    const bodies = new Set<string>();
    for (let i = 0; i < 2000; i += 1) {
      const sealed = sealRecord(key, plain, aad);
      nonces.add(sealed.nonce.toString('hex'));
      bodies.add(sealed.ciphertext.toString('hex'));
    }
    expect(nonces.size).toBe(2000);
    expect(bodies.size).toBe(2000);
  });

  test('keys of the wrong length are rejected', () => {
    expect(() => sealRecord(randomBytes(16), plain, aad)).toThrow(/32 bytes/);
  });
});
