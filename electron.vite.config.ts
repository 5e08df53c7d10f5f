import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * The dev server injects an inline script (React refresh) that the strict CSP
 * meta tag would block; in dev only, drop the meta tag and rely on the CSP
 * header that Electron main sets. Production builds keep the tag.
 */
function dropCspMetaInDev(): Plugin {
  return {
    name: 'tickdesk-drop-csp-meta-in-dev',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta[^>]+Content-Security-Policy[^>]*>/i, ''),
  };
}

/**
 * One build for everything that ships:
 * - main: the Electron entry, the plain-Node CLI (`tickdesk serve`, `db status`, ...)
 *   and the benchmark runner, all sharing the core in src-main/;
 * - preload: one CommonJS file, self-contained, as a sandboxed preload must be;
 * - renderer: the React app, served by Electron or by browser mode alike.
 */
const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          'electron-main': resolve(root, 'src-main/electron/main.ts'),
          cli: resolve(root, 'src-main/cli/main.ts'),
          bench: resolve(root, 'src-main/bench/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve(root, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [react(), dropCspMetaInDev()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
  },
});
