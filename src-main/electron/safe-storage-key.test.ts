import { describe, expect, test } from 'vitest';
import { safeStorageKeyProvider, type SafeStorageLike } from './safe-storage-key';

function fakeSafeStorage(available: boolean, backend: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`enc:${[...text].reverse().join('')}`),
    decryptString: (blob) => [...blob.toString().slice(4)].reverse().join(''),
    getSelectedStorageBackend: () => backend,
  };
}

describe('safeStorage key provider', () => {
  test('Linux with basic_text (no keyring daemon) counts as no keyring', () => {
    const reason = safeStorageKeyProvider(() => fakeSafeStorage(true, 'basic_text'), 'linux').unavailableReason();
    expect(reason).toMatch(/plain text/);
  });

  test('Linux with libsecret or KWallet is a keyring', () => {
    expect(safeStorageKeyProvider(() => fakeSafeStorage(true, 'gnome_libsecret'), 'linux').unavailableReason()).toBeNull();
    expect(safeStorageKeyProvider(() => fakeSafeStorage(true, 'kwallet5'), 'linux').unavailableReason()).toBeNull();
  });

  test('encryption unavailable on any platform is refused', () => {
    expect(safeStorageKeyProvider(() => fakeSafeStorage(false, 'gnome_libsecret'), 'darwin').unavailableReason()).toMatch(/no keychain/);
    expect(safeStorageKeyProvider(() => fakeSafeStorage(true, 'unknown'), 'darwin').unavailableReason()).toBeNull();
  });

  test('wraps and unwraps binary keys', () => {
    const provider = safeStorageKeyProvider(() => fakeSafeStorage(true, 'gnome_libsecret'), 'linux');
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37) % 256));
    expect(provider.unwrap(provider.wrap(key)).equals(key)).toBe(true);
  });
});
