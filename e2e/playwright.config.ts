import { defineConfig } from '@playwright/test';

/**
 * Browser-mode end-to-end tests: the real app (`node out/main/cli.js serve`,
 * a real embedded PostgreSQL) driven through Debian's Chromium, since
 * Playwright's own browser download is not available on these machines.
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
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
    trace: 'retain-on-failure',
  },
});
