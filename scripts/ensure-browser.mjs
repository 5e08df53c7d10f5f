#!/usr/bin/env node
/**
 * Before the browser-mode end-to-end tests: a system Chromium/Chrome/Edge is
 * used where one exists (scripts/chromium.mjs); otherwise Playwright's own
 * Chromium, installed here the first time (it downloads, so it needs the
 * network). Says in one line what it does; exits 1 only when there is no
 * browser at all.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemChromium } from './chromium.mjs';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function main() {
  const system = systemChromium();
  if (system) return 0;
  const require = createRequire(path.join(projectDir, 'package.json'));
  const { chromium } = require('playwright-core');
  if (existsSync(chromium.executablePath())) return 0;
  const why = process.env.TICKDESK_CHROMIUM === 'playwright' ? 'TICKDESK_CHROMIUM=playwright' : 'no Chromium, Chrome or Edge on this machine';
  console.log(`e2e: ${why}; installing Playwright's Chromium (npx playwright install chromium)…`);
  const cli = path.join(path.dirname(require.resolve('playwright-core/package.json')), 'cli.js');
  const run = spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit' });
  if (run.status === 0 && existsSync(chromium.executablePath())) return 0;
  console.error(
    "e2e: Playwright's Chromium could not be installed (no network?). Install Chromium or Chrome (Debian: apt-get install chromium), or point TICKDESK_CHROMIUM at one.",
  );
  return 1;
}

process.exitCode = main();
