import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, toErrorEnvelope, type MethodArgs, type MethodResult } from '../../src-shared/contract';
import { startTestDatabase, type TestDatabase } from '../testing/kits/database';
import { DEFAULT_RETENTION, readRetentionSettings, writeRetentionSettings } from '../maintenance/retention-settings';
import { silentLogger } from '../log';
import { dbadminHandlers, type DbAdminMethod } from './dbadmin';

let test: TestDatabase;
let handlers: ReturnType<typeof dbadminHandlers>;
let partitionRuns = 0;

beforeAll(async () => {
  test = await startTestDatabase();
  handlers = dbadminHandlers({
    db: test.service,
    runPartitions: async () => {
      partitionRuns += 1;
      return [{ table: 'market_ticks', created: ['market_ticks_20260105'], dropped: [], fromDefault: [], failed: [] }];
    },
    log: silentLogger,
    console: { timeoutMs: 200 },
  });
});

afterAll(async () => {
  await test?.cleanup();
});

/** As a transport would: the contract's schema first, then the handler. */
async function call<M extends DbAdminMethod>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
  const parsed = methods[method].args.parse(args) as Parameters<(typeof handlers)[M]>[0];
  const handler = handlers[method] as (a: typeof parsed, ctx: { transport: 'test' }) => Promise<MethodResult<M>>;
  return handler(parsed, { transport: 'test' });
}

async function envelope(promise: Promise<unknown>) {
  return promise.then(
    () => null,
    (error: unknown) => toErrorEnvelope(error),
  );
}

describe('retention settings', () => {
  it('start at the defaults and are saved, read back and audited', async () => {
    expect(await call('dbadmin.getRetention', {})).toEqual({ settings: DEFAULT_RETENTION, updatedAt: null });
    const saved = await call('dbadmin.setRetention', { tickRetentionDays: 60, depthRetentionDays: 3, partitionDaysAhead: 5 });
    expect(saved.updatedAt).not.toBeNull();
    expect(await readRetentionSettings(test.service)).toEqual({ tickRetentionDays: 60, depthRetentionDays: 3, partitionDaysAhead: 5 });
    expect(await readRetentionSettings(test.service.pool())).toEqual({ tickRetentionDays: 60, depthRetentionDays: 3, partitionDaysAhead: 5 });
    const { rows } = await test.service.pool().query<{ actor: string; details: { before: unknown; after: unknown } }>(
      "SELECT actor, details FROM audit_log WHERE action = 'retention.update' ORDER BY id",
    );
    expect(rows).toEqual([{ actor: 'trader', details: { before: null, after: { tickRetentionDays: 60, depthRetentionDays: 3, partitionDaysAhead: 5 } } }]);
    await writeRetentionSettings(test.service, { ...DEFAULT_RETENTION, tickRetentionDays: 90 });
    const second = await test.service.pool().query<{ details: { before: { tickRetentionDays: number } } }>(
      "SELECT details FROM audit_log WHERE action = 'retention.update' ORDER BY id DESC LIMIT 1",
    );
    expect(second.rows[0]?.details.before.tickRetentionDays).toBe(60);
  });

  it('refuses values out of range', async () => {
    expect(methods['dbadmin.setRetention'].args.safeParse({ tickRetentionDays: 0, depthRetentionDays: 3, partitionDaysAhead: 5 }).success).toBe(false);
    await expect(writeRetentionSettings(test.service, { tickRetentionDays: 1.5, depthRetentionDays: 3, partitionDaysAhead: 5 })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('falls back field by field when the stored value is damaged', async () => {
    await test.service.pool().query(`UPDATE app_settings SET value = '{"tickRetentionDays": "lots", "depthRetentionDays": 2}' WHERE key = 'retention'`);
    expect(await readRetentionSettings(test.service)).toEqual({ ...DEFAULT_RETENTION, depthRetentionDays: 2 });
  });
});

describe('maintenance on demand', () => {
  it('runs VACUUM (ANALYZE) outside a transaction and logs it', async () => {
    const entry = await call('dbadmin.maintain', { action: 'vacuum-analyze', table: 'strategies' });
    expect(entry).toMatchObject({ action: 'vacuum-analyze', target: 'strategies', ok: true, message: 'VACUUM (ANALYZE) public.strategies done.' });
    const { tables } = await call('dbadmin.tables', {});
    expect(tables.find((t) => t.name === 'strategies')?.lastVacuum).not.toBeNull();
    const analyzed = await call('dbadmin.maintain', { action: 'analyze', table: 'market_ticks' });
    expect(analyzed.ok).toBe(true);
    const log = await call('dbadmin.maintenanceLog', {});
    expect(log.entries.map((e) => [e.action, e.target, e.ok])).toEqual([
      ['analyze', 'market_ticks', true],
      ['vacuum-analyze', 'strategies', true],
    ]);
  });

  it('runs the partition manager and logs its summary', async () => {
    const entry = await call('dbadmin.maintain', { action: 'partitions' });
    expect(partitionRuns).toBe(1);
    expect(entry.message).toBe('market_ticks: 1 created, 0 dropped, 0 moved out of DEFAULT');
    expect((await call('dbadmin.maintenanceLog', { limit: 1 })).entries[0]?.action).toBe('partitions');
  });

  it('refuses an unknown table or a name that is not one, before running anything', async () => {
    expect(await envelope(call('dbadmin.maintain', { action: 'vacuum-analyze', table: 'nope' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await envelope(call('dbadmin.maintain', { action: 'vacuum-analyze', table: 'strategies; drop table orders' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await envelope(call('dbadmin.maintain', { action: 'analyze' }))).toMatchObject({ code: 'VALIDATION' });
    expect((await call('dbadmin.maintenanceLog', {})).entries).toHaveLength(3);
  });

  it('runs one at a time', async () => {
    const first = call('dbadmin.maintain', { action: 'vacuum-analyze', table: 'market_ticks' });
    expect(await envelope(call('dbadmin.maintain', { action: 'analyze', table: 'strategies' }))).toMatchObject({ code: 'CONFLICT' });
    expect((await first).ok).toBe(true);
  });
});

describe('the panel over the contract', () => {
  it('answers every read with a result its schema accepts', async () => {
    for (const method of ['dbadmin.server', 'dbadmin.tables', 'dbadmin.activity', 'dbadmin.wal', 'dbadmin.getRetention'] as const) {
      const result = await call(method, {});
      expect(methods[method].result.safeParse(result).success, method).toBe(true);
    }
    const statements = await call('dbadmin.statements', {});
    expect(statements.available).toBe(true);
    expect(methods['dbadmin.statements'].result.safeParse(statements).success).toBe(true);
    expect(methods['dbadmin.resetStatements'].result.safeParse(await call('dbadmin.resetStatements', {})).success).toBe(true);
  });

  it('runs the console with the configured timeout', async () => {
    const result = await call('dbadmin.query', { sql: 'select 1 as one' });
    expect(result).toMatchObject({ columns: [{ name: 'one', type: 'integer' }], rows: [['1']] });
    expect(methods['dbadmin.query'].result.safeParse(result).success).toBe(true);
    expect(await envelope(call('dbadmin.query', { sql: 'select pg_sleep(10)' }))).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('200 ms') });
    expect(await envelope(call('dbadmin.query', { sql: 'delete from orders' }))).toEqual({
      code: 'UNAUTHORIZED',
      message: 'The SQL console is read-only: INSERT/UPDATE/DELETE and DDL are refused.',
      details: { keyword: 'DELETE', allowed: ['SELECT', 'WITH', 'VALUES', 'TABLE', 'EXPLAIN', 'SHOW'] },
    });
  });
});
