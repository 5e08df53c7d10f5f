import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32, hotp, totpAt, totpFromSecret, verifyTotp } from './totp';

// RFC 6238 appendix B (SHA-1 key "12345678901234567890"), 8 digits; RFC 4226 appendix D for HOTP.
const KEY = Buffer.from('12345678901234567890');

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC test vectors', () => {
    expect(totpAt(KEY, 59_000, 8)).toBe('94287082');
    expect(totpAt(KEY, 1_111_111_109_000, 8)).toBe('07081804');
    expect(totpAt(KEY, 1_234_567_890_000, 8)).toBe('89005924');
    expect(totpAt(KEY, 20_000_000_000_000, 8)).toBe('65353130');
    expect(hotp(KEY, 0)).toBe('755224');
    expect(hotp(KEY, 9)).toBe('520489');
  });

  it('reads base32 secrets as authenticator apps show them', () => {
    const secret = encodeBase32(KEY);
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(decodeBase32('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')?.equals(KEY)).toBe(true);
    expect(decodeBase32('NOT*BASE32')).toBeNull();
    expect(totpFromSecret(secret, 59_000)).toBe('287082');
  });

  it('accepts one step of drift and refuses anything else', () => {
    const now = 1_700_000_000_000;
    const code = totpAt(KEY, now);
    expect(verifyTotp(KEY, code, now)).toBe(true);
    expect(verifyTotp(KEY, code, now + 30_000)).toBe(true);
    expect(verifyTotp(KEY, code, now + 90_000)).toBe(false);
    expect(verifyTotp(KEY, '12345', now)).toBe(false);
  });
});
