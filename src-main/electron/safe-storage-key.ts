import type { KeyProvider } from '../secrets/key-provider';

/** The part of Electron's safeStorage this needs (typed here so tests need no Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/**
 * A KeyProvider over safeStorage. On Linux without a keyring daemon
 * Electron "encrypts" with a hard-coded password ('basic_text'), which is
 * plain storage in disguise: treated here as no keyring at all, so the store
 * asks for a passphrase instead. Call only after app 'ready' (safeStorage's
 * rule); the core asks in start().
 */
export function safeStorageKeyProvider(getSafeStorage: () => SafeStorageLike, platform: NodeJS.Platform = process.platform): KeyProvider {
  // A getter: safeStorage is touched only once the core starts, after 'ready'.
  return {
    unavailableReason() {
      const safeStorage = getSafeStorage();
      if (!safeStorage.isEncryptionAvailable()) return 'the operating system offers no keychain to Electron safeStorage';
      if (platform === 'linux') {
        const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
        if (backend === 'basic_text' || backend === 'unknown') {
          return `Electron found no Secret Service or KWallet on this desktop (backend "${backend}") and would keep the key in plain text`;
        }
      }
      return null;
    },
    // The 32-byte key travels as base64 because safeStorage wraps strings.
    wrap: (plain) => getSafeStorage().encryptString(plain.toString('base64')),
    unwrap: (wrapped) => Buffer.from(getSafeStorage().decryptString(wrapped), 'base64'),
  };
}
