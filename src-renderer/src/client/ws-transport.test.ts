import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus } from './connection-state';
import { fakeSocketFactory } from './fake-socket';
import type { SessionVerdict } from './session-check';
import { createWebSocketTransport, defaultBackoffMs } from './ws-transport';

const URL = 'ws://127.0.0.1:4000/ws?token=abc';

function setup(verdicts: SessionVerdict[] = []) {
  const sockets = fakeSocketFactory();
  const checkSession = vi.fn(async (): Promise<SessionVerdict> => verdicts.shift() ?? { kind: 'ok' });
  const transport = createWebSocketTransport({
    url: URL,
    checkSession,
    createSocket: sockets.factory,
    backoffMs: (failures) => 100 * 2 ** failures,
    stableAfterMs: 1_000,
  });
  const states: ConnectionStatus['state'][] = [];
  transport.onStatus((s) => states.push(s.state));
  return { transport, sockets, checkSession, states };
}

/** Lets the session check resolve and the socket be created. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('WebSocket transport', () => {
  it('connects to the given URL after the session check and reports open', async () => {
    const { transport, sockets, checkSession } = setup();
    expect(transport.status().state).toBe('connecting');
    await settle();
    expect(checkSession).toHaveBeenCalledTimes(1);
    expect(sockets.last().url).toBe(URL);
    sockets.last().open();
    expect(transport.status()).toMatchObject({ state: 'open', everOpened: true });
  });

  it('matches results to calls by id, whatever order they come back in', async () => {
    const { transport, sockets } = setup();
    await settle();
    const socket = sockets.last();
    socket.open();

    const first = transport.invoke('app.info', {});
    const second = transport.invoke('db.status', {});
    const [callA, callB] = socket.calls();
    expect(callA).toMatchObject({ type: 'call', method: 'app.info', args: {} });
    expect(callB).toMatchObject({ type: 'call', method: 'db.status' });
    expect(callA?.id).not.toBe(callB?.id);

    socket.receive({ type: 'result', id: callB?.id, ok: false, error: { code: 'NOT_FOUND', message: 'nope' } });
    socket.receive({ type: 'result', id: callA?.id, ok: true, result: { name: 'Tickdesk' } });

    await expect(first).resolves.toEqual({ ok: true, result: { name: 'Tickdesk' } });
    await expect(second).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'nope' } });
  });

  it('dispatches events to every listener until unsubscribed', async () => {
    const { transport, sockets } = setup();
    await settle();
    sockets.last().open();
    const a = vi.fn();
    const b = vi.fn();
    const offA = transport.onEvent(a);
    transport.onEvent(b);

    sockets.last().receive({ type: 'event', event: 'db.status', payload: { state: 'ready' } });
    offA();
    sockets.last().receive({ type: 'event', event: 'db.status', payload: { state: 'restarting' } });

    expect(a).toHaveBeenCalledTimes(1);
    expect(a).toHaveBeenCalledWith('db.status', { state: 'ready' });
    expect(b).toHaveBeenCalledTimes(2);
  });

  it('ignores malformed frames and keeps working', async () => {
    const { transport, sockets } = setup();
    await settle();
    const socket = sockets.last();
    socket.open();
    const listener = vi.fn();
    transport.onEvent(listener);
    const call = transport.invoke('app.info', {});
    const id = socket.calls()[0]?.id;

    socket.receive('{not json');
    socket.receive({ type: 'event', payload: 1 }); // no event name
    socket.receive({ type: 'result', id, ok: false, error: { code: 'BOGUS', message: 'x' } });
    socket.receive({ type: 'result', id: 'one', ok: true, result: 1 });
    socket.receive({ type: 'surprise' });
    socket.receive(JSON.stringify({ type: 'event', event: 'x', payload: 'y'.repeat(1024 * 1024) }));

    expect(listener).not.toHaveBeenCalled();
    expect(transport.status().state).toBe('open');
    socket.receive({ type: 'result', id, ok: true, result: 42 });
    await expect(call).resolves.toEqual({ ok: true, result: 42 });
    expect(console.warn).toHaveBeenCalledTimes(6);
  });

  it('fails pending calls with UNAVAILABLE when the socket drops', async () => {
    const { transport, sockets } = setup();
    await settle();
    sockets.last().open();
    const call = transport.invoke('db.status', {});
    sockets.last().drop();
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(transport.status().state).toBe('closed');
  });

  it('refuses calls at once while not connected instead of queueing them', async () => {
    const { transport } = setup();
    await expect(transport.invoke('db.status', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
  });

  it('reconnects with growing backoff and resets it once a connection holds', async () => {
    const { transport, sockets, states } = setup();
    await settle();
    sockets.last().drop(); // never opened
    expect(transport.status()).toMatchObject({ state: 'closed', attempt: 1 });

    await vi.advanceTimersByTimeAsync(99);
    expect(sockets.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets.sockets).toHaveLength(2);

    sockets.last().drop();
    expect(transport.status().attempt).toBe(2);
    await vi.advanceTimersByTimeAsync(199);
    expect(sockets.sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets.sockets).toHaveLength(3);

    // Open, hold past stableAfterMs, then drop: the next wait is the first step again.
    sockets.last().open();
    await vi.advanceTimersByTimeAsync(1_000);
    sockets.last().drop();
    expect(transport.status()).toMatchObject({ state: 'closed', attempt: 1, everOpened: true });
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets.sockets).toHaveLength(4);
    sockets.last().open();
    expect(transport.status().state).toBe('open');
    expect(states).toEqual(['closed', 'connecting', 'closed', 'connecting', 'open', 'closed', 'connecting', 'open']);
  });

  it('keeps backing off when the server accepts and drops at once', async () => {
    const { transport, sockets } = setup();
    await settle();
    sockets.last().open();
    sockets.last().drop();
    await vi.advanceTimersByTimeAsync(100);
    sockets.last().open();
    sockets.last().drop();
    expect(transport.status().attempt).toBe(2);
  });

  it('stops at unauthorized when the session check refuses the token', async () => {
    const { transport, sockets } = setup([{ kind: 'unauthorized', message: 'bad token' }]);
    await settle();
    expect(transport.status().state).toBe('unauthorized');
    expect(sockets.sockets).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets.sockets).toHaveLength(0);
  });

  it('treats an unreachable server as closed and retries the session check', async () => {
    const { transport, sockets, checkSession } = setup([{ kind: 'unreachable', message: 'Failed to fetch' }]);
    await settle();
    expect(transport.status()).toMatchObject({ state: 'closed', attempt: 1, everOpened: false });
    expect(sockets.sockets).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(checkSession).toHaveBeenCalledTimes(2);
    expect(sockets.sockets).toHaveLength(1);
  });

  it('refuses the link after a restart with a new token, even if it worked before', async () => {
    const { transport, sockets } = setup([{ kind: 'ok' }, { kind: 'unauthorized', message: 'bad token' }]);
    await settle();
    sockets.last().open();
    sockets.last().drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(transport.status().state).toBe('unauthorized');
  });

  it('close() stops reconnecting, fails pending calls and ignores the old socket', async () => {
    const { transport, sockets } = setup();
    await settle();
    const socket = sockets.last();
    socket.open();
    const call = transport.invoke('db.status', {});
    transport.close();
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(socket.closed).toBe(true);
    socket.drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets.sockets).toHaveLength(1);
    expect(transport.status().state).toBe('closed');
  });

  it('default backoff doubles from 250 ms and caps at 10 s', () => {
    expect([0, 1, 2, 3, 6, 20].map(defaultBackoffMs)).toEqual([250, 500, 1000, 2000, 10_000, 10_000]);
  });
});
