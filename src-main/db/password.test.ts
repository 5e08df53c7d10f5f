import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ensurePasswordFile, newPassword, passwordFileOf, readPassword } from './password';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tickdesk-password-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('passwords', () => {
  test('are 32 random bytes in base64url', () => {
    const password = newPassword();
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newPassword()).not.toBe(password);
  });

  test('the file is written with mode 0600 and read back', async () => {
    const password = await ensurePasswordFile(dataDir);
    expect((await stat(passwordFileOf(dataDir))).mode & 0o777).toBe(0o600);
    expect(await readFile(passwordFileOf(dataDir), 'utf8')).toBe(`${password}\n`);
    expect(await readPassword(dataDir)).toBe(password);
  });

  test('an existing file is reused, never overwritten', async () => {
    await writeFile(passwordFileOf(dataDir), 'kept\n', { mode: 0o600 });
    expect(await ensurePasswordFile(dataDir)).toBe('kept');
    expect(await readFile(passwordFileOf(dataDir), 'utf8')).toBe('kept\n');
  });

  test('a missing file for an existing cluster is a clear error', async () => {
    await expect(readPassword(dataDir)).rejects.toThrow(/pg-password is missing or empty; restore it from a backup/);
  });
});
