/**
 * Where the built worker file is. electron-vite's `?modulePath` bundles
 * feed-worker.ts as a separate file next to the main bundle and resolves to
 * its absolute path at run time; no entry in electron.vite.config.ts needed.
 * Imported lazily: under Vitest the suffix means nothing (Node 20 cannot run
 * a .ts worker anyway), so tests pass a worker built by testing/kits/feed-worker.ts
 * or use the in-process transport instead.
 */
export async function bundledFeedWorkerPath(): Promise<string> {
  const module = (await import('./feed-worker?modulePath')) as { default?: unknown };
  if (typeof module.default !== 'string' || module.default.endsWith('.ts')) {
    throw new Error('The simulated feed worker is only available in the built app (npm run build).');
  }
  return module.default;
}
