import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { EventName } from '../../src-shared/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../src-shared/contract/transport';
import type { CallOutcome } from '../../src-shared/contract/wire';
import type { CallContext } from '../api/registry';
import type { Logger } from '../log';

/**
 * Main's one IPC entry point and its one event pipe. Type-only Electron
 * imports: main.ts passes ipcMain and the window in, tests pass fakes.
 */

export interface CallTarget {
  dispatch(method: unknown, args: unknown, ctx: CallContext): Promise<CallOutcome>;
}

export interface EventSource {
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
}

export const UNAUTHORIZED_OUTCOME: CallOutcome = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'UNAUTHORIZED', message: 'Calls are accepted only from the Tickdesk window.' }),
});

export function registerCallHandler(options: {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  core: CallTarget;
  isTrusted: (event: IpcMainInvokeEvent) => boolean;
  log: Logger;
}): () => void {
  const { ipcMain, core, isTrusted, log } = options;
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, args: unknown): Promise<CallOutcome> => {
    if (!isTrusted(event)) {
      log.warn('refused an IPC call from an untrusted sender', {
        method: typeof method === 'string' ? method.slice(0, 128) : typeof method,
        url: event.senderFrame?.url.slice(0, 256) ?? null,
      });
      return UNAUTHORIZED_OUTCOME;
    }
    return core.dispatch(method, args, { transport: 'electron' });
  });
  return () => ipcMain.removeHandler(IPC_CALL_CHANNEL);
}

/** Pushes every core event to the live windows; a closed window is skipped, not an error. */
export function forwardEvents(
  source: EventSource,
  targets: () => ReadonlyArray<Pick<WebContents, 'isDestroyed' | 'send'>>,
  log: Logger,
): () => void {
  return source.onEvent((event, payload) => {
    for (const contents of targets()) {
      if (contents.isDestroyed()) continue;
      try {
        contents.send(IPC_EVENT_CHANNEL, event, payload);
      } catch (error) {
        // A payload that cannot be cloned is a bug in the core; the window stays up.
        log.error('could not push an event to the window', { event, error: String(error) });
      }
    }
  });
}
