import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The superuser's password lives next to the cluster, readable by us only. */
export function passwordFileOf(dataDir: string): string {
  return join(dataDir, 'pg-password');
}

export function newPassword(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Returns the existing password, or writes a new one (mode 0600, via a
 * temporary file and rename so a crash never leaves a truncated password).
 * An existing file is reused: a cluster the trader moved aside still needs it.
 */
export async function ensurePasswordFile(dataDir: string): Promise<string> {
  const existing = await readPasswordIfPresent(dataDir);
  if (existing !== null) return existing;
  const path = passwordFileOf(dataDir);
  const temporary = `${path}.${process.pid}.tmp`;
  const password = newPassword();
  await writeFile(temporary, `${password}\n`, { mode: 0o600, flag: 'w' });
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return password;
}

async function readPasswordIfPresent(dataDir: string): Promise<string | null> {
  try {
    const text = (await readFile(passwordFileOf(dataDir), 'utf8')).trim();
    return text === '' ? null : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** For an initialised cluster the password must be there; say what to do if not. */
export async function readPassword(dataDir: string): Promise<string> {
  const password = await readPasswordIfPresent(dataDir);
  if (password === null) {
    throw new Error(
      `The database password file ${passwordFileOf(dataDir)} is missing or empty; restore it from a backup of the data folder (the cluster cannot be opened without it).`,
    );
  }
  return password;
}
