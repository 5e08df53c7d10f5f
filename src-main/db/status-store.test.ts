import { describe, expect, test } from 'vitest';
import type { DbStatus } from '../../src-shared/domain/db-status';
import { dbStatusSchema } from '../../src-shared/domain/db-status';
import { silentLogger } from '../log';
import { StatusStore } from './status-store';

describe('StatusStore', () => {
  test('starts stopped and valid against the contract schema', () => {
    const store = new StatusStore('/data', silentLogger);
    expect(dbStatusSchema.parse(store.get())).toMatchObject({ state: 'stopped', dataDir: '/data', restarts: 0 });
  });

  test('tells listeners about changes only, and a throwing listener does not stop the others', () => {
    const store = new StatusStore('/data', silentLogger);
    const seen: DbStatus[] = [];
    store.subscribe(() => {
      throw new Error('boom');
    });
    const unsubscribe = store.subscribe((status) => seen.push(status));
    store.update({ state: 'starting' });
    store.update({ state: 'starting' });
    store.update({ state: 'ready', port: 5433 });
    unsubscribe();
    store.update({ state: 'stopped' });
    expect(seen.map((status) => status.state)).toEqual(['starting', 'ready']);
    expect(seen[1]?.port).toBe(5433);
  });

  test('get() returns a copy', () => {
    const store = new StatusStore('/data', silentLogger);
    const copy = store.get();
    copy.state = 'ready';
    expect(store.get().state).toBe('stopped');
  });
});
