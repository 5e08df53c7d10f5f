import { ContractError } from '../../src-shared/contract';
import type { DatabaseService } from '../db/service';
import { readActivity } from '../dbadmin/activity';
import { createConsoleLogin } from '../dbadmin/console-login';
import { createMaintenanceRunner, type PartitionPassSummary } from '../dbadmin/maintenance-runs';
import { readRetentionState, writeRetentionSettings } from '../maintenance/retention-settings';
import { readServerInfo } from '../dbadmin/server-info';
import { DEFAULT_CONSOLE_LIMITS, runConsoleQuery, type ConsoleLimits } from '../dbadmin/sql-console';
import { readStatements, resetStatements } from '../dbadmin/statements';
import { readTables } from '../dbadmin/table-stats';
import { readWal } from '../dbadmin/wal-stats';
import type { Logger } from '../log';
import type { DomainHandlers } from './registry';

export type DbAdminMethod =
  | 'dbadmin.server'
  | 'dbadmin.tables'
  | 'dbadmin.activity'
  | 'dbadmin.statements'
  | 'dbadmin.resetStatements'
  | 'dbadmin.wal'
  | 'dbadmin.getRetention'
  | 'dbadmin.setRetention'
  | 'dbadmin.maintain'
  | 'dbadmin.maintenanceLog'
  | 'dbadmin.query';

export interface DbAdminDeps {
  db: DatabaseService;
  /** The partition manager's run-now (src-main/maintenance); null leaves that button out. */
  runPartitions: (() => Promise<readonly PartitionPassSummary[]>) | null;
  log: Logger;
  /** The console's row cap and time limits (tests shorten the timeout). */
  console?: Partial<ConsoleLimits>;
}

/**
 * The database panel. Its catalog queries run on the core's pool (the
 * superuser: they read every statistic); the SQL console never does, it logs
 * in as its own read-only role (dbadmin/sql-console.ts).
 */
export function dbadminHandlers(deps: DbAdminDeps): DomainHandlers<DbAdminMethod> {
  const { db } = deps;
  const limits: ConsoleLimits = { ...DEFAULT_CONSOLE_LIMITS, ...deps.console };
  const login = createConsoleLogin(db, deps.log);
  const maintenance = createMaintenanceRunner({ db, runPartitions: deps.runPartitions, log: deps.log });

  return {
    'dbadmin.server': () => readServerInfo(db.pool(), db.status()),
    'dbadmin.tables': () => readTables(db.pool()),
    'dbadmin.activity': () => readActivity(db.pool()),
    'dbadmin.statements': ({ orderBy, limit }) => readStatements(db.pool(), orderBy, limit),
    'dbadmin.resetStatements': async () => {
      try {
        return await resetStatements(db.pool());
      } catch (error) {
        if (error instanceof ContractError) throw error;
        throw new ContractError('UNAVAILABLE', error instanceof Error ? error.message : String(error));
      }
    },
    'dbadmin.wal': () => readWal(db.pool()),
    'dbadmin.getRetention': () => readRetentionState(db),
    'dbadmin.setRetention': (settings) => writeRetentionSettings(db, settings),
    'dbadmin.maintain': ({ action, table }) => maintenance.run(action, table),
    'dbadmin.maintenanceLog': async ({ limit }) => ({ entries: await maintenance.entries(limit) }),
    'dbadmin.query': ({ sql }) => runConsoleQuery(login, sql, limits),
  };
}
