#!/usr/bin/env node
/**
 * Writes SHA256SUMS beside the installers, in the format `sha256sum -c`
 * (and `shasum -a 256 -c`) checks: "<hex>  <file name>", one per line.
 *
 *   node scripts/packaging/sha256sums.mjs [DIR]    (default dist/)
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

/** What `npm run dist` publishes: the installers, not electron-builder's folders and metadata. */
export const ARTIFACT = /\.(AppImage|deb|exe|dmg)$/;

/** @param {string} file @returns {Promise<string>} */
export async function sha256Of(file) {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * @param {string} dir
 * @returns {Promise<string[]>} the file names listed
 */
export async function writeSha256Sums(dir) {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && ARTIFACT.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  const lines = [];
  for (const name of names) lines.push(`${await sha256Of(path.join(dir, name))}  ${name}`);
  await writeFile(path.join(dir, 'SHA256SUMS'), lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return names;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? 'dist');
  const names = await writeSha256Sums(dir);
  console.log(names.length > 0 ? `SHA256SUMS written in ${dir} for ${names.join(', ')}` : `no installers in ${dir}; SHA256SUMS is empty`);
}
