import pg from 'pg';
import type { ServerExit } from './server-process';

export interface ConnectionTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export class ServerExitedError extends Error {
  constructor(readonly exit: ServerExit) {
    super('PostgreSQL exited while starting');
    this.name = 'ServerExitedError';
  }
}

/** Codes that retrying cannot fix: a wrong password or a refused login. */
const fatalCodes = new Set(['28P01', '28000']);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Readiness is a successful `SELECT 1`, tried every `intervalMs` until it
 * works, the server exits, or the time is up. Returns the connected client so
 * the caller can ask its first questions without a second login.
 */
export async function waitUntilReady(
  target: ConnectionTarget,
  exited: Promise<ServerExit>,
  options: { timeoutMs: number; intervalMs: number } = { timeoutMs: 30_000, intervalMs: 25 },
): Promise<pg.Client> {
  let exit: ServerExit | null = null;
  void exited.then((value) => (exit = value));
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    if (exit) throw new ServerExitedError(exit);
    const client = new pg.Client({ ...target, connectionTimeoutMillis: 2_000 });
    client.on('error', () => {}); // a probe dropped mid-way is just a failed try
    const attempt = (async () => {
      await client.connect();
      await client.query('SELECT 1');
    })();
    try {
      // Race the exit too: a connect that hangs (something else answers on the
      // port) must not hide that our server is already gone.
      const outcome = await Promise.race([attempt.then(() => 'ready' as const), exited.then(() => 'exited' as const)]);
      if (outcome === 'ready') return client;
      attempt.catch(() => {});
      void client.end().catch(() => {});
      throw new ServerExitedError(await exited);
    } catch (error) {
      if (error instanceof ServerExitedError) throw error;
      lastError = error;
      await client.end().catch(() => {});
      const code = (error as { code?: string }).code;
      if (code && fatalCodes.has(code)) {
        throw new Error(`PostgreSQL refused Tickdesk's login (${(error as Error).message}); the password file no longer matches the cluster.`, {
          cause: error,
        });
      }
    }
    if (exit) throw new ServerExitedError(exit);
    if (Date.now() >= deadline) {
      throw new Error(
        `PostgreSQL did not accept connections within ${Math.round(options.timeoutMs / 1000)} s (${lastError instanceof Error ? lastError.message : 'no answer'}); see the log above for why.`,
      );
    }
    await sleep(options.intervalMs);
  }
}
