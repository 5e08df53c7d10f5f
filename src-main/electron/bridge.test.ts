import { describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../src-shared/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src-shared/contract/transport';
import { createPreloadBridge, isAllowedMethod, type IpcRendererLike } from './bridge';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc(answer: (method: unknown, args: unknown) => unknown = () => ({ ok: true, result: 'pong' })) {
  const handlers = new Map<string, Set<IpcListener>>();
  const ipc = {
    invoke: vi.fn(async (_channel: string, ...args: unknown[]) => answer(args[0], args[1])),
    on: vi.fn((channel: string, listener: IpcListener) => {
      const set = handlers.get(channel) ?? new Set();
      set.add(listener);
      handlers.set(channel, set);
    }),
    removeListener: vi.fn((channel: string, listener: IpcListener) => {
      handlers.get(channel)?.delete(listener);
    }),
  } satisfies IpcRendererLike;
  const emit = (name: unknown, payload: unknown) => {
    for (const listener of handlers.get(IPC_EVENT_CHANNEL) ?? []) listener({ sender: 'raw ipc event' }, name, payload);
  };
  const count = () => handlers.get(IPC_EVENT_CHANNEL)?.size ?? 0;
  return { ipc, emit, count };
}

const allow = new Set(methodNames);

describe('isAllowedMethod', () => {
  it('allows every contract method', () => {
    expect(methodNames.length).toBeGreaterThan(0);
    for (const name of methodNames) expect(isAllowedMethod(name, allow)).toBe(true);
  });

  it.each([
    'app.nope',
    '',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'APP.INFO',
    ' app.info',
    'app.info ',
  ])('refuses %j', (name) => {
    expect(isAllowedMethod(name, allow)).toBe(false);
  });

  it('refuses non-strings, including objects that stringify to a method', () => {
    const first = methodNames[0] ?? 'app.info';
    for (const value of [undefined, null, 1, {}, [first], { toString: () => first }]) {
      expect(isAllowedMethod(value, allow)).toBe(false);
    }
  });
});

describe('createPreloadBridge', () => {
  it('is an electron bridge with only invoke and onEvent', () => {
    const bridge = createPreloadBridge(fakeIpc().ipc, allow);
    expect(bridge.kind).toBe('electron');
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'kind', 'onEvent']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('forwards an allowed call on the one call channel and returns its outcome', async () => {
    const { ipc } = fakeIpc();
    const bridge = createPreloadBridge(ipc, allow);
    await expect(bridge.invoke('app.info', {})).resolves.toEqual({ ok: true, result: 'pong' });
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_CALL_CHANNEL, 'app.info', {});
  });

  it('answers NOT_FOUND for an unknown method without touching IPC', async () => {
    const { ipc } = fakeIpc();
    const bridge = createPreloadBridge(ipc, allow);
    const outcome = await bridge.invoke('fs.readFile', { path: '/etc/passwd' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await expect(bridge.invoke(42 as unknown as string, {})).resolves.toMatchObject({ ok: false });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('turns an IPC failure into an INTERNAL envelope instead of a rejection', async () => {
    const { ipc } = fakeIpc(() => {
      throw new Error('An object could not be cloned.');
    });
    const outcome = await createPreloadBridge(ipc, allow).invoke('app.info', { f: () => 1 });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('refuses a malformed answer from main', async () => {
    const { ipc } = fakeIpc(() => ({ result: 'no ok flag' }));
    const outcome = await createPreloadBridge(ipc, allow).invoke('app.info', {});
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('delivers events as (name, payload), never the raw IPC event', () => {
    const { ipc, emit } = fakeIpc();
    const bridge = createPreloadBridge(ipc, allow);
    const seen: unknown[][] = [];
    bridge.onEvent((...args) => seen.push(args));
    emit('db.status', { state: 'ready' });
    emit(17, 'not a name');
    expect(seen).toEqual([['db.status', { state: 'ready' }]]);
  });

  it('unsubscribes, and drops its IPC listener when the last one leaves', () => {
    const { ipc, emit, count } = fakeIpc();
    const bridge = createPreloadBridge(ipc, allow);
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.onEvent(a);
    const offB = bridge.onEvent(b);
    expect(count()).toBe(1);
    offA();
    offA();
    emit('db.status', 1);
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
    offB();
    expect(count()).toBe(0);
    bridge.onEvent(a);
    expect(count()).toBe(1);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const { ipc, emit } = fakeIpc();
    const bridge = createPreloadBridge(ipc, allow);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const good = vi.fn();
    bridge.onEvent(() => {
      throw new Error('boom');
    });
    bridge.onEvent(good);
    emit('db.status', 1);
    expect(good).toHaveBeenCalledWith('db.status', 1);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
