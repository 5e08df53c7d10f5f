import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { backoffDelay } from './backoff';
import { ReconnectingSocket, type ReconnectingSocketOptions } from './reconnecting-socket';

let server: WebSocketServer;
let url: string;
let accepted: WebSocket[];
let sockets: ReconnectingSocket[];

beforeEach(async () => {
  accepted = [];
  sockets = [];
  server = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: false });
  server.on('connection', (ws) => accepted.push(ws));
  await new Promise<void>((resolve) => server.once('listening', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  for (const s of sockets) s.stop();
  for (const ws of server.clients) ws.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function make(options: Partial<ReconnectingSocketOptions> = {}) {
  const log = vi.fn();
  const onAuthRefused = vi.fn();
  const onChange = vi.fn();
  const socket = new ReconnectingSocket({
    index: 0,
    name: 'test connection 1',
    heartbeatTimeoutMs: 80,
    // random 0 → each delay is exactly half its ceiling: 20, 40, 80, …
    backoff: { initialMs: 40, maxMs: 1_000, random: () => 0 },
    url: () => url,
    noSession: 'no test session',
    refused: (status) => `refused (HTTP ${status})`,
    authStatuses: [403],
    silentLog: 'test socket silent; reconnecting',
    onOpen: () => {},
    onMessage: () => {},
    onChange,
    onAuthRefused,
    log,
    ...options,
  });
  sockets.push(socket);
  return { socket, log, onAuthRefused, onChange };
}

async function until(check: () => boolean, what: string, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('ReconnectingSocket', () => {
  it('drops a silent socket and dials again after growing backoff delays', async () => {
    const { socket, log } = make();
    socket.start();
    await until(() => accepted.length >= 3, 'two reconnections');
    const backoff = { initialMs: 40, maxMs: 1_000, random: () => 0 };
    expect(socket.delays.slice(0, 2)).toEqual([backoffDelay(0, backoff), backoffDelay(1, backoff)]);
    expect(socket.delays.slice(0, 2)).toEqual([20, 40]);
    expect(socket.lastError).toMatch(/^test connection 1 silent for \d+ ms; reconnecting$/);
    expect(log).toHaveBeenCalledWith('test socket silent; reconnecting', expect.objectContaining({ connection: 0 }));
  });

  it('a proven link starts again from the shortest delay', async () => {
    const { socket } = make({ onMessage: () => socket.proven() });
    server.on('connection', (ws) => ws.send('hello'));
    socket.start();
    await until(() => socket.delays.length >= 3, 'three reconnections');
    expect(socket.delays.slice(0, 3)).toEqual([20, 20, 20]);
  });

  it('pings when asked and counts pongs as heard', async () => {
    server.on('connection', (ws) => ws.on('ping', () => ws.pong()));
    const { socket } = make({ ping: true, heartbeatTimeoutMs: 150 });
    socket.start();
    await until(() => socket.open, 'open');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(accepted).toHaveLength(1);
    expect(socket.delays).toEqual([]);
  });

  it('stop cancels a pending retry', async () => {
    const { socket } = make({ backoff: { initialMs: 200, random: () => 0 } });
    socket.start();
    await until(() => accepted.length === 1, 'first connection');
    accepted[0]?.terminate();
    await until(() => socket.delays.length === 1, 'a scheduled retry');
    socket.stop();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(accepted).toHaveLength(1);
    expect(socket.open).toBe(false);
  });

  it('without credentials it does not dial and says why', async () => {
    const { socket, onAuthRefused } = make({ url: () => null });
    socket.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(accepted).toHaveLength(0);
    expect(socket.delays).toEqual([]);
    expect(socket.lastError).toBe('no test session');
    expect(onAuthRefused).toHaveBeenCalledWith('no test session');
  });

  it('an auth status on the upgrade stops; another status retries', async () => {
    let status = 403;
    server.options.verifyClient = (_info, done) => done(false, status);
    const refusedOnce = make();
    refusedOnce.socket.start();
    await until(() => refusedOnce.onAuthRefused.mock.calls.length === 1, 'refusal');
    expect(refusedOnce.onAuthRefused).toHaveBeenCalledWith('refused (HTTP 403)');
    expect(refusedOnce.socket.delays).toEqual([]);
    // The refusal stays the reason shown, not the "closed before established" that terminating raises.
    await new Promise((r) => setTimeout(r, 50));
    expect(refusedOnce.socket.lastError).toBe('refused (HTTP 403)');
    refusedOnce.socket.stop();

    status = 503;
    const retried = make();
    retried.socket.start();
    await until(() => retried.socket.delays.length >= 2, 'retries');
    expect(retried.onAuthRefused).not.toHaveBeenCalled();
  });
});
