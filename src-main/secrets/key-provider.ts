import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_BYTES } from './record-crypto';

/**
 * The OS keyring as seen by the core. Electron's main process implements it
 * with safeStorage (src-main/electron/safe-storage-key-provider.ts); tests
 * use a fake. The core never imports electron.
 */
export interface KeyProvider {
  /** null when the keyring can wrap keys; otherwise why not, in one sentence for the trader. */
  unavailableReason(): string | null;
  wrap(plain: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}

export const DATA_KEY_FILE = 'secrets.key';

/**
 * The data key that encrypts broker records, kept on disk only in its
 * keyring-wrapped form. Created on first use. A separate data key (rather than
 * safeStorage on each record) keeps every record under one AES-GCM format
 * with the row-binding AAD, whatever the key source.
 */
export function loadOrCreateDataKey(dataDir: string, provider: KeyProvider): Buffer {
  const path = join(dataDir, DATA_KEY_FILE);
  let wrapped: Buffer | null = null;
  try {
    wrapped = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (wrapped) {
    const key = provider.unwrap(wrapped);
    if (key.length !== KEY_BYTES) throw new Error(`${path} does not hold a valid key`);
    return key;
  }
  const key = randomBytes(KEY_BYTES);
  mkdirSync(dataDir, { recursive: true });
  // Write then rename: a crash mid-write must not leave a truncated key that
  // would make every stored secret unreadable.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, provider.wrap(key), { mode: 0o600 });
  renameSync(tmp, path);
  return key;
}
