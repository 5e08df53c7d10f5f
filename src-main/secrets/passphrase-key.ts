import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { KEY_BYTES } from './record-crypto';
import { WrongPassphraseError } from './secret-store';

/**
 * Browser mode has no OS keyring: the key is derived from the trader's
 * passphrase with scrypt. The salt and cost live in ${dataDir}/secrets.salt
 * with a verifier (an HMAC of a fixed label under the derived key), so a
 * wrong passphrase is reported as such instead of failing later as
 * undecryptable records. The verifier reveals nothing a guesser could not
 * get by trying to decrypt a record anyway.
 */
export const SALT_FILE = 'secrets.salt';
export const MIN_PASSPHRASE_LENGTH = 8;
const VERIFIER_LABEL = 'tickdesk secrets verifier v1';

export const kdfParamsSchema = z.object({
  v: z.literal(1),
  kdf: z.literal('scrypt'),
  N: z.number().int().min(2 ** 15).max(2 ** 22),
  r: z.number().int().min(8).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.string().min(16),
  verifier: z.string().min(16),
});
export type KdfParams = z.infer<typeof kdfParamsSchema>;

export const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;

export function deriveKey(passphrase: string, params: Pick<KdfParams, 'N' | 'r' | 'p' | 'salt'>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem above 128·N·r (32 MiB at the default cost), which Node's 32 MiB default would refuse.
    scrypt(passphrase.normalize('NFC'), Buffer.from(params.salt, 'base64'), KEY_BYTES, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

function verifierOf(key: Buffer): Buffer {
  return createHmac('sha256', key).update(VERIFIER_LABEL).digest();
}

export async function readKdfParams(dataDir: string): Promise<KdfParams | null> {
  let text: string;
  try {
    text = await readFile(join(dataDir, SALT_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = kdfParamsSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${join(dataDir, SALT_FILE)} is damaged; restore it from a backup`);
  return parsed.data;
}

/** First use: a new salt and verifier for this passphrase, written before any record is encrypted with it. */
export async function createKdfParams(dataDir: string, passphrase: string, cost: { N: number; r: number; p: number } = DEFAULT_COST): Promise<{ params: KdfParams; key: Buffer }> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new Error(`Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters to protect the broker secrets.`);
  }
  const base = { ...cost, salt: randomBytes(16).toString('base64') };
  const key = await deriveKey(passphrase, base);
  const params: KdfParams = { v: 1, kdf: 'scrypt', ...base, verifier: verifierOf(key).toString('base64') };
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, SALT_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(params)}\n`, { mode: 0o600 });
  await rename(tmp, path);
  return { params, key };
}

/** The key for this passphrase, or WrongPassphraseError. */
export async function unlockWithPassphrase(passphrase: string, params: KdfParams): Promise<Buffer> {
  const key = await deriveKey(passphrase, params);
  const expected = Buffer.from(params.verifier, 'base64');
  const actual = verifierOf(key);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    key.fill(0);
    throw new WrongPassphraseError();
  }
  return key;
}
