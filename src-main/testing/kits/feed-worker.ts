/**
 * For integration tests: builds feed-worker.ts into a temporary .mjs with
 * Vite (the bundler the app's build uses), so tests start the same worker
 * code in a real worker thread — Node 20 cannot run a .ts file as a worker,
 * and Vitest does not transform worker files. Everything is bundled in
 * (ssr.noExternal), so the file runs from /tmp.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

export async function buildFeedWorkerForTests(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const outDir = await mkdtemp(join(tmpdir(), 'tickdesk-feed-worker-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    root: resolve(here, '../../..'),
    build: {
      ssr: resolve(here, '../../brokers/simulated/feed-worker.ts'),
      outDir,
      emptyOutDir: false,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { format: 'es', entryFileNames: 'feed-worker.mjs' } },
    },
    ssr: { noExternal: true, target: 'node' },
  });
  return { path: join(outDir, 'feed-worker.mjs'), cleanup: () => rm(outDir, { recursive: true, force: true }) };
}
