import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Finds the Electron runtime the way node_modules/electron/index.js does, but
 * without its fallback: `require('electron')` starts a download when the
 * binary is missing, and these machines have no network for it. Used by
 * `npm start` and by the e2e/electron suite.
 */

/** What electron/index.js falls back to when path.txt is missing. */
const FALLBACK_EXECUTABLE = 'electron';

const realFs = {
  /** @param {string} file */
  isFile(file) {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  },
  /** @param {string} file */
  readText(file) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  },
};

/**
 * @param {{
 *   electronDir: string | null,
 *   env?: Record<string, string | undefined>,
 *   fs?: { isFile(file: string): boolean, readText(file: string): string | null },
 * }} options
 * @returns {{ found: true, path: string } | { found: false, reason: string }}
 */
export function findElectronBinary({ electronDir, env = process.env, fs = realFs }) {
  const pathTxt = electronDir === null ? null : fs.readText(path.join(electronDir, 'path.txt'))?.trim() || null;

  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = path.join(override, pathTxt ?? FALLBACK_EXECUTABLE);
    return fs.isFile(candidate)
      ? { found: true, path: candidate }
      : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH names ${candidate}, which does not exist` };
  }
  if (electronDir === null) {
    return { found: false, reason: 'the electron package is not installed (run npm install)' };
  }
  if (pathTxt === null) {
    return { found: false, reason: 'node_modules/electron has no path.txt: its binary download never completed' };
  }
  const candidate = path.join(electronDir, 'dist', pathTxt);
  return fs.isFile(candidate)
    ? { found: true, path: candidate }
    : { found: false, reason: `${path.join('node_modules', 'electron', 'dist', pathTxt)} is missing: its binary download never completed` };
}

/**
 * The installed electron package's folder, or null.
 * @param {string} projectDir
 * @returns {string | null}
 */
export function locateElectronPackage(projectDir) {
  try {
    const require = createRequire(path.join(projectDir, 'package.json'));
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * @param {string} projectDir
 * @param {Record<string, string | undefined>} [env]
 * @returns {{ found: true, path: string } | { found: false, reason: string }}
 */
export function electronBinary(projectDir, env = process.env) {
  return findElectronBinary({ electronDir: locateElectronPackage(projectDir), env });
}

/** Chromium refuses to run as root without its process sandbox switched off. */
export function chromiumSandboxArgs(uid = process.getuid?.()) {
  return uid === 0 ? ['--no-sandbox'] : [];
}
