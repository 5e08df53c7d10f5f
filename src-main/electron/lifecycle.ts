import type { Logger } from '../log';

/**
 * Quitting stops PostgreSQL first: `before-quit` is held once while the core
 * stops (bounded by a timeout), then the app quits for real. Pure, so the
 * ordering is tested without Electron.
 */

export type QuitState = 'running' | 'stopping' | 'stopped';

export interface QuitGuard {
  readonly state: QuitState;
  /** Wire to app.on('before-quit'). */
  onBeforeQuit(event: { preventDefault(): void }): void;
}

export function createQuitGuard(options: {
  stop: () => Promise<void>;
  quit: () => void;
  timeoutMs: number;
  log: Logger;
}): QuitGuard {
  let state: QuitState = 'running';
  return {
    get state() {
      return state;
    },
    onBeforeQuit(event) {
      if (state === 'stopped') return;
      event.preventDefault();
      if (state === 'stopping') return;
      state = 'stopping';
      options.log.info('stopping the core before quitting');
      void withTimeout(options.stop(), options.timeoutMs)
        .then((finished) => {
          if (!finished) options.log.error('the core did not stop in time; quitting anyway', { timeoutMs: options.timeoutMs });
        })
        .catch((error: unknown) => options.log.error('the core failed to stop cleanly', { error: String(error) }))
        .finally(() => {
          state = 'stopped';
          options.quit();
        });
    },
  };
}

/** Resolves true when `promise` settles in time (rejecting as it does), false on timeout. */
export function withTimeout(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([promise.then(() => true), timeout]).finally(() => clearTimeout(timer));
}

/**
 * `--data-dir DIR` or `--data-dir=DIR` from Electron's argv (Chromium's own
 * switches may sit around it). The last one wins, like most CLIs.
 */
export function parseDataDirArg(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data-dir') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        found = next;
        i++;
      }
    } else if (arg?.startsWith('--data-dir=')) {
      found = arg.slice('--data-dir='.length);
    }
  }
  return found === '' ? undefined : found;
}
