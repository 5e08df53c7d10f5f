import { describe, expect, it } from 'vitest';
import { ContractError } from '../../src-shared/contract';
import type { DbStatus } from '../../src-shared/domain/db-status';
import { appHandlers } from './app';
import { dispatch, type Handlers } from './registry';
import { unavailableHandlers } from '../testing/fakes/handlers';

const status: DbStatus = {
  state: 'ready',
  reason: null,
  version: '18.4',
  port: 5555,
  pid: 42,
  dataDir: '/tmp/x',
  sizeBytes: 1024,
  schemaVersion: '0001_x',
  restarts: 0,
  readySince: new Date(0).toISOString(),
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    ...unavailableHandlers(),
    ...appHandlers({ version: '1.2.3', mode: 'browser' }),
    'db.status': () => status,
    ...overrides,
  };
}

const ctx = { transport: 'test' } as const;

describe('dispatch', () => {
  it('answers a valid call with the handler result', async () => {
    const outcome = await dispatch(handlers(), 'db.status', {}, ctx);
    expect(outcome).toEqual({ ok: true, result: status });
  });

  it('treats a missing argument as the empty object', async () => {
    const outcome = await dispatch(handlers(), 'app.info', undefined, ctx);
    expect(outcome.ok).toBe(true);
  });

  it('refuses unknown methods with NOT_FOUND, including prototype names', async () => {
    for (const method of ['db.drop', '__proto__', 'constructor', 'toString', 42, null]) {
      const outcome = await dispatch(handlers(), method, {}, ctx);
      expect(outcome).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('validates the argument before the handler runs', async () => {
    let ran = false;
    const outcome = await dispatch(
      handlers({ 'db.status': () => { ran = true; return status; } }),
      'db.status',
      { unexpected: true },
      ctx,
    );
    expect(ran).toBe(false);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    for (const bad of ['text', 7, [], true]) {
      expect(await dispatch(handlers(), 'db.status', bad, ctx)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('turns handler failures into envelopes, keeping ContractError codes', async () => {
    const unavailable = await dispatch(
      handlers({ 'db.status': () => { throw new ContractError('UNAVAILABLE', 'database is restarting'); } }),
      'db.status',
      {},
      ctx,
    );
    expect(unavailable).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: 'database is restarting' } });
    const crash = await dispatch(
      handlers({ 'db.status': async () => { throw new TypeError('boom'); } }),
      'db.status',
      {},
      ctx,
    );
    expect(crash).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });
});
