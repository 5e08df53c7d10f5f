import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createKdfParams, readKdfParams, SALT_FILE, unlockWithPassphrase } from './passphrase-key';
import { WrongPassphraseError } from './secret-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tickdesk-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('passphrase-derived key (scrypt)', () => {
  test('the same passphrase gives the same key; the salt file holds no key or passphrase', async () => {
    const { params, key } = await createKdfParams(dir, 'correct horse battery');
    expect(params.N).toBeGreaterThanOrEqual(2 ** 15);
    expect(params.r).toBe(8);
    expect(params.p).toBe(1);
    const stored = await readKdfParams(dir);
    expect(stored).toEqual(params);
    const again = await unlockWithPassphrase('correct horse battery', params);
    expect(again.equals(key)).toBe(true);
    const file = await readFile(join(dir, SALT_FILE));
    expect(file.includes(Buffer.from('correct horse battery'))).toBe(false);
    expect(file.includes(key)).toBe(false);
    expect(file.toString().includes(key.toString('base64'))).toBe(false);
  });

  test('a wrong passphrase is reported as such', async () => {
    const { params } = await createKdfParams(dir, 'correct horse battery');
    await expect(unlockWithPassphrase('correct horse batterY', params)).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(unlockWithPassphrase('correct horse batterY', params)).rejects.toThrow(/Wrong passphrase/);
  });

  test('two installations with the same passphrase get different salts and keys', async () => {
    const a = await createKdfParams(dir, 'same passphrase');
    const b = await createKdfParams(join(dir, 'other'), 'same passphrase');
    expect(a.params.salt).not.toBe(b.params.salt);
    expect(a.key.equals(b.key)).toBe(false);
  });

  test('a short passphrase is refused', async () => {
    await expect(createKdfParams(dir, 'short')).rejects.toThrow(/at least 8 characters/);
  });

  test('no file means no passphrase set yet; a damaged file is an error, not a fresh start', async () => {
    expect(await readKdfParams(dir)).toBeNull();
    await createKdfParams(dir, 'correct horse battery');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, SALT_FILE), '{"v":1,"kdf":"scrypt","N":1024}');
    await expect(readKdfParams(dir)).rejects.toThrow(/damaged/);
  });
});
