import { defineConfig } from '@playwright/test';

/**
 * The Electron suite: the built app under Playwright's _electron, one app at a
 * time (each starts its own PostgreSQL). Skipped, with the reason printed,
 * where no Electron runtime is installed.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: '../../test-results/electron',
});
