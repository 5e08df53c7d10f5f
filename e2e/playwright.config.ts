import { defineConfig } from '@playwright/test';
import { chromiumArgs, systemChromium } from '../scripts/chromium.mjs';

/**
 * Browser-mode end-to-end tests: the real app (`node out/main/cli.js serve`,
 * a real embedded PostgreSQL) driven through the machine's own Chromium or
 * Chrome where there is one (Debian's /usr/bin/chromium here, where
 * Playwright's browser download is not available), else Playwright's
 * Chromium, which `npm run test:e2e` installs first (scripts/ensure-browser.mjs).
 * Build first: `npx electron-vite build`.
 */
export default defineConfig({
  testDir: '.',
  testIgnore: ['electron/**'],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  outputDir: '../test-results/e2e',
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      ...(systemChromium() ? { executablePath: systemChromium() ?? '' } : {}),
      args: chromiumArgs(),
    },
    trace: 'retain-on-failure',
  },
});
