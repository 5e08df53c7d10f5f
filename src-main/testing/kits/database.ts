import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../log';
import { createDatabaseService, type DatabaseServiceOptions } from '../../db/database';
import type { MigrationSources } from '../../db/migrator';
import type { DatabaseService } from '../../db/service';
import { testLogger } from './logger';

export interface TestDatabase {
  service: DatabaseService;
  dataDir: string;
  /** Stops the server and removes the temporary folder. */
  cleanup(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Apply migrations at start (default true). */
  migrate?: boolean;
  /** Migrations to apply instead of the bundled ones. */
  migrations?: MigrationSources;
  /** Anything else for the service (restart policy, timeouts). */
  service?: Partial<Omit<DatabaseServiceOptions, 'dataDir'>>;
  log?: Logger;
}

/**
 * A real PostgreSQL in a fresh temporary folder, for integration tests.
 * TICKDESK_TEST_LOG=1 shows the server's log while debugging a test.
 * Each call initialises a new cluster (about half a second): share one per
 * test file (beforeAll/afterAll) rather than one per test.
 */
export async function startTestDatabase(opts: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tickdesk-test-'));
  const log = opts.log ?? testLogger();
  const migrations = opts.migrate === false ? false : opts.migrations;
  const service = createDatabaseService(
    { port: null, ...opts.service, dataDir, ...(migrations === undefined ? {} : { migrations }) },
    log,
  );
  const cleanup = async () => {
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await service.start();
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { service, dataDir, cleanup };
}
