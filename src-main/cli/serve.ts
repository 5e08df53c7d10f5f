import { existsSync } from 'node:fs';
import path from 'node:path';
import { exportsDirOf } from '../audit/export-jobs';
import { brokerSettingsOf } from '../brokers/selection/broker-config';
import { createCore, type Core } from '../core';
import { createLogger } from '../log';
import { openProcessLogFile } from '../log-file';
import { PortInUseError, startBrowserServer, type BrowserServer } from '../server';
import { createAuthAudit } from '../server/auth-audit';

export interface ServeOptions {
  dataDir: string;
  port: number;
  staticDir: string;
  appVersion: string;
  /** --broker / --account / --feed (each also from TICKDESK_BROKER / _ACCOUNT / _FEED). */
  broker?: string | undefined;
  account?: string | undefined;
  feed?: string | undefined;
}

/** Where the CLI writes; the process streams in production. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  exit(code: number): never;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  exit: (code) => process.exit(code),
};

/** Most a shutdown may take before the process gives up and exits 1. */
const SHUTDOWN_LIMIT_MS = 60_000;

export function rendererMissing(staticDir: string): string | null {
  return existsSync(path.join(staticDir, 'index.html'))
    ? null
    : `Tickdesk: the renderer is not built; run \`npm run build\` (looked in ${staticDir}).`;
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

/**
 * `tickdesk serve`: the HTTP server comes up first so the page can show the
 * database starting (or the error screen), then the core. stdout carries one
 * line, the URL; everything else is JSON log lines on stderr.
 */
export async function runServe(options: ServeOptions, io: CliIo = processIo): Promise<void> {
  const missing = rendererMissing(options.staticDir);
  if (missing) {
    io.err(missing);
    return io.exit(1);
  }

  let brokerSettings: ReturnType<typeof brokerSettingsOf>;
  try {
    brokerSettings = brokerSettingsOf({ broker: options.broker, account: options.account, feed: options.feed }, process.env);
  } catch (error) {
    io.err(`Tickdesk: ${reasonOf(error)}`);
    return io.exit(2);
  }

  // Every line also goes to <data folder>/logs/tickdesk.log (rotated; Help shows where).
  const logFile = openProcessLogFile(options.dataDir);
  const log = createLogger({ fields: { app: 'tickdesk', mode: 'browser' }, sink: (line) => logFile.write(line) });
  // TICKDESK_FEED_RATE (simulated ticks/s) lets the fault tests drive ingestion at 20,000/s.
  const feedRate = Number(process.env.TICKDESK_FEED_RATE);
  // Browser mode has no keyring: the broker-secrets key comes from this
  // passphrase, or from the one the trader enters in Settings. Removed from
  // the environment so PostgreSQL and any other child never inherit it.
  const secretsPassphrase = process.env.TICKDESK_SECRETS_PASSPHRASE;
  delete process.env.TICKDESK_SECRETS_PASSPHRASE;
  const core: Core = createCore(
    {
      dataDir: options.dataDir,
      mode: 'browser',
      appVersion: options.appVersion,
      dbPort: null,
      market: { feed: brokerSettings.feed, ...(Number.isInteger(feedRate) && feedRate > 0 ? { ratePerSec: feedRate } : {}) },
      broker: brokerSettings.broker,
      logFile,
      ...(secretsPassphrase ? { secrets: { passphrase: secretsPassphrase } } : {}),
    },
    log,
  );
  const authAudit = createAuthAudit({ db: core.db, log: log.child({ part: 'auth-audit' }) });

  // Handlers go in before anything is listening or printed: a SIGTERM that
  // arrived with no listener would kill the process on the spot, leaving a
  // PostgreSQL that was just spawned running on its own.
  let server: BrowserServer | null = null;
  let started: Promise<void> = Promise.resolve();
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals | 'uncaughtException') => {
    if (stopping) {
      io.err(`Tickdesk: ${signal} again; exiting without waiting for the database to stop.`);
      io.exit(1);
    }
    stopping = true;
    log.info('shutting down', { signal });
    const limit = setTimeout(() => {
      io.err('Tickdesk: shutdown took too long; exiting.');
      io.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    limit.unref();
    void (async () => {
      let code = signal === 'uncaughtException' ? 1 : 0;
      try {
        await server?.close();
        await authAudit.close();
        // Stopping while the database is still starting could leave a
        // server spawned after the stop; let the start settle first.
        await started;
        await core.stop();
        log.info('stopped');
      } catch (error) {
        io.err(`Tickdesk: shutdown failed: ${reasonOf(error)}`);
        code = 1;
      }
      io.exit(code);
    })();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));
  process.on('uncaughtException', (error) => {
    log.error('uncaught exception', { error: reasonOf(error), stack: error.stack });
    shutdown('uncaughtException');
  });
  process.on('unhandledRejection', (reason) => {
    // A stray promise must not take the trader's session (and PostgreSQL) down with it.
    log.error('unhandled rejection', { error: reasonOf(reason) });
  });

  try {
    server = await startBrowserServer({
      core,
      staticDir: options.staticDir,
      port: options.port,
      host: '127.0.0.1',
      log,
      // Refusals are logged by the server and written (rate-limited) to audit_log.
      onAuthFailure: (failure) => authAudit.onAuthFailure(failure),
      exportsDir: exportsDirOf(options.dataDir),
    });
  } catch (error) {
    if (error instanceof PortInUseError) {
      io.err(`Port ${error.port} is in use; choose another with --port N (or --port 0 for any free port).`);
    } else {
      io.err(`Tickdesk could not listen on 127.0.0.1:${options.port}: ${reasonOf(error)}`);
    }
    return io.exit(1);
  }
  if (stopping) return;

  io.out(`Tickdesk is running at ${server.url}`);

  // The database is started after the URL is out: a slow first initdb or a
  // failure shows on the page instead of leaving the user with nothing.
  started = core.start().then(
    () => log.info('database ready', { dataDir: options.dataDir }),
    (error: unknown) => {
      io.err(`Database failed: ${reasonOf(error)}`);
      log.error('database failed', { error: reasonOf(error) });
    },
  );

  await started;
}
