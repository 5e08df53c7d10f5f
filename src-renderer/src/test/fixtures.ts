import type { AppInfo } from '../../../src-shared/domain/app-info';
import type { DbStatus } from '../../../src-shared/domain/db-status';

/** A valid db.status payload for tests; override what the test is about. */
export function dbStatus(overrides: Partial<DbStatus> = {}): DbStatus {
  return {
    state: 'ready',
    reason: null,
    version: '18.4',
    port: 54321,
    pid: 4242,
    dataDir: '/home/trader/.tickdesk',
    sizeBytes: 8 * 1024 * 1024,
    schemaVersion: '0001_core_schema',
    restarts: 0,
    readySince: '2026-11-20T03:45:00.000Z',
    ...overrides,
  };
}

export function appInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return { name: 'Tickdesk', version: '0.1.0', mode: 'browser', serverTime: new Date().toISOString(), ...overrides };
}
