import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DATA_KEY_FILE } from './key-provider';
import { PgSecretStore } from './pg-secret-store';
import { SecretKeys } from './secret-keys';
import { SecretStoreLockedError } from './secret-store';
import { fakeKeyring } from '../testing/fakes/keyring';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tickdesk-keys-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A pool that must never be reached: a locked store refuses before any SQL. */
function untouchablePool() {
  const query = vi.fn(() => {
    throw new Error('the database was reached');
  });
  return { pool: () => ({ query }) as unknown as pg.Pool, query };
}

const credentials = { broker: 'kite' as const, accountId: 'main', fields: { apiKey: 'k', apiSecret: 's3cr3t' } };

describe('a store without a key refuses plain storage', () => {
  test('no keyring and no passphrase: save() and load() refuse, and nothing reaches the database', async () => {
    const keys = new SecretKeys({ dataDir: dir, keyring: fakeKeyring({ unavailable: 'no Secret Service' }) });
    await keys.init();
    const { pool, query } = untouchablePool();
    const store = new PgSecretStore(pool, keys);
    expect(store.unlocked()).toBe(false);
    expect(store.keySource).toBe('passphrase');
    await expect(store.save(credentials)).rejects.toBeInstanceOf(SecretStoreLockedError);
    await expect(store.save(credentials)).rejects.toThrow(/^Tickdesk will not store broker secrets in plain text: the OS keyring is not available \(no Secret Service\)/);
    await expect(store.load('kite', 'main')).rejects.toBeInstanceOf(SecretStoreLockedError);
    expect(query).not.toHaveBeenCalled();
    expect(keys.lockedReason()).toMatch(/keyring .*passphrase/);
  });

  test('browser mode before the passphrase: locked, asking to choose one', async () => {
    const keys = new SecretKeys({ dataDir: dir, keyring: null });
    await keys.init();
    expect(keys.needsPassphraseSetup()).toBe(true);
    expect(keys.lockedReason()).toMatch(/choose a secrets passphrase/);
    await keys.unlock('a good passphrase');
    expect(keys.key()).not.toBeNull();
    keys.lock();
    expect(keys.key()).toBeNull();
    expect(keys.lockedReason()).toMatch(/enter your secrets passphrase/);
  });

  test('a keyring-backed store refuses a passphrase', async () => {
    const keys = new SecretKeys({ dataDir: dir, keyring: fakeKeyring() });
    await keys.init();
    await expect(keys.unlock('whatever passphrase')).rejects.toThrow(/keyring/);
  });
});

describe('keyring data key', () => {
  test('created once, kept on disk only in wrapped form, the same after a restart', async () => {
    const ring = fakeKeyring();
    const first = new SecretKeys({ dataDir: dir, keyring: ring });
    await first.init();
    const key = Buffer.from(first.key() ?? Buffer.alloc(0));
    expect(key).toHaveLength(32);
    expect(first.keySource).toBe('safeStorage');
    const file = await readFile(join(dir, DATA_KEY_FILE));
    expect(file.includes(key)).toBe(false);
    expect(file.toString('latin1').includes(key.toString('base64'))).toBe(false);

    const second = new SecretKeys({ dataDir: dir, keyring: ring });
    await second.init();
    expect(second.key()?.equals(key)).toBe(true);
    expect(ring.wrapped).toBe(1);
  });

  test('a keyring that cannot unwrap the key leaves the store locked with the reason', async () => {
    const first = new SecretKeys({ dataDir: dir, keyring: fakeKeyring() });
    await first.init();
    const otherMachine = new SecretKeys({ dataDir: dir, keyring: fakeKeyring() });
    await otherMachine.init();
    expect(otherMachine.key()).toBeNull();
    expect(otherMachine.lockedReason()).toMatch(/OS keyring could not unlock/);
  });
});
