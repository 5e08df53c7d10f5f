import type { EventName } from '../src-shared/contract';
import type { CallOutcome } from '../src-shared/contract/wire';
import { appHandlers } from './api/app';
import { dbHandlers } from './api/db';
import { dispatch, type CallContext, type Handlers } from './api/registry';
import { createDatabaseService } from './db/database';
import type { DatabaseService } from './db/service';
import { EventBus } from './events';
import type { Logger } from './log';

export interface CoreConfig {
  /** Tickdesk's data folder (see config.ts for how it is chosen). */
  dataDir: string;
  mode: 'electron' | 'browser';
  appVersion: string;
  /** PostgreSQL port; null picks a free loopback port. */
  dbPort: number | null;
}

export interface Core {
  readonly config: CoreConfig;
  readonly db: DatabaseService;
  start(): Promise<void>;
  stop(): Promise<void>;
  dispatch(method: unknown, args: unknown, ctx: CallContext): Promise<CallOutcome>;
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
}

/**
 * The composition root: the only place that builds the core's parts from a
 * config object and wires them together. Parts are started in order and
 * stopped in reverse; nothing holds a connection at module level.
 */
export function createCore(config: CoreConfig, log: Logger): Core {
  const bus = new EventBus();
  const db = createDatabaseService({ dataDir: config.dataDir, port: config.dbPort }, log.child({ part: 'db' }));
  const unsubscribers: Array<() => void> = [db.onStatus((status) => bus.emit('db.status', status))];

  const handlers: Handlers = {
    ...appHandlers({ version: config.appVersion, mode: config.mode }),
    ...dbHandlers(db),
  };

  let stopped = false;
  return {
    config,
    db,
    async start() {
      await db.start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await db.stop();
      for (const unsubscribe of unsubscribers.reverse()) unsubscribe();
    },
    dispatch: (method, args, ctx) => dispatch(handlers, method, args, ctx),
    onEvent: (listener) => bus.subscribe(listener),
  };
}
