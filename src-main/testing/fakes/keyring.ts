import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyProvider } from '../../secrets/key-provider';

/** A fake OS keyring for tests: wraps with its own AES key, or reports itself missing. */
export function fakeKeyring(options: { unavailable?: string } = {}): KeyProvider & { wrapped: number } {
  const master = randomBytes(32);
  const ring = {
    wrapped: 0,
    unavailableReason: () => options.unavailable ?? null,
    wrap(plain: Buffer) {
      ring.wrapped += 1;
      const iv = randomBytes(16);
      const cipher = createCipheriv('aes-256-cbc', master, iv);
      return Buffer.concat([iv, cipher.update(plain), cipher.final()]);
    },
    unwrap(blob: Buffer) {
      const decipher = createDecipheriv('aes-256-cbc', master, blob.subarray(0, 16));
      return Buffer.concat([decipher.update(blob.subarray(16)), decipher.final()]);
    },
  };
  return ring;
}
