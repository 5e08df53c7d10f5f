import path from 'node:path';
import { describe, expect, it } from 'vitest';
// scripts/ has no test project of its own; the detection npm start and the
// e2e/electron suite rely on is pinned here, next to the Electron code.
import { chromiumSandboxArgs, findElectronBinary, locateElectronPackage } from '../../scripts/electron-binary.mjs';

const DIR = path.resolve('/p/node_modules/electron');

function fakeFs(files: Record<string, string>) {
  return {
    isFile: (file: string) => Object.hasOwn(files, file),
    readText: (file: string) => files[file] ?? null,
  };
}

describe('findElectronBinary', () => {
  it('finds dist/<path.txt> like electron/index.js does', () => {
    const fs = fakeFs({ [path.join(DIR, 'path.txt')]: 'electron', [path.join(DIR, 'dist', 'electron')]: '' });
    expect(findElectronBinary({ electronDir: DIR, env: {}, fs })).toEqual({ found: true, path: path.join(DIR, 'dist', 'electron') });
  });

  it('reports a package whose download never ran (no path.txt), without downloading', () => {
    const result = findElectronBinary({ electronDir: DIR, env: {}, fs: fakeFs({}) });
    expect(result).toEqual({ found: false, reason: expect.stringContaining('path.txt') });
  });

  it('reports a path.txt whose binary is gone', () => {
    const fs = fakeFs({ [path.join(DIR, 'path.txt')]: 'electron\n' });
    const result = findElectronBinary({ electronDir: DIR, env: {}, fs });
    expect(result).toEqual({ found: false, reason: expect.stringContaining(path.join('dist', 'electron')) });
  });

  it('reports a missing electron package', () => {
    expect(findElectronBinary({ electronDir: null, env: {}, fs: fakeFs({}) })).toMatchObject({ found: false });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH, as electron/index.js does', () => {
    const fs = fakeFs({ [path.join('/opt/electron', 'electron')]: '' });
    expect(findElectronBinary({ electronDir: DIR, env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, fs })).toEqual({
      found: true,
      path: path.join('/opt/electron', 'electron'),
    });
    expect(findElectronBinary({ electronDir: null, env: { ELECTRON_OVERRIDE_DIST_PATH: '/nowhere' }, fs })).toMatchObject({
      found: false,
      reason: expect.stringContaining('ELECTRON_OVERRIDE_DIST_PATH'),
    });
  });

  it('answers for this machine without touching the network', () => {
    // Whatever the answer, it comes from the file system at once.
    const started = Date.now();
    const result = findElectronBinary({ electronDir: locateElectronPackage(process.cwd()), env: {} });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(typeof result.found).toBe('boolean');
  });
});

describe('chromiumSandboxArgs', () => {
  it('switches the process sandbox off only for root', () => {
    expect(chromiumSandboxArgs(0)).toEqual(['--no-sandbox']);
    expect(chromiumSandboxArgs(1000)).toEqual([]);
  });
});
