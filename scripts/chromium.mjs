import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The Chromium (or Chrome, or Edge on Windows) already on this machine, for
 * the browser-mode end-to-end tests and the render benchmark; null when there
 * is none, and then Playwright's own Chromium is used (see ensure-browser.mjs).
 * TICKDESK_CHROMIUM names one explicitly, or is `playwright` for Playwright's own.
 */

/**
 * @param {{ platform?: string, env?: Record<string, string | undefined>, exists?: (file: string) => boolean }} [options]
 * @returns {string[]} where to look, in order
 */
export function chromiumCandidates({ platform = process.platform, env = process.env } = {}) {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root) => Boolean(root));
    return roots.flatMap((root) => [
      path.win32.join(/** @type {string} */ (root), 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.win32.join(/** @type {string} */ (root), 'Chromium', 'Application', 'chrome.exe'),
      path.win32.join(/** @type {string} */ (root), 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  if (platform === 'darwin') {
    const apps = ['/Applications', ...(env.HOME ? [path.posix.join(env.HOME, 'Applications')] : [])];
    return apps.flatMap((dir) => [
      path.posix.join(dir, 'Chromium.app', 'Contents', 'MacOS', 'Chromium'),
      path.posix.join(dir, 'Google Chrome.app', 'Contents', 'MacOS', 'Google Chrome'),
    ]);
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];
}

/**
 * @param {{ platform?: string, env?: Record<string, string | undefined>, exists?: (file: string) => boolean }} [options]
 * @returns {string | null}
 */
export function systemChromium({ platform = process.platform, env = process.env, exists = existsSync } = {}) {
  const chosen = env.TICKDESK_CHROMIUM;
  if (chosen === 'playwright') return null;
  if (chosen) return chosen;
  return chromiumCandidates({ platform, env }).find((file) => exists(file)) ?? null;
}

/**
 * The switches every test run uses: no GPU, no background traffic, and no
 * process sandbox, which containers and root (CI) refuse; it is a test browser
 * on our own loopback page.
 */
export function chromiumArgs() {
  return ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];
}
