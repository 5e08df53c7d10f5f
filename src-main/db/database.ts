import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { ContractError } from '../../src-shared/contract/errors';
import type { DbStatus } from '../../src-shared/domain/db-status';
import type { Logger } from '../log';
import { superuser } from './cluster-init';
import { passwordFileOf } from './password';
import { appDatabase } from './server-launch';
import type { DatabaseService } from './service';
import { createDbContext, type DatabaseServiceOptions, type DbContext } from './supervisor-context';
import { startDatabase, stopDatabase } from './supervisor-run';

export type { DatabaseServiceOptions } from './supervisor-context';

/** Why the database cannot be used right now, as the trader reads it. */
function unavailable(ctx: DbContext): ContractError {
  const { state, reason } = ctx.status.get();
  const why: Record<DbStatus['state'], string> = {
    stopped: "Tickdesk's database is not running.",
    starting: "Tickdesk's database is starting; try again in a moment.",
    restarting: `Tickdesk's database is not available right now (${reason ?? 'PostgreSQL is restarting'}); try again in a moment.`,
    failed: `Tickdesk's database failed: ${reason ?? 'unknown reason'}`,
    ready: "Tickdesk's database is not available.",
  };
  return new ContractError('UNAVAILABLE', why[state]);
}

/**
 * The supervised PostgreSQL: prepares the folder, launches the server, waits
 * for a real login, migrates, and from then on brings the server back with
 * backoff whenever it dies without being asked to. The state lives in one
 * DbContext (supervisor-context.ts); starting and stopping are supervisor-run.ts,
 * crash recovery supervisor-restart.ts.
 */
export function createDatabaseService(options: DatabaseServiceOptions, log: Logger): DatabaseService {
  const ctx = createDbContext(options, log);
  const ready = () => {
    if (ctx.status.get().state !== 'ready' || !ctx.handle) throw unavailable(ctx);
    return ctx.handle;
  };
  return {
    async start() {
      if (ctx.stopping) await ctx.stopping;
      if (ctx.status.get().state === 'ready') return;
      ctx.starting ??= startDatabase(ctx).finally(() => (ctx.starting = null));
      return ctx.starting;
    },
    stop() {
      ctx.stopping ??= stopDatabase(ctx).finally(() => (ctx.stopping = null));
      return ctx.stopping;
    },
    status: () => ctx.status.get(),
    onStatus: (listener) => ctx.status.subscribe(listener),
    kysely: () => ready().kysely,
    pool: (): pg.Pool => ready().pool,
    connectionUrl() {
      const { state, port } = ctx.status.get();
      if ((state !== 'ready' && state !== 'restarting') || port === null) throw new ContractError('UNAVAILABLE', "Tickdesk's database is not running; start the app first.");
      const password = readFileSync(passwordFileOf(ctx.status.get().dataDir), 'utf8').trim();
      return `postgresql://${superuser}:${encodeURIComponent(password)}@127.0.0.1:${port}/${appDatabase}`;
    },
  };
}
