import { PRELOAD_GLOBAL, type PreloadBridge } from '../../../src-shared/contract/transport';
import { OPEN_STATUS, type ManagedTransport } from './connection-state';

/**
 * Electron's preload bridge as a ManagedTransport. IPC to our own main process
 * cannot drop while the window lives, so its connection is simply open.
 */
export function bridgeTransport(bridge: PreloadBridge): ManagedTransport {
  return {
    kind: 'electron',
    invoke: (method, args) => bridge.invoke(method, args),
    onEvent: (listener) => bridge.onEvent(listener),
    status: () => OPEN_STATUS,
    onStatus: () => () => {},
    close: () => {},
  };
}

/** The bridge the preload put on `window`, if this page runs inside Electron. */
export function findPreloadBridge(global: object): PreloadBridge | null {
  const candidate: unknown = Reflect.get(global, PRELOAD_GLOBAL);
  if (
    typeof candidate === 'object' &&
    candidate !== null &&
    Reflect.get(candidate, 'kind') === 'electron' &&
    typeof Reflect.get(candidate, 'invoke') === 'function' &&
    typeof Reflect.get(candidate, 'onEvent') === 'function'
  ) {
    return candidate as PreloadBridge;
  }
  return null;
}
