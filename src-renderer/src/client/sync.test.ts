import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../../src-shared/contract/client';
import type { CallOutcome } from '../../../src-shared/contract/wire';
import { useAppInfoStore } from '../stores/app-info-store';
import { initialConnectionStatus, useConnectionStore } from '../stores/connection-store';
import { useDbStatusStore } from '../stores/db-status-store';
import { appInfo, dbStatus } from '../test/fixtures';
import type { ConnectionStatus, ManagedTransport } from './connection-state';
import { startSync } from './sync';

/** A transport whose answers the test releases by hand. */
function fakeTransport() {
  let status: ConnectionStatus = { ...initialConnectionStatus };
  const statusListeners = new Set<(s: ConnectionStatus) => void>();
  const eventListeners = new Set<(event: string, payload: unknown) => void>();
  const calls: Array<{ method: string; answer: (outcome: CallOutcome) => void }> = [];
  const transport: ManagedTransport = {
    kind: 'websocket',
    invoke: (method) => new Promise((resolve) => calls.push({ method, answer: resolve })),
    onEvent: (l) => (eventListeners.add(l), () => eventListeners.delete(l)),
    status: () => status,
    onStatus: (l) => (statusListeners.add(l), () => statusListeners.delete(l)),
    close: () => {},
  };
  return {
    transport,
    calls,
    answer(method: string, result: unknown) {
      const index = calls.findIndex((c) => c.method === method);
      const [call] = calls.splice(index, 1);
      call?.answer({ ok: true, result });
    },
    setState(state: ConnectionStatus['state']) {
      status = { ...status, state, everOpened: status.everOpened || state === 'open' };
      for (const l of statusListeners) l(status);
    },
    emit(event: string, payload: unknown) {
      for (const l of eventListeners) l(event, payload);
    },
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  useConnectionStore.setState({ status: initialConnectionStatus, transport: null });
  useDbStatusStore.setState({ status: null, readError: null });
  useAppInfoStore.setState({ info: null, clockOffsetMs: 0 });
});

afterEach(() => vi.restoreAllMocks());

describe('startSync', () => {
  it('mirrors the connection and reads app info and db status once open', async () => {
    const fake = fakeTransport();
    const stop = startSync({ client: createClient(fake.transport), transport: fake.transport });
    expect(useConnectionStore.getState()).toMatchObject({ transport: 'websocket', status: { state: 'connecting' } });
    expect(fake.calls).toHaveLength(0);

    fake.setState('open');
    expect(fake.calls.map((c) => c.method).sort()).toEqual(['app.info', 'db.status']);
    fake.answer('app.info', appInfo({ mode: 'browser' }));
    fake.answer('db.status', dbStatus({ state: 'starting' }));
    await flush();

    expect(useAppInfoStore.getState().info?.mode).toBe('browser');
    expect(useDbStatusStore.getState().status?.state).toBe('starting');
    stop();
  });

  it('applies db.status events, and a slower initial read does not overwrite a newer event', async () => {
    const fake = fakeTransport();
    startSync({ client: createClient(fake.transport), transport: fake.transport });
    fake.setState('open');
    fake.emit('db.status', dbStatus({ state: 'ready' }));
    expect(useDbStatusStore.getState().status?.state).toBe('ready');

    fake.answer('db.status', dbStatus({ state: 'starting' }));
    await flush();
    expect(useDbStatusStore.getState().status?.state).toBe('ready');
  });

  it('reads the state again after a reconnection', async () => {
    const fake = fakeTransport();
    startSync({ client: createClient(fake.transport), transport: fake.transport });
    fake.setState('open');
    fake.answer('app.info', appInfo());
    fake.answer('db.status', dbStatus({ state: 'ready' }));
    await flush();

    fake.setState('closed');
    expect(useConnectionStore.getState().status.state).toBe('closed');
    fake.setState('connecting');
    fake.setState('open');
    expect(fake.calls.map((c) => c.method).sort()).toEqual(['app.info', 'db.status']);
    fake.answer('db.status', dbStatus({ state: 'restarting', reason: 'server exited', restarts: 1 }));
    await flush();
    expect(useDbStatusStore.getState().status).toMatchObject({ state: 'restarting', restarts: 1 });
  });

  it('records a failed read without losing the last known state', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fake = fakeTransport();
    useDbStatusStore.setState({ status: dbStatus({ state: 'ready' }) });
    startSync({ client: createClient(fake.transport), transport: fake.transport });
    fake.setState('open');
    const call = fake.calls.find((c) => c.method === 'db.status');
    call?.answer({ ok: false, error: { code: 'UNAVAILABLE', message: 'The connection to Tickdesk was lost' } });
    await flush();
    expect(useDbStatusStore.getState()).toMatchObject({
      status: { state: 'ready' },
      readError: 'The connection to Tickdesk was lost',
    });
  });

  it('corrects the clock by the server skew only when it is large enough to matter', async () => {
    const fake = fakeTransport();
    let clock = 1_000_000;
    startSync({ client: createClient(fake.transport), transport: fake.transport }, () => clock);
    fake.setState('open');
    clock += 200; // a 200 ms round trip: midpoint is 1_000_100
    fake.answer('app.info', appInfo({ serverTime: new Date(1_000_100 + 90_000).toISOString() }));
    await flush();
    expect(useAppInfoStore.getState().clockOffsetMs).toBe(90_000);

    fake.setState('closed');
    fake.setState('open');
    fake.answer('app.info', appInfo({ serverTime: new Date(clock + 300).toISOString() }));
    await flush();
    expect(useAppInfoStore.getState().clockOffsetMs).toBe(0);
  });

  it('stops feeding the stores once stopped', () => {
    const fake = fakeTransport();
    const stop = startSync({ client: createClient(fake.transport), transport: fake.transport });
    stop();
    fake.emit('db.status', dbStatus());
    fake.setState('open');
    expect(useDbStatusStore.getState().status).toBeNull();
    expect(useConnectionStore.getState().status.state).toBe('connecting');
  });
});
