import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../src-shared/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src-shared/contract/transport';
import type { CallOutcome } from '../../src-shared/contract/wire';
import { silentLogger } from '../log';
import { forwardEvents, registerCallHandler, UNAUTHORIZED_OUTCOME } from './ipc';

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function setup(trusted: boolean) {
  const handlers = new Map<string, InvokeHandler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: InvokeHandler) => {
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => {
      handlers.delete(channel);
    }),
  };
  const dispatch = vi.fn(async (): Promise<CallOutcome> => ({ ok: true, result: 'done' }));
  const dispose = registerCallHandler({ ipcMain, core: { dispatch }, isTrusted: () => trusted, log: silentLogger });
  const event = { senderFrame: { url: 'https://evil.example/' } } as unknown as IpcMainInvokeEvent;
  const call = (method: unknown, args: unknown) => {
    const handler = handlers.get(IPC_CALL_CHANNEL);
    if (!handler) throw new Error('no handler on the call channel');
    return handler(event, method, args);
  };
  return { ipcMain, dispatch, dispose, call, handlers };
}

describe('registerCallHandler', () => {
  it('registers exactly one handler, on the call channel', () => {
    const { ipcMain, handlers } = setup(true);
    expect(ipcMain.handle).toHaveBeenCalledTimes(1);
    expect([...handlers.keys()]).toEqual([IPC_CALL_CHANNEL]);
  });

  it('dispatches a trusted call to the core as an electron call', async () => {
    const { call, dispatch } = setup(true);
    await expect(call('app.info', {})).resolves.toEqual({ ok: true, result: 'done' });
    expect(dispatch).toHaveBeenCalledWith('app.info', {}, { transport: 'electron' });
  });

  it('answers UNAUTHORIZED to an untrusted sender without reaching the core', async () => {
    const { call, dispatch } = setup(false);
    await expect(call('app.info', {})).resolves.toEqual(UNAUTHORIZED_OUTCOME);
    expect(UNAUTHORIZED_OUTCOME).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('removes its handler on dispose', () => {
    const { dispose, handlers } = setup(true);
    dispose();
    expect(handlers.size).toBe(0);
  });
});

describe('forwardEvents', () => {
  function source() {
    let listener: ((event: EventName, payload: unknown) => void) | null = null;
    const unsubscribe = vi.fn();
    return {
      onEvent: (l: (event: EventName, payload: unknown) => void) => {
        listener = l;
        return unsubscribe;
      },
      emit: (event: EventName, payload: unknown) => listener?.(event, payload),
      unsubscribe,
    };
  }

  it('sends each event to live windows on the event channel and skips destroyed ones', () => {
    const events = source();
    const live = { isDestroyed: () => false, send: vi.fn() };
    const dead = { isDestroyed: () => true, send: vi.fn() };
    forwardEvents(events, () => [live, dead], silentLogger);
    events.emit('db.status', { state: 'ready' });
    expect(live.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, 'db.status', { state: 'ready' });
    expect(dead.send).not.toHaveBeenCalled();
  });

  it('survives a window whose send throws', () => {
    const events = source();
    const broken = { isDestroyed: () => false, send: vi.fn(() => { throw new Error('could not clone'); }) };
    const fine = { isDestroyed: () => false, send: vi.fn() };
    forwardEvents(events, () => [broken, fine], silentLogger);
    expect(() => events.emit('db.status', 1)).not.toThrow();
    expect(fine.send).toHaveBeenCalled();
  });

  it('returns the core unsubscribe', () => {
    const events = source();
    forwardEvents(events, () => [], silentLogger)();
    expect(events.unsubscribe).toHaveBeenCalled();
  });
});
