import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { writeSha256Sums } from './sha256sums.mjs';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

test('SHA256SUMS lists each installer in sha256sum -c format, and nothing else', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'tickdesk-sums-'));
  dirs.push(dir);
  await writeFile(path.join(dir, 'Tickdesk-0.1.0-linux-x86_64.AppImage'), 'appimage bytes');
  await writeFile(path.join(dir, 'Tickdesk-0.1.0-linux-amd64.deb'), 'deb bytes');
  await writeFile(path.join(dir, 'builder-debug.yml'), 'not an installer');
  await mkdir(path.join(dir, 'linux-unpacked.exe'));
  expect(await writeSha256Sums(dir)).toEqual(['Tickdesk-0.1.0-linux-amd64.deb', 'Tickdesk-0.1.0-linux-x86_64.AppImage']);
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  expect(await readFile(path.join(dir, 'SHA256SUMS'), 'utf8')).toBe(
    `${sha('deb bytes')}  Tickdesk-0.1.0-linux-amd64.deb\n${sha('appimage bytes')}  Tickdesk-0.1.0-linux-x86_64.AppImage\n`,
  );
});
