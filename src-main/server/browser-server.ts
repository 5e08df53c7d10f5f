import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log';
import { createAuthThrottle, type AuthThrottleOptions } from './auth-throttle';
import { sessionCookieName } from './cookies';
import { createRequestHandler, createUpgradeHandler, type AuthFailure, type HttpContext } from './http-server';
import { createToken } from './token';
import { createWsGateway, type ServerCore } from './ws-server';

export interface BrowserServerOptions {
  core: ServerCore;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Loopback only, by design: browser mode is reached locally or through an SSH tunnel. */
  host?: '127.0.0.1' | '::1';
  log: Logger;
  /** Tests pin the token; normally a fresh random one per run. */
  token?: string;
  /** Called for every refused request (bad token, host or origin), e.g. to write audit_log. */
  onAuthFailure?: (failure: AuthFailure) => void;
  throttle?: AuthThrottleOptions;
  /** Folder of finished audit CSV exports, downloadable at /exports/<name>. */
  exportsDir?: string;
}

export interface BrowserServer {
  /** `http://127.0.0.1:PORT/?token=TOKEN`: the one URL a user opens. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/** The port was taken; the CLI turns this into one clear line. */
export class PortInUseError extends Error {
  readonly port: number;
  constructor(port: number) {
    super(`Port ${port} is in use`);
    this.name = 'PortInUseError';
    this.port = port;
  }
}

/**
 * Serves the built renderer and the contract WebSocket on loopback, behind
 * a random token. Resolves once listening.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== '::1') throw new Error('Browser mode listens on loopback only');
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error(`Invalid port: ${options.port}`);
  }
  const log = options.log.child({ part: 'server' });
  const token = options.token ?? createToken();
  let cookieName = sessionCookieName(options.port);

  const ws = createWsGateway({ core: options.core, log: log.child({ part: 'ws' }) });
  const ctx: HttpContext = {
    staticDir: options.staticDir,
    token,
    cookieName: () => cookieName,
    log,
    throttle: createAuthThrottle(options.throttle),
    ws,
    onAuthFailure: options.onAuthFailure,
    exportsDir: options.exportsDir,
  };

  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000, maxHeaderSize: 16_384 });
  server.on('request', createRequestHandler(ctx));
  server.on('upgrade', createUpgradeHandler(ctx));
  server.on('clientError', (error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
    log.debug('http client error', { error: error.message });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        reject(error.code === 'EADDRINUSE' ? new PortInUseError(options.port) : error);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen({ port: options.port, host, exclusive: true });
    });
  } catch (error) {
    await ws.close();
    throw error;
  }
  server.on('error', (error) => log.error('http server error', { error: error.message }));

  const port = (server.address() as AddressInfo).port;
  cookieName = sessionCookieName(port);
  const urlHost = host === '::1' ? '[::1]' : host;
  const url = `http://${urlHost}:${port}/?token=${token}`;
  log.info('browser mode listening', { host, port });

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    token,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await ws.close();
        await stopped;
        log.info('browser mode stopped');
      })();
      return closing;
    },
  };
}
