import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { DbStatus } from '../../src-shared/domain/db-status';
import type { Database } from './schema';

/**
 * The database as the rest of the core sees it: a supervised PostgreSQL with
 * the schema migrated. Built by createDatabaseService() in database.ts.
 */
export interface DatabaseService {
  /**
   * Takes the data folder (tickdesk.lock: refused while another live Tickdesk
   * holds it; a killed one's orphaned postmaster is stopped), initdb on first
   * use, start the server, wait until it accepts connections, migrate.
   */
  start(): Promise<void>;
  /** Graceful fast shutdown with a timeout; closes the pool first, releases the folder last. */
  stop(): Promise<void>;
  status(): DbStatus;
  onStatus(listener: (status: DbStatus) => void): () => void;
  /** Throws a ContractError('UNAVAILABLE') when the server is not ready. */
  kysely(): Kysely<Database>;
  pool(): pg.Pool;
  /** postgres://… URL for the trader's own tools, password read from the data folder. */
  connectionUrl(): string;
}

export interface DatabaseOptions {
  /** Tickdesk's data folder; the cluster lives in `${dataDir}/pg`. */
  dataDir: string;
  /** null picks a free loopback port at each start. */
  port: number | null;
}
