import { defineConfig } from 'vitest/config';

/**
 * unit: fast tests next to the code (*.test.ts, *.test.tsx), the lint's own rule
 * among them (scripts/).
 * integration: tests against a real embedded PostgreSQL (*.int.test.ts); they
 * start servers, so they run one file at a time with generous timeouts.
 * packaging: the packaged app folder (needs `npm run build` and pack-dir.mjs first).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src-*/**/*.test.ts', 'src-*/**/*.test.tsx', 'scripts/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src-*/**/*.int.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          // The packaged folder built by scripts/packaging/pack-dir.mjs (`npm run test:package`).
          name: 'packaging',
          include: ['scripts/packaging/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
