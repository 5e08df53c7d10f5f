import { createClient, type TickdeskClient } from '../../../src-shared/contract/client';
import { bridgeTransport, findPreloadBridge } from './bridge-transport';
import type { ManagedTransport } from './connection-state';
import { takeTokenFromAddressBar } from './page-token';
import { checkSession } from './session-check';
import { browserSocketFactory, webSocketUrl } from './socket';
import { createWebSocketTransport } from './ws-transport';

export interface Connection {
  readonly client: TickdeskClient;
  readonly transport: ManagedTransport;
}

/**
 * Boot-time choice of the channel to main, made once: Electron's preload
 * bridge when the page runs in the app's window, else the browser-mode
 * WebSocket back to the server that served this page.
 */
export function connect(win: Window): Connection {
  const bridge = findPreloadBridge(win);
  const transport = bridge ? bridgeTransport(bridge) : browserTransport(win);
  return { client: createClient(transport), transport };
}

function browserTransport(win: Window): ManagedTransport {
  const token = takeTokenFromAddressBar(win.location, win.history);
  return createWebSocketTransport({
    url: webSocketUrl(win.location, token),
    checkSession: () => checkSession((url, init) => win.fetch(url, init), token),
    createSocket: browserSocketFactory,
  });
}
