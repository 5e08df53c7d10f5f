export { startBrowserServer, PortInUseError, type BrowserServer, type BrowserServerOptions } from './browser-server';
export type { AuthFailure } from './http-server';
export type { ServerCore } from './ws-server';
