import type { ErrorCode } from '../../src-shared/contract/errors';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type PreloadBridge } from '../../src-shared/contract/transport';
import { callOutcomeSchema, type CallOutcome } from '../../src-shared/contract/wire';

/**
 * The object the preload exposes, built from an injected ipcRenderer so it is
 * tested without Electron. It never hands out ipcRenderer or an IPC event:
 * the page gets a method name → outcome function and (name, payload) events.
 */

/** The slice of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** A contract method name, checked before anything reaches IPC. */
export function isAllowedMethod(name: unknown, allowlist: ReadonlySet<string>): name is string {
  return typeof name === 'string' && name.length <= 128 && allowlist.has(name);
}

function failure(code: ErrorCode, message: string): CallOutcome {
  return { ok: false, error: { code, message } };
}

export function createPreloadBridge(ipc: IpcRendererLike, allowlist: ReadonlySet<string>): PreloadBridge {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const onIpcEvent = (_event: unknown, name: unknown, payload: unknown) => {
    if (typeof name !== 'string') return;
    for (const listener of [...listeners]) {
      try {
        listener(name, payload);
      } catch (error) {
        // One broken page listener must not starve the others.
        console.error(`tickdesk: a listener for "${name}" threw`, error);
      }
    }
  };

  return Object.freeze({
    kind: 'electron' as const,

    async invoke(method: string, args: unknown): Promise<CallOutcome> {
      if (!isAllowedMethod(method, allowlist)) {
        return failure('NOT_FOUND', `Unknown method "${String(method).slice(0, 128)}"`);
      }
      let answer: unknown;
      try {
        answer = await ipc.invoke(IPC_CALL_CHANNEL, method, args);
      } catch (error) {
        // Arguments that cannot be cloned, or main gone mid-quit.
        const reason = error instanceof Error ? error.message : String(error);
        return failure('INTERNAL', `The call "${method}" did not reach the app: ${reason}`);
      }
      const parsed = callOutcomeSchema.safeParse(answer);
      return parsed.success ? parsed.data : failure('INTERNAL', `Main answered "${method}" with a malformed envelope`);
    },

    onEvent(listener: (event: string, payload: unknown) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
      // A wrapper per subscription, so subscribing the same function twice unsubscribes independently.
      const wrapped = (event: string, payload: unknown) => listener(event, payload);
      if (listeners.size === 0) ipc.on(IPC_EVENT_CHANNEL, onIpcEvent);
      listeners.add(wrapped);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        listeners.delete(wrapped);
        if (listeners.size === 0) ipc.removeListener(IPC_EVENT_CHANNEL, onIpcEvent);
      };
    },
  });
}
