/**
 * RFC 6238 TOTP (HMAC-SHA1, 30 s steps, 6 digits) — what Kotak's login asks for and
 * what an authenticator app shows. Implemented here on node:crypto so the trader may
 * store the TOTP secret and let the terminal log in each morning, rather than type a
 * code. Secrets come as authenticator apps give them: base32 (RFC 4648), spaces and
 * lower case allowed. The test server verifies with the same functions, and the RFC's
 * own test vectors pin them (totp.test.ts), so both sides cannot be wrong together.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Base32 text → bytes; null when it holds a character outside the alphabet. */
export function decodeBase32(text: string): Buffer | null {
  const clean = text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  if (clean === '') return null;
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) return null;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

export function encodeBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(value >>> bits) & 31];
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** HOTP (RFC 4226) of one counter value. */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totpAt(key: Buffer, epochMs: number, digits = TOTP_DIGITS): string {
  return hotp(key, Math.floor(epochMs / 1000 / TOTP_STEP_SECONDS), digits);
}

/** The code for a base32 secret at a moment; null when the secret is not base32. */
export function totpFromSecret(secretBase32: string, epochMs: number): string | null {
  const key = decodeBase32(secretBase32);
  return key === null ? null : totpAt(key, epochMs);
}

/**
 * Whether `code` is valid at `epochMs`, allowing `window` steps either side for clock
 * drift (authenticator servers commonly accept ±1 step).
 */
export function verifyTotp(key: Buffer, code: string, epochMs: number, window = 1): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const step = Math.floor(epochMs / 1000 / TOTP_STEP_SECONDS);
  let ok = false;
  for (let drift = -window; drift <= window; drift += 1) {
    const expected = Buffer.from(hotp(key, step + drift));
    // Constant time per comparison, and every candidate is compared.
    if (timingSafeEqual(expected, Buffer.from(code))) ok = true;
  }
  return ok;
}
